import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { db, type Tx } from "@/lib/db";
import { MEASURE_CATEGORY, POVERTY_CAUSE } from "@/lib/domain/codes";
import { AppError, assertUpdated, notFound } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { ZCatalogueItem, ZCatalogueItemRef, ZFitMatrix, type TCatalogueItemRef } from "@/lib/measures/schema";

export async function listCatalogue() {
  const [items, fits, usage] = await Promise.all([
    db.measureItem.findMany({ orderBy: [{ category: "asc" }, { sortOrder: "asc" }, { name: "asc" }] }),
    db.causeCategoryFit.findMany(),
    db.measure.groupBy({ by: ["itemId"], _count: { _all: true } }),
  ]);
  const used = new Map(usage.map((row) => [row.itemId, row._count._all]));
  return { items: items.map((item) => ({ ...item, usedBy: used.get(item.id) ?? 0 })), fits: fits.map((fit) => `${fit.cause}:${fit.category}`) };
}

export const addCatalogueItem = defineCommand({
  permission: "catalogue.manage",
  input: ZCatalogueItem,
  async run({ actor, input, tx }) {
    const item = await tx.measureItem
      .create({ data: { category: input.category, name: input.name, sortOrder: 100 }, select: { id: true } })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, "measure_item_category_name_key"))
          throw new AppError("CONFLICT", "该类别下已有同名措施", { name: ["该类别下已有同名措施"] });
        throw error;
      });
    await recordAudit(tx, actor, { action: "catalogue.itemCreate", entityType: "MeasureItem", entityId: item.id, countyCode: actor.countyCode, after: input });
    return item;
  },
});

/** Items are retired, never deleted: measures already using them keep pointing at them. */
async function setRetired(tx: Tx, actor: Actor, input: TCatalogueItemRef, retired: boolean) {
  const item = await tx.measureItem.findUnique({ where: { id: input.itemId } });
  if (!item) throw notFound("措施目录项");
  assertUpdated(await tx.measureItem.updateMany({ where: { id: item.id, version: input.version }, data: { retired, version: { increment: 1 } } }));
  await recordAudit(tx, actor, {
    action: "catalogue.itemRetire",
    entityType: "MeasureItem",
    entityId: item.id,
    countyCode: actor.countyCode,
    before: { retired: item.retired },
    after: { retired },
  });
  return { itemId: item.id };
}

export const retireCatalogueItem = defineCommand({
  permission: "catalogue.manage",
  input: ZCatalogueItemRef,
  run: ({ actor, input, tx }) => setRetired(tx, actor, input, true),
});

export const restoreCatalogueItem = defineCommand({
  permission: "catalogue.manage",
  input: ZCatalogueItemRef,
  run: ({ actor, input, tx }) => setRetired(tx, actor, input, false),
});

/** Replaces the fit matrix with the checked cause:category pairs; every cause must keep at least one category. */
export const saveFitMatrix = defineCommand({
  permission: "catalogue.manage",
  input: ZFitMatrix,
  async run({ actor, input, tx }) {
    const rows = [...new Set(input.pairs)].map((pair) => {
      const [cause, category] = pair.split(":");
      if (!(POVERTY_CAUSE.codes as readonly string[]).includes(cause) || !(MEASURE_CATEGORY.codes as readonly string[]).includes(category)) {
        throw new AppError("VALIDATION", "匹配表中有无效的原因或类别");
      }
      return { cause, category };
    });
    const orphan = POVERTY_CAUSE.codes.find((cause) => !rows.some((row) => row.cause === cause));
    if (orphan) throw new AppError("RULE_VIOLATION", `"${POVERTY_CAUSE.label(orphan)}"至少要适配一个措施类别`);
    const before = (await tx.causeCategoryFit.findMany()).map((row) => `${row.cause}:${row.category}`).sort();
    await tx.causeCategoryFit.deleteMany({});
    await tx.causeCategoryFit.createMany({ data: rows });
    await recordAudit(tx, actor, {
      action: "catalogue.fitMatrix",
      entityType: "CauseCategoryFit",
      countyCode: actor.countyCode,
      before: { pairs: before },
      after: { pairs: rows.map((row) => `${row.cause}:${row.category}`).sort() },
    });
  },
});
