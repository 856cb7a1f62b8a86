import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";
import { AppError, assertUpdated, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { householdNumber } from "@/lib/households/rules";
import { childLevel, mergeError, regionCodeError, swapForMove } from "@/lib/regions/rules";
import { ZCreateRegion, ZMergeVillages, ZMoveRegion, ZRenameRegion, ZRetireRegion } from "@/lib/regions/schema";

const REGION_SELECT = {
  code: true,
  name: true,
  level: true,
  parentCode: true,
  countyCode: true,
  townshipCode: true,
  sortOrder: true,
  version: true,
  retiredAt: true,
} as const;

/** A region of the actor's own county (the 系统管理员's region is their county); any other answers like a missing one. */
async function loadRegion(tx: Tx, actor: Actor, code: string, what = "区划") {
  const region = await tx.region.findFirst({ where: { code, countyCode: actor.countyCode }, select: REGION_SELECT });
  if (!region) throw notFound(what);
  return region;
}

/** Locks the region row for the rest of the transaction and checks its version. */
async function lockRegion(tx: Tx, code: string, version: number) {
  const rows = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM region WHERE code = ${code} FOR UPDATE`;
  if (rows[0]?.version !== version) throw staleVersion();
}

async function nameTakenAmongSiblings(tx: Tx, parentCode: string | null, name: string, exceptCode?: string) {
  const sibling = await tx.region.findFirst({
    where: { parentCode, name, retiredAt: null, ...(exceptCode ? { code: { not: exceptCode } } : {}) },
    select: { code: true },
  });
  return sibling !== null;
}

/** A township under the county, or a village under a township, with its 12-digit 统计用区划代码. */
export const createRegion = defineCommand({
  permission: "region.manage",
  input: ZCreateRegion,
  async run({ actor, input, tx }) {
    const parent = await loadRegion(tx, actor, input.parentCode, "上级区划");
    if (childLevel(parent.level as never) !== input.level) {
      throw new AppError("VALIDATION", input.level === "VILLAGE" ? "村的上级应为乡镇" : "乡镇的上级应为县", { parentCode: ["上级区划的级别不对"] });
    }
    if (parent.retiredAt) throw new AppError("VALIDATION", "上级区划已撤销", { parentCode: ["上级区划已撤销"] });
    const codeError = regionCodeError(input.code, input.level, parent.code);
    if (codeError) throw new AppError("VALIDATION", codeError, { code: [codeError] });
    const existing = await tx.region.findUnique({ where: { code: input.code }, select: { name: true } });
    if (existing) throw new AppError("CONFLICT", `区划代码 ${input.code} 已被“${existing.name}”使用`, { code: ["该代码已被使用"] });
    if (await nameTakenAmongSiblings(tx, parent.code, input.name)) {
      throw new AppError("CONFLICT", `${parent.name}已有名为“${input.name}”的区划`, { name: ["同一上级下名称不能重复"] });
    }
    const last = await tx.region.aggregate({ where: { parentCode: parent.code }, _max: { sortOrder: true } });
    const sortOrder = (last._max.sortOrder ?? -1) + 1;
    await tx.region.create({
      data: {
        code: input.code,
        name: input.name,
        level: input.level,
        parentCode: parent.code,
        countyCode: actor.countyCode,
        townshipCode: input.level === "TOWNSHIP" ? input.code : parent.code,
        sortOrder,
      },
    });
    await recordAudit(tx, actor, {
      action: "region.create",
      entityType: "Region",
      entityId: input.code,
      countyCode: actor.countyCode,
      after: { code: input.code, name: input.name, level: input.level, parentCode: parent.code, sortOrder },
    });
    return { code: input.code };
  },
});

/** Renames a county, township or village (the code stays: it is the 统计用区划代码). */
export const renameRegion = defineCommand({
  permission: "region.manage",
  input: ZRenameRegion,
  async run({ actor, input, tx }) {
    const region = await loadRegion(tx, actor, input.code);
    if (region.name === input.name) return { code: region.code };
    if (region.parentCode && (await nameTakenAmongSiblings(tx, region.parentCode, input.name, region.code))) {
      throw new AppError("CONFLICT", `同一上级下已有名为“${input.name}”的区划`, { name: ["同一上级下名称不能重复"] });
    }
    assertUpdated(await tx.region.updateMany({ where: { code: region.code, version: input.version }, data: { name: input.name, version: { increment: 1 } } }));
    await recordAudit(tx, actor, {
      action: "region.rename",
      entityType: "Region",
      entityId: region.code,
      countyCode: actor.countyCode,
      before: { name: region.name },
      after: { name: input.name },
    });
    return { code: region.code };
  },
});

/** Moves a township or village one place up or down among its siblings (swaps sort orders, both audited). */
export const moveRegion = defineCommand({
  permission: "region.manage",
  input: ZMoveRegion,
  async run({ actor, input, tx }) {
    const region = await loadRegion(tx, actor, input.code);
    if (!region.parentCode) throw ruleViolation("县没有同级区划，无需排序");
    await lockRegion(tx, region.code, input.version);
    const siblings = await tx.region.findMany({
      where: { parentCode: region.parentCode },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, sortOrder: true },
    });
    // Renumber 0..n-1 first, so equal sort orders (the seed's, an import's) still swap.
    const ordered = siblings.map((sibling, index) => ({ ...sibling, sortOrder: index }));
    const pair = swapForMove(ordered, region.code, input.direction);
    if (!pair) throw ruleViolation(input.direction === "up" ? "已经排在第一位" : "已经排在最后一位");
    const [moved, other] = pair;
    const changes = ordered.map((sibling) =>
      sibling.code === moved.code
        ? { ...sibling, sortOrder: other.sortOrder }
        : sibling.code === other.code
          ? { ...sibling, sortOrder: moved.sortOrder }
          : sibling,
    );
    for (const change of changes) {
      const before = siblings.find((sibling) => sibling.code === change.code)!;
      if (before.sortOrder === change.sortOrder) continue;
      await tx.region.update({ where: { code: change.code }, data: { sortOrder: change.sortOrder, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "region.reorder",
        entityType: "Region",
        entityId: change.code,
        countyCode: actor.countyCode,
        before: { sortOrder: before.sortOrder },
        after: { sortOrder: change.sortOrder },
      });
    }
    return { code: region.code };
  },
});

/** What still lives in a village: a retired village must hold none of it (nothing is left without a living village). */
async function villageHoldings(tx: Tx, code: string) {
  const [households, users, openFindings, villageExitSheets] = await Promise.all([
    tx.household.count({ where: { villageCode: code } }),
    tx.user.count({ where: { regionCode: code, active: true } }),
    tx.finding.count({ where: { villageCode: code, status: { not: "CLOSED" } } }),
    tx.villageExitSheet.count({ where: { villageCode: code, status: { not: "APPROVED" } } }),
  ]);
  return { households, users, openFindings, villageExitSheets };
}

/**
 * Retires (撤销) a village that holds no household, no active account, no open finding and no village exit sheet in progress.
 * Nothing is deleted: the village stays readable in every history; it receives no new household (a trigger refuses it too).
 */
export const retireRegion = defineCommand({
  permission: "region.manage",
  input: ZRetireRegion,
  async run({ actor, input, tx }) {
    const region = await loadRegion(tx, actor, input.code, "村");
    if (region.level !== "VILLAGE") throw ruleViolation("只能撤销村；乡镇的调整请先合并或撤销其下的村");
    if (region.retiredAt) throw ruleViolation("该村已撤销");
    await lockRegion(tx, region.code, input.version);
    const held = await villageHoldings(tx, region.code);
    const reasons = [
      held.households ? `${held.households} 户户档` : null,
      held.users ? `${held.users} 个在用账号` : null,
      held.openFindings ? `${held.openFindings} 个未销号的督查问题` : null,
      held.villageExitSheets ? `${held.villageExitSheets} 张办理中的贫困村退出核验表` : null,
    ].filter(Boolean);
    if (reasons.length) {
      throw ruleViolation(`${region.name}还有${reasons.join("、")}，撤销后这些记录将没有所属的村。请先把该村合并到同乡镇的另一个村，或调整账号的管辖范围`);
    }
    await tx.region.update({ where: { code: region.code }, data: { retiredAt: new Date(), version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "region.retire",
      entityType: "Region",
      entityId: region.code,
      countyCode: actor.countyCode,
      before: { retired: false },
      after: { retired: true },
    });
    return { code: region.code };
  },
});

const OPEN_EXIT_STATUSES = ["IN_PROGRESS", "REJECTED"];

/**
 * Merges one village (source) into another of the same township (target): every household moves with a new 户编号 from the
 * target's sequence (one audit row each), the source's accounts, open casework keyed by village (exit sheets, findings),
 * rural population and reduction targets follow, and the source is retired with `merged_into` set (one audit row for the
 * merge). Frozen evidence (sampling frames, field checks, reviews, signatures) keeps the village it was recorded in.
 * Refused while the source has an exit sheet being signed or a village exit sheet: those bind content that would change.
 */
export const mergeVillages = defineCommand({
  permission: "region.manage",
  input: ZMergeVillages,
  async run({ actor, input, tx }) {
    const source = await loadRegion(tx, actor, input.sourceCode, "被合并的村");
    const target = await loadRegion(tx, actor, input.targetCode, "合并到的村");
    const error = mergeError(source, target);
    if (error) throw ruleViolation(error);
    // Lock both in code order, so two merges of the same pair cannot deadlock.
    for (const [code, version] of [
      [source.code, input.sourceVersion],
      [target.code, input.targetVersion],
    ].sort(([a], [b]) => String(a).localeCompare(String(b))) as [string, number][]) {
      await lockRegion(tx, code, version);
    }
    const openSheets = await tx.exitSheet.count({ where: { villageCode: source.code, status: { in: OPEN_EXIT_STATUSES } } });
    if (openSheets) throw ruleViolation(`${source.name}有 ${openSheets} 张办理中的贫困户退出核验表，请办结后再合并（签字与户编号绑定）`);
    const villageSheets = await tx.villageExitSheet.count({ where: { villageCode: source.code } });
    if (villageSheets) throw ruleViolation(`${source.name}已有贫困村退出核验表，不能合并（核验表记录的是该村出列时的情况）`);

    const households = await tx.household.findMany({
      where: { villageCode: source.code },
      orderBy: { householdNo: "asc" },
      select: { id: true, householdNo: true },
    });
    if (households.length) {
      const rows = await tx.$queryRaw<{ last_value: number }[]>`
        INSERT INTO household_sequence (village_code, last_value) VALUES (${target.code}, ${households.length})
        ON CONFLICT (village_code) DO UPDATE SET last_value = household_sequence.last_value + ${households.length}
        RETURNING last_value`;
      const first = rows[0].last_value - households.length + 1;
      for (const [index, household] of households.entries()) {
        const householdNo = householdNumber(target.code, first + index);
        await tx.household.update({
          where: { id: household.id },
          data: { villageCode: target.code, householdNo, version: { increment: 1 } },
        });
        await recordAudit(tx, actor, {
          action: "household.moveVillage",
          entityType: "Household",
          entityId: household.id,
          countyCode: actor.countyCode,
          before: { householdNo: household.householdNo, villageCode: source.code },
          after: { householdNo, villageCode: target.code },
        });
      }
    }
    await tx.exitSheet.updateMany({ where: { villageCode: source.code }, data: { villageCode: target.code } });
    await tx.finding.updateMany({ where: { villageCode: source.code }, data: { villageCode: target.code } });

    const users = await tx.user.findMany({ where: { regionCode: source.code }, select: { id: true } });
    for (const user of users) {
      await tx.user.update({ where: { id: user.id }, data: { regionCode: target.code, version: { increment: 1 }, sessionVersion: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "user.update",
        entityType: "User",
        entityId: user.id,
        countyCode: actor.countyCode,
        before: { regionCode: source.code },
        after: { regionCode: target.code },
      });
    }

    // The merged village's people and targets add to the target's, year by year.
    for (const population of await tx.villagePopulation.findMany({ where: { villageCode: source.code } })) {
      await tx.villagePopulation.upsert({
        where: { villageCode_year: { villageCode: target.code, year: population.year } },
        create: { villageCode: target.code, year: population.year, ruralPopulation: population.ruralPopulation },
        update: { ruralPopulation: { increment: population.ruralPopulation }, version: { increment: 1 } },
      });
    }
    await tx.villagePopulation.deleteMany({ where: { villageCode: source.code } });
    for (const targetRow of await tx.reductionTarget.findMany({ where: { regionCode: source.code } })) {
      await tx.reductionTarget.upsert({
        where: { regionCode_year: { regionCode: target.code, year: targetRow.year } },
        create: { ...targetRow, regionCode: target.code, version: 1, updatedBy: actor.userId, updatedAt: new Date() },
        update: {
          households: { increment: targetRow.households },
          people: { increment: targetRow.people },
          version: { increment: 1 },
          updatedBy: actor.userId,
        },
      });
    }
    await tx.reductionTarget.deleteMany({ where: { regionCode: source.code } });

    await tx.region.update({ where: { code: source.code }, data: { retiredAt: new Date(), mergedInto: target.code, version: { increment: 1 } } });
    await tx.region.update({ where: { code: target.code }, data: { version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "region.merge",
      entityType: "Region",
      entityId: source.code,
      countyCode: actor.countyCode,
      before: { retired: false },
      after: { mergedInto: target.code, households: households.length, users: users.length, retired: true },
    });
    return { sourceCode: source.code, targetCode: target.code, households: households.length };
  },
});
