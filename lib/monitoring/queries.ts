import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScope } from "@/lib/auth/scope";
import { toDateString } from "@/lib/dates";
import { db, type Db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskIdNumber } from "@/lib/members/id-number";
import type { MonitoringCategory } from "@/lib/monitoring/codes";
import { DEFAULT_MARGIN_PERMILLE, registrationFlag } from "@/lib/monitoring/rules";
import { ZMonitoringSettings, type MonitoringSettings } from "@/lib/monitoring/schema";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";

export const MONITORING_SETTINGS_KEY = "monitoring";
const NO_ROW = "00000000-0000-0000-0000-000000000000";

/**
 * Monitoring objects in scope: county-wide for county roles, the township or the village for
 * their cadres. A 帮扶责任人 has no monitoring scope (an object may have no household to be assigned to).
 */
export function monitoringObjectScopeWhere(actor: Actor): Prisma.MonitoringObjectWhereInput {
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

/** The stored settings merged over the defaults; a malformed row falls back to them. */
export async function getMonitoringSettings(client: Db | Tx = db): Promise<MonitoringSettings> {
  const row = await client.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY } });
  const parsed = ZMonitoringSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : ZMonitoringSettings.parse({ marginPermille: DEFAULT_MARGIN_PERMILLE });
}

export async function getMonitoringSettingsRow(actor: Actor) {
  requirePermission(actor, "monitoring.read");
  const [settings, row] = await Promise.all([
    getMonitoringSettings(),
    db.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY }, select: { version: true } }),
  ]);
  return { settings, version: row?.version ?? 0 };
}

export async function listMonitoringLines(actor: Actor) {
  requirePermission(actor, "monitoring.read");
  return db.monitoringLine.findMany({ orderBy: { year: "desc" }, select: { year: true, amountFen: true, version: true, updatedAt: true } });
}

/** Lines for the given years; a year without a line is absent (never guessed). */
export async function monitoringLinesFor(years: number[], client: Db | Tx = db): Promise<Map<number, number>> {
  if (!years.length) return new Map();
  const rows = await client.monitoringLine.findMany({ where: { year: { in: years } }, select: { year: true, amountFen: true } });
  return new Map(rows.map((row) => [row.year, row.amountFen]));
}

export async function listRiskTypes(actor: Actor, { includeRetired = false } = {}) {
  requirePermission(actor, "monitoring.read");
  return db.monitoringRiskType.findMany({ where: includeRetired ? {} : { retired: false }, orderBy: { position: "asc" } });
}

export type MonitoringListRow = {
  id: string;
  villageName: string;
  headName: string | null;
  householdNo: string | null;
  category: string;
  status: string;
  flag: string | null;
  riskLabels: string[];
  createdAt: Date;
};

/** `figure`: a dashboard figure's own filter (lib/monitoring/figures.ts#objectFigureWhere), already resolved by the caller. */
export type MonitoringFilter = {
  category?: MonitoringCategory;
  registered?: "yes" | "no";
  township?: string;
  village?: string;
  figure?: Prisma.MonitoringObjectWhereInput;
};

const objectInclude = {
  village: { select: { name: true } },
  household: {
    select: {
      householdNo: true,
      identificationYear: true,
      members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true, idNumber: true } },
    },
  },
  risks: { include: { type: { select: { label: true } } }, orderBy: { foundOn: "asc" } },
} satisfies Prisma.MonitoringObjectInclude;

type ObjectRow = Prisma.MonitoringObjectGetPayload<{ include: typeof objectInclude }>;

const headOf = (row: ObjectRow) => {
  const head = row.household?.members[0];
  return { name: head?.name ?? row.headName, idNumber: head?.idNumber ?? row.headIdNumber };
};

export async function findMonitoringObjects(actor: Actor, filter: MonitoringFilter, page: PageParams): Promise<Page<MonitoringListRow>> {
  requirePermission(actor, "monitoring.read");
  const and: Prisma.MonitoringObjectWhereInput[] = [monitoringObjectScopeWhere(actor)];
  if (filter.category) and.push({ category: filter.category });
  if (filter.registered === "yes") and.push({ householdId: { not: null } });
  if (filter.registered === "no") and.push({ householdId: null });
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  if (filter.figure) and.push(filter.figure);
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db.monitoringObject.findMany({ where, include: objectInclude, orderBy: [{ createdAt: "desc" }, { id: "asc" }], ...skipTake(page) }),
    db.monitoringObject.count({ where }),
  ]);
  return toPage(
    rows.map((row) => ({
      id: row.id,
      villageName: row.village.name,
      headName: headOf(row).name,
      householdNo: row.household?.householdNo ?? null,
      category: row.category,
      status: row.status,
      flag: registrationFlag({ householdId: row.householdId, identificationYear: row.household?.identificationYear ?? null }),
      riskLabels: row.risks.map((risk) => risk.type.label),
      createdAt: row.createdAt,
    })),
    total,
    page,
  );
}

/** One monitoring object in scope with its risks; out of scope answers exactly like missing. */
export async function getMonitoringObject(actor: Actor, id: string) {
  requirePermission(actor, "monitoring.read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("监测对象");
  const row = await db.monitoringObject.findFirst({ where: { AND: [monitoringObjectScopeWhere(actor), { id }] }, include: objectInclude });
  if (!row) throw notFound("监测对象");
  const head = headOf(row);
  return {
    id: row.id,
    version: row.version,
    householdId: row.householdId,
    householdNo: row.household?.householdNo ?? null,
    villageName: row.village.name,
    headName: head.name,
    headIdMasked: head.idNumber ? maskIdNumber(head.idNumber) : null,
    address: row.address,
    people: row.people,
    category: row.category,
    status: row.status,
    note: row.note,
    flag: registrationFlag({ householdId: row.householdId, identificationYear: row.household?.identificationYear ?? null }),
    createdAt: row.createdAt,
    identifiedOn: row.identifiedOn ? toDateString(row.identifiedOn) : null,
    eliminatedOn: row.eliminatedOn ? toDateString(row.eliminatedOn) : null,
    risks: row.risks.map((risk) => ({
      id: risk.id,
      label: risk.type.label,
      foundOn: toDateString(risk.foundOn),
      resolvedOn: risk.resolvedOn ? toDateString(risk.resolvedOn) : null,
      source: risk.source,
      note: risk.note,
    })),
  };
}
