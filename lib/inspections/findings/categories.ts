import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { db, type Tx } from "@/lib/db";
import { assertUpdated, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { ZAddFindingCategory, ZMoveFindingCategory, ZRenameFindingCategory, ZSetFindingCategoryRetired } from "./schema";

/**
 * 问题类别: one county-managed list (decision 014). Codes never change (findings keep theirs); a
 * retired category is no longer offered but old findings still show it. 错退 and 漏评 are built in.
 */

/** Edits of the list take turns, so that two adds or moves never give two categories one position. */
async function lockCategories(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('finding_category'))`;
}

async function categoryAt(tx: Tx, code: string, version: number) {
  const category = await tx.findingCategory.findUnique({
    where: { code },
    select: { code: true, name: true, position: true, builtIn: true, retired: true, version: true },
  });
  if (!category) throw notFound("问题类别");
  if (category.version !== version) throw staleVersion();
  return category;
}

async function refuseTakenName(tx: Tx, name: string, exceptCode?: string) {
  const taken = await tx.findingCategory.findFirst({ where: { name, ...(exceptCode ? { code: { not: exceptCode } } : {}) }, select: { code: true } });
  if (taken) throw ruleViolation(`已有名为“${name}”的问题类别`, { name: ["已有同名的问题类别"] });
}

export const addFindingCategory = defineCommand({
  permission: "findingCategory.manage",
  input: ZAddFindingCategory,
  async run({ actor, input, tx }) {
    await lockCategories(tx);
    await refuseTakenName(tx, input.name);
    const last = await tx.findingCategory.aggregate({ _max: { position: true } });
    const count = await tx.findingCategory.count({ where: { code: { startsWith: "C" } } });
    let code = `C${String(count + 1).padStart(3, "0")}`;
    while (await tx.findingCategory.findUnique({ where: { code }, select: { code: true } })) code = `C${String(Number(code.slice(1)) + 1).padStart(3, "0")}`;
    await tx.findingCategory.create({ data: { code, name: input.name, position: (last._max.position ?? 0) + 10 } });
    await recordAudit(tx, actor, {
      action: "findingCategory.add",
      entityType: "FindingCategory",
      entityId: code,
      countyCode: actor.countyCode,
      after: { name: input.name },
    });
    return { code };
  },
});

export const renameFindingCategory = defineCommand({
  permission: "findingCategory.manage",
  input: ZRenameFindingCategory,
  async run({ actor, input, tx }) {
    await lockCategories(tx);
    const category = await categoryAt(tx, input.code, input.version);
    if (category.name === input.name) return { code: category.code };
    await refuseTakenName(tx, input.name, category.code);
    assertUpdated(
      await tx.findingCategory.updateMany({ where: { code: category.code, version: category.version }, data: { name: input.name, version: { increment: 1 } } }),
    );
    await recordAudit(tx, actor, {
      action: "findingCategory.rename",
      entityType: "FindingCategory",
      entityId: category.code,
      countyCode: actor.countyCode,
      before: { name: category.name },
      after: { name: input.name },
    });
    return { code: category.code };
  },
});

/** Swaps a category with its neighbour above or below (retired ones included, so the order stays whole). */
export const moveFindingCategory = defineCommand({
  permission: "findingCategory.manage",
  input: ZMoveFindingCategory,
  async run({ actor, input, tx }) {
    await lockCategories(tx);
    const category = await categoryAt(tx, input.code, input.version);
    const up = input.direction === "UP";
    const neighbour = await tx.findingCategory.findFirst({
      where: { position: up ? { lt: category.position } : { gt: category.position } },
      orderBy: { position: up ? "desc" : "asc" },
      select: { code: true, name: true, position: true, version: true },
    });
    if (!neighbour) throw ruleViolation(up ? "已经是第一个类别" : "已经是最后一个类别");
    assertUpdated(
      await tx.findingCategory.updateMany({
        where: { code: category.code, version: category.version },
        data: { position: neighbour.position, version: { increment: 1 } },
      }),
    );
    assertUpdated(
      await tx.findingCategory.updateMany({
        where: { code: neighbour.code, version: neighbour.version },
        data: { position: category.position, version: { increment: 1 } },
      }),
    );
    for (const [row, position, before] of [
      [category, neighbour.position, category.position],
      [neighbour, category.position, neighbour.position],
    ] as const) {
      await recordAudit(tx, actor, {
        action: "findingCategory.move",
        entityType: "FindingCategory",
        entityId: row.code,
        countyCode: actor.countyCode,
        before: { name: row.name, position: before },
        after: { name: row.name, position },
      });
    }
    return { code: category.code };
  },
});

/** 停用 (no longer offered for new findings) or 恢复; the built-in 错退 and 漏评 cannot be retired. */
export const setFindingCategoryRetired = defineCommand({
  permission: "findingCategory.manage",
  input: ZSetFindingCategoryRetired,
  async run({ actor, input, tx }) {
    await lockCategories(tx);
    const category = await categoryAt(tx, input.code, input.version);
    if (input.retired && category.builtIn) throw ruleViolation(`“${category.name}”由入户核查自动使用，不能停用`);
    if (category.retired === input.retired) return { code: category.code };
    assertUpdated(
      await tx.findingCategory.updateMany({
        where: { code: category.code, version: category.version },
        data: { retired: input.retired, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "findingCategory.retire",
      entityType: "FindingCategory",
      entityId: category.code,
      countyCode: actor.countyCode,
      before: { name: category.name, retired: category.retired },
      after: { name: category.name, retired: input.retired },
    });
    return { code: category.code };
  },
});

export type FindingCategoryRow = { code: string; name: string; position: number; builtIn: boolean; retired: boolean; version: number; findings: number };

/** The categories page: every category in order with how many findings use it. */
export async function listCategoriesForManagement(actor: Actor): Promise<FindingCategoryRow[]> {
  requirePermission(actor, "findingCategory.manage");
  const [rows, counts] = await Promise.all([
    db.findingCategory.findMany({
      orderBy: { position: "asc" },
      select: { code: true, name: true, position: true, builtIn: true, retired: true, version: true },
    }),
    db.finding.groupBy({ by: ["categoryCode"], where: { countyCode: actor.countyCode }, _count: { _all: true } }),
  ]);
  const used = new Map(counts.map((row) => [row.categoryCode, row._count._all]));
  return rows.map((row) => ({ ...row, findings: used.get(row.code) ?? 0 }));
}
