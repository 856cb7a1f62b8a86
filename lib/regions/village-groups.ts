import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";
import { AppError, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { swapForMove, villageGroupChoiceError } from "@/lib/regions/rules";
import { ZCreateVillageGroup, ZMoveVillageGroup, ZRenameVillageGroup, ZRetireVillageGroup } from "@/lib/regions/schema";

/**
 * 自然村/组: an ordered list of names under a 行政村 (docs/decisions/028-village-groups-as-list.md). Managed by the
 * 系统管理员 at /admin/regions; households keep the name (household.village_group).
 */

export type VillageGroupOption = { id: string; name: string; sortOrder: number; version: number; retired: boolean };

/** A group of the actor's own county, locked for the rest of the transaction with its version checked; else like missing. */
async function lockGroup(tx: Tx, actor: Actor, id: string, version: number) {
  const rows = await tx.$queryRaw<{ id: string; village_code: string; name: string; sort_order: number; version: number; retired_at: Date | null }[]>`
    SELECT id, village_code, name, sort_order, version, retired_at FROM village_group
    WHERE id = ${id}::uuid AND county_code = ${actor.countyCode} FOR UPDATE`;
  const group = rows[0];
  if (!group) throw notFound("自然村/组");
  if (group.version !== version) throw staleVersion();
  return group;
}

async function nameTaken(tx: Tx, villageCode: string, name: string, exceptId?: string) {
  const other = await tx.villageGroup.findFirst({
    where: { villageCode, name, retiredAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return other !== null;
}

/** A village's groups in order (retired ones included, marked), for any lib code that already established the village's scope. */
export async function villageGroupsOf(tx: Tx, villageCode: string): Promise<VillageGroupOption[]> {
  const rows = await tx.villageGroup.findMany({
    where: { villageCode },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, sortOrder: true, version: true, retiredAt: true },
  });
  return rows.map(({ retiredAt, ...row }) => ({ ...row, retired: retiredAt !== null }));
}

/** Every village's groups of the given villages, by village code (the household form's choices, the import's check). */
export async function villageGroupsByVillage(tx: Tx, villageCodes: readonly string[]): Promise<Map<string, VillageGroupOption[]>> {
  const rows = villageCodes.length
    ? await tx.villageGroup.findMany({
        where: { villageCode: { in: [...villageCodes] } },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
        select: { id: true, villageCode: true, name: true, sortOrder: true, version: true, retiredAt: true },
      })
    : [];
  const byVillage = new Map<string, VillageGroupOption[]>();
  for (const { villageCode, retiredAt, ...row } of rows) {
    const list = byVillage.get(villageCode) ?? [];
    list.push({ ...row, retired: retiredAt !== null });
    byVillage.set(villageCode, list);
  }
  return byVillage;
}

/**
 * The server-side check of a household's 自然村/组 against its village's list (free text when the village has none):
 * throws a field error on `fieldName` with a Chinese explanation.
 */
export async function assertVillageGroupChoice(tx: Tx, villageCode: string, value: string | null | undefined, current: string | null, fieldName: string) {
  const error = villageGroupChoiceError(await villageGroupsOf(tx, villageCode), value, current);
  if (error) throw new AppError("VALIDATION", error, { [fieldName]: [error] });
}

export const createVillageGroup = defineCommand({
  permission: "region.manage",
  input: ZCreateVillageGroup,
  async run({ actor, input, tx }) {
    const village = await tx.region.findFirst({
      where: { code: input.villageCode, countyCode: actor.countyCode, level: "VILLAGE" },
      select: { code: true, name: true, retiredAt: true },
    });
    if (!village) throw notFound("村");
    if (village.retiredAt) throw ruleViolation(`${village.name}已撤销，不能再新建自然村/组`);
    // Serialise concurrent creations in the same village (sort order, unique names).
    await tx.$queryRaw`SELECT code FROM region WHERE code = ${village.code} FOR UPDATE`;
    if (await nameTaken(tx, village.code, input.name)) {
      throw new AppError("CONFLICT", `${village.name}已有名为“${input.name}”的自然村/组`, { name: ["同一村内名称不能重复"] });
    }
    const last = await tx.villageGroup.aggregate({ where: { villageCode: village.code }, _max: { sortOrder: true } });
    const sortOrder = (last._max.sortOrder ?? -1) + 1;
    const id = randomUUID();
    await tx.villageGroup.create({ data: { id, countyCode: actor.countyCode, villageCode: village.code, name: input.name, sortOrder } });
    await recordAudit(tx, actor, {
      action: "villageGroup.create",
      entityType: "VillageGroup",
      entityId: id,
      countyCode: actor.countyCode,
      after: { villageCode: village.code, name: input.name, sortOrder },
    });
    return { id };
  },
});

/** Renames a group; households that name it follow (their village_group changes with it, each audited with the group's event). */
export const renameVillageGroup = defineCommand({
  permission: "region.manage",
  input: ZRenameVillageGroup,
  async run({ actor, input, tx }) {
    const group = await lockGroup(tx, actor, input.id, input.version);
    if (group.retired_at) throw ruleViolation("该自然村/组已撤销，不能更名");
    if (group.name === input.name) return { id: group.id };
    if (await nameTaken(tx, group.village_code, input.name, group.id)) {
      throw new AppError("CONFLICT", `本村已有名为“${input.name}”的自然村/组`, { name: ["同一村内名称不能重复"] });
    }
    await tx.villageGroup.update({ where: { id: group.id }, data: { name: input.name, version: { increment: 1 } } });
    const moved = await tx.household.updateMany({
      where: { villageCode: group.village_code, villageGroup: group.name },
      data: { villageGroup: input.name, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "villageGroup.rename",
      entityType: "VillageGroup",
      entityId: group.id,
      countyCode: actor.countyCode,
      before: { name: group.name },
      after: { name: input.name },
    });
    return { id: group.id, households: moved.count };
  },
});

/** Moves a group one place up or down in its village's list (swaps sort orders, both audited). */
export const moveVillageGroup = defineCommand({
  permission: "region.manage",
  input: ZMoveVillageGroup,
  async run({ actor, input, tx }) {
    const group = await lockGroup(tx, actor, input.id, input.version);
    const siblings = await villageGroupsOf(tx, group.village_code);
    const ordered = siblings.map((sibling, index) => ({ code: sibling.id, before: sibling.sortOrder, sortOrder: index }));
    const pair = swapForMove(ordered, group.id, input.direction);
    if (!pair) throw ruleViolation(input.direction === "up" ? "已经排在第一位" : "已经排在最后一位");
    const [moved, other] = pair;
    for (const sibling of ordered) {
      const sortOrder = sibling.code === moved.code ? other.sortOrder : sibling.code === other.code ? moved.sortOrder : sibling.sortOrder;
      if (sortOrder === sibling.before) continue;
      await tx.villageGroup.update({ where: { id: sibling.code }, data: { sortOrder, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "villageGroup.reorder",
        entityType: "VillageGroup",
        entityId: sibling.code,
        countyCode: actor.countyCode,
        before: { sortOrder: sibling.before },
        after: { sortOrder },
      });
    }
    return { id: group.id };
  },
});

/**
 * Retires (撤销) a group: it is offered for no new choice; households that already name it keep it (and may keep it on
 * edit). Never deleted, so no household is left naming a group that no longer exists.
 */
export const retireVillageGroup = defineCommand({
  permission: "region.manage",
  input: ZRetireVillageGroup,
  async run({ actor, input, tx }) {
    const group = await lockGroup(tx, actor, input.id, input.version);
    if (group.retired_at) throw ruleViolation("该自然村/组已撤销");
    await tx.villageGroup.update({ where: { id: group.id }, data: { retiredAt: new Date(), version: { increment: 1 } } });
    const households = await tx.household.count({ where: { villageCode: group.village_code, villageGroup: group.name } });
    await recordAudit(tx, actor, {
      action: "villageGroup.retire",
      entityType: "VillageGroup",
      entityId: group.id,
      countyCode: actor.countyCode,
      before: { retired: false },
      after: { retired: true },
    });
    return { id: group.id, households };
  },
});
