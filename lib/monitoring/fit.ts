import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { defineCommand } from "@/lib/commands/define-command";
import { toDateString } from "@/lib/dates";
import { db, type Db, type Tx } from "@/lib/db";
import { MEASURE_CATEGORY } from "@/lib/domain/codes";
import { assertUpdated, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildRiskFit, countingCategories, fitCategoriesFor, measuresFitting, type RiskFit } from "@/lib/monitoring/fit-rules";
import { ZRiskFitInput, type TUnmatchedFilter } from "@/lib/monitoring/fit-schema";
import { monitoringObjectScopeWhere } from "@/lib/monitoring/queries";
import { assistanceKindCheck, risksWithoutMeasure } from "@/lib/monitoring/rules";
import { toPage, type Page, type PageParams } from "@/lib/pagination";

/** The county's current risk ↔ category fit, from the risk type rows. */
export async function loadRiskFit(client: Db | Tx = db): Promise<RiskFit> {
  return buildRiskFit(await client.monitoringRiskType.findMany({ select: { code: true, fitCategories: true } }));
}

/** Every risk type with its fitting categories and version, for /monitoring/fit. */
export async function listRiskFit(actor: Actor) {
  requirePermission(actor, "monitoring.read");
  const types = await db.monitoringRiskType.findMany({ orderBy: { position: "asc" } });
  return types.map((type) => ({
    code: type.code,
    label: type.label,
    retired: type.retired,
    version: type.version,
    countySet: type.fitCategories.length > 0,
    categories: fitCategoriesFor(type),
  }));
}

