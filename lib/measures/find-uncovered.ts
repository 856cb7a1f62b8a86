import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeSql } from "@/lib/auth/scope-sql";
import { db } from "@/lib/db";
import { POVERTY_CAUSE } from "@/lib/domain/codes";
import { Prisma } from "@/lib/generated/prisma/client";
import { maskIdNumber } from "@/lib/members/id-number";
import { toPage, type PageParams } from "@/lib/pagination";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);

export const ZUncoveredFilter = z.object({
  township: optional(z.string().regex(/^\d{12}$/)),
  village: optional(z.string().regex(/^\d{12}$/)),
  cause: optional(z.enum(POVERTY_CAUSE.codes)),
});
export type TUncoveredFilter = z.infer<typeof ZUncoveredFilter>;

export type UncoveredRow = {
  id: string;
  householdNo: string;
  townshipName: string;
  villageName: string;
  headName: string | null;
  headIdMasked: string | null;
  helperName: string;
  address: string;
  uncoveredCauses: string[];
};

/**
 * 施策不精准清单: households not yet out of poverty with at least one recorded 致贫原因
 * that no active or completed measure of a fitting category addresses. The same rule as
 * lib/measures/rules.ts#computeCoverage, evaluated in SQL so it scales to a county.
 */
function uncoveredSql(actor: Actor, filter: TUncoveredFilter) {
  const conditions = [householdScopeSql(actor), Prisma.sql`h.status IN ('REGISTERED', 'RETURNED')`];
  if (filter.township) conditions.push(Prisma.sql`h.township_code = ${filter.township}`);
  if (filter.village) conditions.push(Prisma.sql`h.village_code = ${filter.village}`);
  return Prisma.sql`
    SELECT h.id, array_agg(c.cause ORDER BY c.ordinality) AS uncovered
    FROM household h
    CROSS JOIN LATERAL unnest(array_prepend(h.primary_cause, h.other_causes)) WITH ORDINALITY AS c(cause, ordinality)
    WHERE ${Prisma.join(conditions, " AND ")}
      AND NOT EXISTS (
        SELECT 1 FROM measure m
        JOIN cause_category_fit f ON f.category = m.category AND f.cause = c.cause
        WHERE m.household_id = h.id AND m.status IN ('ACTIVE', 'COMPLETED') AND c.cause = ANY (m.addressed_causes)
      )
    GROUP BY h.id
    ${filter.cause ? Prisma.sql`HAVING ${filter.cause} = ANY (array_agg(c.cause))` : Prisma.empty}`;
}

export async function findUncoveredHouseholds(actor: Actor, filter: TUncoveredFilter, paging: PageParams | "all") {
  requirePermission(actor, "coverage.read");
  const base = uncoveredSql(actor, filter);
  const limit = paging === "all" ? Prisma.sql`LIMIT 100000` : Prisma.sql`LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`;
  const [rows, totals, byVillage] = await Promise.all([
    db.$queryRaw<{ id: string; uncovered: string[] }[]>`
      SELECT u.id, u.uncovered FROM (${base}) u JOIN household h ON h.id = u.id ORDER BY h.household_no ${limit}`,
    db.$queryRaw<{ households: bigint; causes: bigint }[]>`SELECT count(*) AS households, coalesce(sum(cardinality(uncovered)), 0) AS causes FROM (${base}) u`,
    db.$queryRaw<{ village_code: string; name: string; households: bigint }[]>`
      SELECT h.village_code, r.name, count(*) AS households FROM (${base}) u JOIN household h ON h.id = u.id JOIN region r ON r.code = h.village_code
      GROUP BY h.village_code, r.name ORDER BY h.village_code`,
  ]);
  const details = await db.household.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: {
      id: true,
      householdNo: true,
      address: true,
      township: { select: { name: true } },
      village: { select: { name: true } },
      helper: { select: { displayName: true } },
      members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true, idNumber: true } },
    },
  });
  const byId = new Map(details.map((row) => [row.id, row]));
  const shaped: UncoveredRow[] = rows.map((row) => {
    const detail = byId.get(row.id)!;
    const head = detail.members[0];
    return {
      id: row.id,
      householdNo: detail.householdNo,
      townshipName: detail.township.name,
      villageName: detail.village.name,
      headName: head?.name ?? null,
      headIdMasked: head ? maskIdNumber(head.idNumber) : null,
      helperName: detail.helper.displayName,
      address: detail.address,
      uncoveredCauses: row.uncovered,
    };
  });
  const total = Number(totals[0]?.households ?? 0);
  const summary = {
    households: total,
    causes: Number(totals[0]?.causes ?? 0),
    byVillage: byVillage.map((row) => ({ villageCode: row.village_code, name: row.name, households: Number(row.households) })),
  };
  return { page: toPage(shaped, total, paging === "all" ? { page: 1, pageSize: Math.max(1, total) } : paging), summary };
}
