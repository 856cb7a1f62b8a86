import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScope } from "@/lib/auth/scope";
import { fromDateString, todayString, toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getMonitoringSettings } from "@/lib/monitoring/queries";
import { ageInDays, selfApplicationOverdue } from "@/lib/monitoring/rules";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";

const NO_ROW = "00000000-0000-0000-0000-000000000000";

/** 预警 in scope, like monitoring objects: the county, the township or the village; a 帮扶责任人 sees none. */
export function warningScopeWhere(actor: Actor): Prisma.MonitoringWarningWhereInput {
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return { countyCode: scope.countyCode };
    case "township":
      return { townshipCode: scope.townshipCode };
    case "village":
      return { villageCode: scope.villageCode };
    default:
      return { id: NO_ROW };
  }
}

export type WarningFilter = { status?: "OPEN" | "CHECKED"; source?: string; township?: string; village?: string; overdue?: boolean };

/** The last day a 农户自主申报 may have been filed on and not yet be overdue is `days` before today. */
function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 已超期: a 农户自主申报 still 待核实 more than `days` days after it was filed (selfApplicationOverdue, as a filter).
 * Other channels have no deadline.
 */
export function overdueWarningWhere(days: number, today: string): Prisma.MonitoringWarningWhereInput {
  return { source: "SELF_APPLICATION", status: "OPEN", raisedOn: { lt: fromDateString(daysBefore(today, days)) } };
}

export type WarningRow = {
  id: string;
  version: number;
  villageName: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  source: string;
  reason: string;
  raisedOn: string;
  ageDays: number;
  /** A self-application not acted on within the configured days. */
  overdue: boolean;
  status: string;
  outcome: string | null;
  objectId: string | null;
  checkNote: string | null;
};

/** The 预警 list (per village, oldest open first) with each one's age in days. */
export async function findWarnings(actor: Actor, filter: WarningFilter, page: PageParams, today = todayString()): Promise<Page<WarningRow>> {
  requirePermission(actor, "monitoring.read");
  const and: Prisma.MonitoringWarningWhereInput[] = [warningScopeWhere(actor)];
  if (filter.status) and.push({ status: filter.status });
  if (filter.source === "DEPARTMENT") and.push({ source: { startsWith: "DEPARTMENT_" } });
  else if (filter.source) and.push({ source: filter.source });
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  const { selfApplicationDays } = await getMonitoringSettings();
  if (filter.overdue) and.push(overdueWarningWhere(selfApplicationDays, today));
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db.monitoringWarning.findMany({
      where,
      include: {
        village: { select: { name: true } },
        household: { select: { householdNo: true, members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true } } } },
      },
      orderBy: [{ status: "desc" }, { villageCode: "asc" }, { raisedOn: "asc" }, { id: "asc" }],
      ...skipTake(page),
    }),
    db.monitoringWarning.count({ where }),
  ]);
  return toPage(
    rows.map((row) => {
      const raisedOn = toDateString(row.raisedOn);
      return {
        id: row.id,
        version: row.version,
        villageName: row.village.name,
        householdId: row.householdId,
        householdNo: row.household.householdNo,
        headName: row.household.members[0]?.name ?? null,
        source: row.source,
        reason: row.reason,
        raisedOn,
        ageDays: ageInDays(raisedOn, today),
        overdue: row.source === "SELF_APPLICATION" && selfApplicationOverdue(raisedOn, today, selfApplicationDays, row.status === "OPEN" ? null : "checked"),
        status: row.status,
        outcome: row.outcome,
        objectId: row.objectId,
        checkNote: row.checkNote,
      };
    }),
    total,
    page,
  );
}
