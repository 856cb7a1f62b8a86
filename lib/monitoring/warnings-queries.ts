import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScope } from "@/lib/auth/scope";
import { todayString, toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ageInDays } from "@/lib/monitoring/rules";
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

export type WarningFilter = { status?: "OPEN" | "CHECKED"; source?: string; village?: string };

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
  if (filter.village) and.push({ villageCode: filter.village });
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
