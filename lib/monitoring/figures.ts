import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { fromDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MONITORING_CATEGORY } from "@/lib/monitoring/codes";
import { unmatchedRiskRows } from "@/lib/monitoring/fit";
import { getMonitoringSettings, monitoringObjectScopeWhere } from "@/lib/monitoring/queries";
import type { FigureRegion, MonitoringCounts, MonitoringFigures } from "@/lib/monitoring/figure-links";
import { overdueWarningWhere, warningScopeWhere } from "@/lib/monitoring/warnings-queries";

export type { MonitoringFigures } from "@/lib/monitoring/figure-links";

/**
 * The monitoring figures of the 挂图作战 dashboard (docs/decisions/031-monitoring-channels-and-figures.md), each defined
 * once and counted live from the monitoring tables — never person rows. An object figure is a filter on monitoring
 * objects; the object list (/monitoring?figure=…) adds the very same filter, so the figure and its list agree. The 预警
 * figures open the 预警 list with its own filters (status, 已超期), and 风险未对应措施 counts the rows of the
 * 风险未对应措施 list (the same function builds both).
 */

/**
 * An object figure's filter: 监测中 (`monitored`), by category (`category:<code>`), 待识别 (`pending`), 监测中 with an open risk of a
 * type (`risk:<code>`), 风险已消除 this year (`eliminated`, the year of `today`). Unknown codes: null (the list ignores them).
 */
export function objectFigureWhere(code: string, today = todayString()): Prisma.MonitoringObjectWhereInput | null {
  if (code === "monitored") return { status: "MONITORED" };
  if (code === "pending") return { status: "PENDING" };
  if (code === "eliminated") {
    const year = today.slice(0, 4);
    return { status: "ELIMINATED", eliminatedOn: { gte: fromDateString(`${year}-01-01`), lte: fromDateString(`${year}-12-31`) } };
  }
  const [kind, value] = code.split(":");
  if (kind === "category" && (MONITORING_CATEGORY.codes as readonly string[]).includes(value)) return { status: "MONITORED", category: value };
  if (kind === "risk" && value && /^[A-Z0-9_]{1,40}$/.test(value)) return { status: "MONITORED", risks: { some: { riskType: value, resolvedOn: null } } };
  return null;
}

/** The caption of the object list opened from a figure. */
export function objectFigureCaption(code: string, riskLabels: ReadonlyMap<string, string>, today = todayString()): string | null {
  if (!objectFigureWhere(code, today)) return null;
  if (code === "monitored") return "监测中的对象";
  if (code === "pending") return "待识别的监测对象";
  if (code === "eliminated") return `${today.slice(0, 4)} 年风险已消除的监测对象`;
  const [kind, value] = code.split(":");
  if (kind === "category") return `监测中的${MONITORING_CATEGORY.label(value as keyof typeof MONITORING_CATEGORY.labels)}`;
  return `有未消除“${riskLabels.get(value) ?? value}”风险的监测中对象`;
}

function regionWhere(region: FigureRegion): { countyCode: string } | { townshipCode: string } | { villageCode: string } {
  if (region.level === "TOWNSHIP") return { townshipCode: region.code };
  if (region.level === "VILLAGE") return { villageCode: region.code };
  return { countyCode: region.code.slice(0, 6) };
}

/**
 * The monitoring figures of a dashboard region and its children (townships of a county, villages of a township),
 * within the actor's monitoring scope: counted per village, summed per child. Null when the reader may not see
 * monitoring at all.
 */
