import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeSql } from "@/lib/auth/scope-sql";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage, type PageParams } from "@/lib/pagination";
import { getCountySettings } from "@/lib/settings/queries";

export type OverdueRow = {
  id: string;
  householdNo: string;
  villageName: string;
  headName: string | null;
  helperName: string;
  lastVisit: string | null;
  daysSince: number | null;
};

/** Households not yet out of poverty with no visit in the configured number of days (or never visited). */
export async function findOverdueVisits(actor: Actor, filter: { village?: string }, paging: PageParams) {
  requirePermission(actor, "coverage.read");
  const { visitOverdueDays } = await getCountySettings();
  const today = todayString();
  const conditions = [householdScopeSql(actor), Prisma.sql`h.status IN ('REGISTERED', 'RETURNED')`];
  if (filter.village) conditions.push(Prisma.sql`h.village_code = ${filter.village}`);
  const base = Prisma.sql`
    SELECT h.id, h.household_no, h.village_code, h.helper_id, v.last_visit
    FROM household h
    LEFT JOIN LATERAL (SELECT max(visited_on) AS last_visit FROM visit WHERE visit.household_id = h.id) v ON TRUE
    WHERE ${Prisma.join(conditions, " AND ")}
      AND (v.last_visit IS NULL OR v.last_visit < ${today}::date - ${visitOverdueDays}::int)`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ id: string; household_no: string; village_name: string; head_name: string | null; helper_name: string; last_visit: Date | null }[]>`
      SELECT o.id, o.household_no, r.name AS village_name, u.display_name AS helper_name, o.last_visit,
             (SELECT m.name FROM member m WHERE m.household_id = o.id AND m.relation = 'HEAD' AND m.status = 'PRESENT' LIMIT 1) AS head_name
      FROM (${base}) o JOIN region r ON r.code = o.village_code JOIN app_user u ON u.id = o.helper_id
      ORDER BY o.last_visit NULLS FIRST, o.household_no
      LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`,
    db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM (${base}) o`,
  ]);
  const todayTime = Date.parse(`${today}T00:00:00Z`);
  const shaped: OverdueRow[] = rows.map((row) => ({
    id: row.id,
    householdNo: row.household_no,
    villageName: row.village_name,
    headName: row.head_name,
    helperName: row.helper_name,
    lastVisit: row.last_visit ? row.last_visit.toISOString().slice(0, 10) : null,
    daysSince: row.last_visit ? Math.round((todayTime - row.last_visit.getTime()) / 86_400_000) : null,
  }));
  return { page: toPage(shaped, Number(count[0]?.total ?? 0), paging), days: visitOverdueDays };
}
