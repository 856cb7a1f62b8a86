import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScope } from "@/lib/auth/scope";
import { householdScopeSql } from "@/lib/auth/scope-sql";
import { todayString, toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { findExitQueue } from "@/lib/exits/household/find-exit-queue";
import { Prisma } from "@/lib/generated/prisma/client";
import { findUncoveredHouseholds } from "@/lib/measures/find-uncovered";
import { toPage, type Page, type PageParams } from "@/lib/pagination";
import { getCountySettings } from "@/lib/settings/queries";
import { measureNeedsReport, visitOverdue } from "./rules";

export type MyHouseholdRow = {
  id: string;
  householdNo: string;
  headName: string | null;
  villageName: string;
  status: string;
  lastVisit: string | null;
  daysSinceVisit: number | null;
  visitOverdue: boolean;
  /** Measures waiting for a report (lib/home/rules.ts#measureNeedsReport). */
  measuresToReport: number;
  /** 致贫原因 no fitting active or completed measure addresses (施策不精准). */
  uncoveredCauses: string[];
  /** The exit sheet step waiting for this helper, or a sheet sent back to them. */
  exit: { sheetId: string; label: string } | null;
};

export type MyHouseholds = {
  page: Page<MyHouseholdRow>;
  visitOverdueDays: number;
  totals: { households: number; visitsOverdue: number; exitSteps: number; uncovered: number };
};

/**
 * 我的帮扶户: the households a 帮扶责任人 helps, with what is due on each — a visit overdue,
 * measures to report, 致贫原因 not yet covered, an exit step waiting for them. Only for the
 * helper role: the scope (their own households) is established before anything is read.
 * Households with a visit overdue come first; 已注销 households are left out.
 */
export async function findMyHouseholds(actor: Actor, paging: PageParams): Promise<MyHouseholds> {
  requirePermission(actor, "household.read");
  if (householdScope(actor).kind !== "assigned") throw forbidden();
  const scope = householdScopeSql(actor);
  const { visitOverdueDays } = await getCountySettings();
  const today = todayString();
  const overdueSql = Prisma.sql`(h.status IN ('REGISTERED', 'RETURNED') AND (v.last_visit IS NULL OR v.last_visit < ${today}::date - ${visitOverdueDays}::int))`;
  const base = Prisma.sql`
    FROM household h
    JOIN region r ON r.code = h.village_code
    LEFT JOIN LATERAL (SELECT max(visited_on) AS last_visit FROM visit WHERE visit.household_id = h.id) v ON TRUE
    WHERE ${scope} AND h.status <> 'CANCELLED'`;
  const [rows, counts] = await Promise.all([
    db.$queryRaw<{ id: string; household_no: string; status: string; village_name: string; head_name: string | null; last_visit: Date | null }[]>`
      SELECT h.id, h.household_no, h.status, r.name AS village_name, v.last_visit,
             (SELECT m.name FROM member m WHERE m.household_id = h.id AND m.relation = 'HEAD' AND m.status = 'PRESENT' LIMIT 1) AS head_name
      ${base}
      ORDER BY ${overdueSql} DESC, h.household_no
      LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`,
    db.$queryRaw<{ total: bigint; overdue: bigint }[]>`SELECT count(*) AS total, count(*) FILTER (WHERE ${overdueSql}) AS overdue ${base}`,
  ]);
  const ids = rows.map((row) => row.id);
  const [measures, uncovered, queue] = await Promise.all([
    db.measure.findMany({
      where: { householdId: { in: ids }, status: { in: ["PLANNED", "ACTIVE"] } },
      select: { householdId: true, status: true, startDate: true, endDate: true },
    }),
    findUncoveredHouseholds(actor, {}, "all"),
    findExitQueue(actor),
  ]);
  const toReport = new Map<string, number>();
  for (const measure of measures) {
    const due = measureNeedsReport(
      { status: measure.status, startDate: toDateString(measure.startDate), endDate: measure.endDate ? toDateString(measure.endDate) : null },
      today,
    );
    if (due) toReport.set(measure.householdId, (toReport.get(measure.householdId) ?? 0) + 1);
  }
  const uncoveredBy = new Map(uncovered.page.rows.map((row) => [row.id, row.uncoveredCauses]));
  const exitBy = new Map<string, { sheetId: string; label: string }>();
  for (const row of queue.rejected) exitBy.set(row.householdId, { sheetId: row.id, label: "核验表被退回，待重新提出" });
  for (const row of queue.pending) exitBy.set(row.householdId, { sheetId: row.id, label: `待您${row.actionLabel}：${row.stepLabel}` });
  const todayTime = Date.parse(`${today}T00:00:00Z`);
  const shaped: MyHouseholdRow[] = rows.map((row) => {
    const daysSinceVisit = row.last_visit ? Math.round((todayTime - row.last_visit.getTime()) / 86_400_000) : null;
    return {
      id: row.id,
      householdNo: row.household_no,
      headName: row.head_name,
      villageName: row.village_name,
      status: row.status,
      lastVisit: row.last_visit ? toDateString(row.last_visit) : null,
      daysSinceVisit,
      visitOverdue: visitOverdue({ status: row.status, daysSinceVisit, limitDays: visitOverdueDays }),
      measuresToReport: toReport.get(row.id) ?? 0,
      uncoveredCauses: uncoveredBy.get(row.id) ?? [],
      exit: exitBy.get(row.id) ?? null,
    };
  });
  const total = Number(counts[0]?.total ?? 0);
  return {
    page: toPage(shaped, total, paging),
    visitOverdueDays,
    totals: { households: total, visitsOverdue: Number(counts[0]?.overdue ?? 0), exitSteps: exitBy.size, uncovered: uncovered.summary.households },
  };
}