/** Sets the categories that fit one risk type (county office), with the row's version; audited. */
export const saveRiskFit = defineCommand({
  permission: "monitoring.manage",
  input: ZRiskFitInput,
  async run({ actor, input, tx }) {
    const type = await tx.monitoringRiskType.findUnique({ where: { code: input.code } });
    if (!type) throw notFound("风险类型");
    const categories = MEASURE_CATEGORY.codes.filter((category) => input.categories.includes(category));
    assertUpdated(
      await tx.monitoringRiskType.updateMany({
        where: { code: input.code, version: input.version },
        data: { fitCategories: categories, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "monitoringRiskType.fit",
      entityType: "MonitoringRiskType",
      entityId: input.code,
      countyCode: actor.countyCode,
      before: { label: type.label, categories: fitCategoriesFor(type) },
      after: { label: type.label, categories },
    });
    return { code: input.code };
  },
});

type MeasureRow = { id: string; category: string; status: string; name: string };

async function measuresByHousehold(client: Db | Tx, householdIds: string[]): Promise<Map<string, MeasureRow[]>> {
  const byHousehold = new Map<string, MeasureRow[]>();
  if (!householdIds.length) return byHousehold;
  const rows = await client.measure.findMany({
    where: { householdId: { in: householdIds } },
    select: { id: true, householdId: true, category: true, status: true, item: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const row of rows) {
    const list = byHousehold.get(row.householdId) ?? [];
    list.push({ id: row.id, category: row.category, status: row.status, name: row.item.name });
    byHousehold.set(row.householdId, list);
  }
  return byHousehold;
}

/**
 * For /monitoring/[id]: each open risk of the object (in scope, else not found) with the household's measures that
 * fit it, and the 开发式帮扶 / 综合保障 check. An object without a household has no measures.
 */
export async function getObjectRiskFit(actor: Actor, objectId: string) {
  requirePermission(actor, "monitoring.read");
  if (!/^[0-9a-f-]{36}$/i.test(objectId)) throw notFound("监测对象");
  const object = await db.monitoringObject.findFirst({
    where: { AND: [monitoringObjectScopeWhere(actor), { id: objectId }] },
    select: { householdId: true, risks: { select: { riskType: true, resolvedOn: true, type: { select: { label: true } } }, orderBy: { foundOn: "asc" } } },
  });
  if (!object) throw notFound("监测对象");
  const [fit, measures, skills] = await Promise.all([
    loadRiskFit(),
    object.householdId ? measuresByHousehold(db, [object.householdId]).then((map) => map.get(object.householdId!) ?? []) : Promise.resolve([]),
    object.householdId
      ? db.member.findMany({ where: { householdId: object.householdId, status: "PRESENT" }, select: { labourSkill: true } })
      : Promise.resolve([]),
  ]);
  const categories = countingCategories(measures);
  const unmatched = new Set(
    risksWithoutMeasure(
      object.risks.map((risk) => ({ riskType: risk.riskType, resolvedOn: risk.resolvedOn ? toDateString(risk.resolvedOn) : null })),
      categories,
      fit,
    ),
  );
  return {
    hasHousehold: object.householdId !== null,
    risks: object.risks
      .filter((risk) => risk.resolvedOn === null)
      .map((risk) => ({
        riskType: risk.riskType,
        label: risk.type.label,
        fitCategories: fit[risk.riskType] ?? MEASURE_CATEGORY.codes,
        measures: measuresFitting(risk.riskType, measures, fit),
        unmatched: unmatched.has(risk.riskType),
      })),
    assistanceKind:
      object.householdId && skills.length
        ? assistanceKindCheck(
            skills.map((member) => member.labourSkill),
            categories,
          )
        : null,
  };
}

export type UnmatchedRow = {
  id: string;
  villageCode: string;
  villageName: string;
  headName: string | null;
  householdNo: string | null;
  category: string;
  unmatched: { riskType: string; label: string; foundOn: string }[];
};

/**
 * 风险未对应措施: monitoring objects 监测中 in scope with at least one open risk without a fitting measure
 * (risksWithoutMeasure with the county's fit). Filtered by village and risk type; paged after the check,
 * since whether a row belongs depends on its measures.
 */
export async function findUnmatchedRisks(actor: Actor, filter: TUnmatchedFilter, page: PageParams): Promise<Page<UnmatchedRow>> {
  const rows = await unmatchedRiskRows(actor, filter);
  const start = (page.page - 1) * page.pageSize;
  return toPage(rows.slice(start, start + page.pageSize), rows.length, page);
}

/** Every row of the 风险未对应措施 list (the list pages them; the dashboard counts them per village). */
export async function unmatchedRiskRows(actor: Actor, filter: TUnmatchedFilter): Promise<UnmatchedRow[]> {
  requirePermission(actor, "monitoring.read");
  const and: Prisma.MonitoringObjectWhereInput[] = [
    monitoringObjectScopeWhere(actor),
    { status: "MONITORED" },
    { risks: { some: { resolvedOn: null, ...(filter.riskType ? { riskType: filter.riskType } : {}) } } },
  ];
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  const objects = await db.monitoringObject.findMany({
    where: { AND: and },
    orderBy: [{ villageCode: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      villageCode: true,
      householdId: true,
      headName: true,
      category: true,
      village: { select: { name: true } },
      household: { select: { householdNo: true, members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true } } } },
      risks: { where: { resolvedOn: null }, select: { riskType: true, foundOn: true, type: { select: { label: true } } }, orderBy: { foundOn: "asc" } },
    },
  });
  const [fit, measures] = await Promise.all([
    loadRiskFit(),
    measuresByHousehold(
      db,
      objects.flatMap((object) => (object.householdId ? [object.householdId] : [])),
    ),
  ]);
  const rows: UnmatchedRow[] = [];
  for (const object of objects) {
    const categories = countingCategories(object.householdId ? (measures.get(object.householdId) ?? []) : []);
    const missing = new Set(
      risksWithoutMeasure(
        object.risks.map((risk) => ({ riskType: risk.riskType, resolvedOn: null })),
        categories,
        fit,
      ),
    );
    const shown = object.risks.filter((risk) => missing.has(risk.riskType) && (!filter.riskType || risk.riskType === filter.riskType));
    if (!shown.length) continue;
    rows.push({
      id: object.id,
      villageCode: object.villageCode,
      villageName: object.village.name,
      headName: object.household?.members[0]?.name ?? object.headName,
      householdNo: object.household?.householdNo ?? null,
      category: object.category,
      unmatched: shown.map((risk) => ({ riskType: risk.riskType, label: risk.type.label, foundOn: toDateString(risk.foundOn) })),
    });
  }
  return rows;
}