export async function loadMonitoringFigures(
  actor: Actor,
  region: FigureRegion,
  children: readonly FigureRegion[],
  today = todayString(),
): Promise<MonitoringFigures | null> {
  if (!can(actor, "monitoring.read")) return null;
  requirePermission(actor, "monitoring.read");
  const [riskTypes, settings] = await Promise.all([
    db.monitoringRiskType.findMany({ orderBy: { position: "asc" }, select: { code: true, label: true } }),
    getMonitoringSettings(),
  ]);
  const categories = MONITORING_CATEGORY.codes.map((code) => ({ code: `category:${code}`, label: MONITORING_CATEGORY.labels[code] }));
  const risks = riskTypes.map((type) => ({ code: `risk:${type.code}`, label: type.label }));
  const where = regionWhere(region);

  const perVillage = new Map<string, MonitoringCounts>();
  const add = (villageCode: string, code: string, count: number) => {
    const counts = perVillage.get(villageCode) ?? new Map<string, number>();
    counts.set(code, (counts.get(code) ?? 0) + count);
    perVillage.set(villageCode, counts);
  };
  // Three reads for all object figures (one per figure was some twenty statements on every dashboard view,
  // bench/RESULTS.md). Each counts exactly what objectFigureWhere selects for the figure's list:
  // 监测中, by category, and 待识别 from one grouping by status and category; objects with an open risk of a type
  // from their distinct open risks; 消除 this year with the figure's own filter.
  const objectScope = monitoringObjectScopeWhere(actor);
  const warningScope = warningScopeWhere(actor);
  const [byStatus, openRisks, eliminated, open, overdue] = await Promise.all([
    db.monitoringObject.groupBy({
      by: ["villageCode", "status", "category"],
      where: { AND: [objectScope, where, { status: { in: ["MONITORED", "PENDING"] } }] },
      _count: { _all: true },
    }),
    db.monitoringRisk.findMany({
      where: { resolvedOn: null, object: { AND: [objectScope, where, { status: "MONITORED" }] } },
      distinct: ["objectId", "riskType"],
      select: { riskType: true, object: { select: { villageCode: true } } },
    }),
    db.monitoringObject.groupBy({
      by: ["villageCode"],
      where: { AND: [objectScope, where, objectFigureWhere("eliminated", today)!] },
      _count: { _all: true },
    }),
    db.monitoringWarning.groupBy({ by: ["villageCode"], where: { AND: [warningScope, where, { status: "OPEN" }] }, _count: { _all: true } }),
    db.monitoringWarning.groupBy({
      by: ["villageCode"],
      where: { AND: [warningScope, where, overdueWarningWhere(settings.selfApplicationDays, today)] },
      _count: { _all: true },
    }),
  ]);
  // 风险未对应措施 lists only objects monitored with an open risk (the rows just read): without one it is empty.
  const unmatched = openRisks.length > 0 ? await unmatchedRiskRows(actor, regionFilter(region)) : [];
  for (const group of byStatus) {
    if (group.status === "PENDING") add(group.villageCode, "pending", group._count._all);
    else {
      add(group.villageCode, "monitored", group._count._all);
      add(group.villageCode, `category:${group.category}`, group._count._all);
    }
  }
  for (const risk of openRisks) add(risk.object.villageCode, `risk:${risk.riskType}`, 1);
  for (const group of eliminated) add(group.villageCode, "eliminated", group._count._all);
  for (const group of open) add(group.villageCode, "warningsOpen", group._count._all);
  for (const group of overdue) add(group.villageCode, "warningsOverdue", group._count._all);
  for (const row of unmatched) add(row.villageCode, "unmatched", 1);

  const villages =
    perVillage.size === 0 ? [] : await db.region.findMany({ where: { code: { in: [...perVillage.keys()] } }, select: { code: true, townshipCode: true } });
  const townshipOf = new Map(villages.map((village) => [village.code, village.townshipCode]));
  const counts = new Map<string, MonitoringCounts>();
  const sumInto = (target: string, source: MonitoringCounts) => {
    const total = counts.get(target) ?? new Map<string, number>();
    for (const [code, count] of source) total.set(code, (total.get(code) ?? 0) + count);
    counts.set(target, total);
  };
  const childCodes = new Set(children.map((child) => child.code));
  for (const [villageCode, villageCounts] of perVillage) {
    sumInto(region.code, villageCounts);
    if (childCodes.has(villageCode)) sumInto(villageCode, villageCounts);
    const township = townshipOf.get(villageCode);
    if (township && childCodes.has(township)) sumInto(township, villageCounts);
  }
  return { categories, risks, selfApplicationDays: settings.selfApplicationDays, year: Number(today.slice(0, 4)), counts };
}

function regionFilter(region: FigureRegion): { township?: string; village?: string } {
  if (region.level === "TOWNSHIP") return { township: region.code };
  if (region.level === "VILLAGE") return { village: region.code };
  return {};
}
