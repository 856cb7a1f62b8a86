import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { memberScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, toDateString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import { AppError, assertUpdated, notFound, staleVersion } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { createOnce } from "@/lib/idempotency";
import { checkHouseholdOnSave } from "@/lib/data-quality/on-save";
import { householdInScope } from "@/lib/households/access";
import { validateIdNumber } from "@/lib/members/id-number";
import { ACTIVE_ID_CONSTRAINT, idNumberConflict } from "@/lib/members/id-conflict";
import { ZAddMember, ZChangeHead, ZEndMembership, ZUpdateMember } from "@/lib/members/schema";

const ONE_HEAD_CONSTRAINT = "member_one_head_key";
const MEMBER_KEY_CONSTRAINT = "member_idempotency_key";

function derivedFromId(idNumber: string) {
  const identity = validateIdNumber(idNumber, new Date());
  if (!identity.ok) throw new AppError("VALIDATION", identity.message, { idNumber: [identity.message] });
  return { gender: identity.gender, birthDate: fromDateString(identity.birthDate) };
}

async function memberInScope(tx: Tx, actor: Actor, memberId: string) {
  const member = await tx.member.findFirst({ where: { id: memberId, ...memberScopeWhere(actor) } });
  if (!member) throw notFound("成员");
  return member;
}

/** Unique-index races (same ID, second 户主) become the same clear refusals as the checks before them. */
async function translateUniqueViolations<T>(actor: Actor, idNumber: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, ACTIVE_ID_CONSTRAINT)) {
      throw (await idNumberConflict(actor, idNumber)) ?? new AppError("CONFLICT", "该身份证号码已是其他户的在户成员");
    }
    if (isUniqueViolation(error, ONE_HEAD_CONSTRAINT)) {
      throw new AppError("CONFLICT", "该户已有户主，每户只能有一名户主", { relation: ["该户已有户主"] });
    }
    throw error;
  }
}

function refuseSecondHead(relation: string, hasOtherHead: boolean) {
  if (relation === "HEAD" && hasOtherHead) throw new AppError("RULE_VIOLATION", "该户已有户主，每户只能有一名户主", { relation: ["该户已有户主"] });
}

/**
 * 新增成员. The household's scope comes first: only then is the ID number looked up in the county,
 * so an out-of-scope household id answers NOT_FOUND whether or not the ID exists (no probing).
 * Its own transactions, because a unique-index race is translated after the failed one ends.
 */
export const addMember = defineCommand({
  permission: "household.write",
  input: ZAddMember,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const derived = derivedFromId(data.idNumber);
    // The form's key (a member saved offline and sent again, lib/offline): a repeat returns the member the first
    // send added, before the ID-number check would refuse it as already registered.
    const household = await householdInScope(db, actor, data.householdId);
    const findOwn = async (idempotencyKey: string) => {
      const member = await db.member.findFirst({
        where: { countyCode: household.countyCode, createdBy: actor.userId, idempotencyKey, householdId: household.id },
        select: { id: true, householdId: true },
      });
      return member ? { ...member, quality: [] } : null;
    };
    const add = () =>
      translateUniqueViolations(actor, data.idNumber, () =>
        db.$transaction(async (tx) => {
          const household = await householdInScope(tx, actor, data.householdId);
          const conflict = await idNumberConflict(actor, data.idNumber, tx);
          if (conflict) throw conflict;
          const heads = await tx.member.count({ where: { householdId: household.id, relation: "HEAD", status: "PRESENT" } });
          refuseSecondHead(data.relation, heads > 0);
          const { householdId, joinedOn, idempotencyKey, ...fields } = data;
          const member = await tx.member.create({
            data: {
              ...fields,
              ...derived,
              householdId,
              countyCode: household.countyCode,
              joinedOn: joinedOn ? fromDateString(joinedOn) : null,
              createdBy: actor.userId,
              idempotencyKey,
            },
            select: { id: true },
          });
          await recordAudit(tx, actor, {
            action: "member.create",
            entityType: "Household",
            entityId: household.id,
            countyCode: household.countyCode,
            after: { memberId: member.id, ...fields, gender: derived.gender, birthDate: toDateString(derived.birthDate) },
          });
          return { id: member.id, householdId: household.id, quality: await checkHouseholdOnSave(tx, household.id, { memberId: member.id }) };
        }),
      );
    return createOnce(data.idempotencyKey, MEMBER_KEY_CONSTRAINT, findOwn, async () => {
      try {
        return await add();
      } catch (error) {
        // Two sends at once: the loser meets the winner's ID number (refused as already registered) before the
        // key's index; if the winner carries this very key, its member is the answer.
        const winner = data.idempotencyKey ? await findOwn(data.idempotencyKey) : null;
        if (winner) return winner;
        throw error;
      }
    });
  },
});

/** 修改成员: the member (and so its household) in scope first; a changed ID number is then checked against the county. */
export const updateMember = defineCommand({
  permission: "household.write",
  input: ZUpdateMember,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const derived = derivedFromId(data.idNumber);
    return translateUniqueViolations(actor, data.idNumber, () =>
      db.$transaction(async (tx) => {
        const before = await memberInScope(tx, actor, data.memberId);
        if (before.version !== data.version) throw staleVersion();
        if (before.status !== "PRESENT") throw new AppError("RULE_VIOLATION", "该成员已不在户，不能修改；如需恢复请重新新增成员");
        if (data.idNumber !== before.idNumber) {
          const conflict = await idNumberConflict(actor, data.idNumber, tx);
          if (conflict) throw conflict;
        }
        const otherHeads = await tx.member.count({ where: { householdId: before.householdId, relation: "HEAD", status: "PRESENT", id: { not: before.id } } });
        refuseSecondHead(data.relation, otherHeads > 0);
        if (before.relation === "HEAD" && data.relation !== "HEAD") {
          throw new AppError("RULE_VIOLATION", "每户必须有一名户主：请在另一名成员的页面上使用“设为户主”", { relation: ["户主的关系不能直接改掉"] });
        }
        const { memberId, version, ...fields } = data;
        assertUpdated(await tx.member.updateMany({ where: { id: memberId, version }, data: { ...fields, ...derived, version: { increment: 1 } } }));
        const diff = diffFields({ ...before, birthDate: toDateString(before.birthDate) } as unknown as Record<string, unknown>, {
          ...fields,
          ...derived,
          birthDate: toDateString(derived.birthDate),
        });
        if (Object.keys(diff.after).length) {
          await recordAudit(tx, actor, {
            action: "member.update",
            entityType: "Household",
            entityId: before.householdId,
            countyCode: before.countyCode,
            before: { memberId, name: before.name, ...diff.before },
            after: { memberId, name: data.name, ...diff.after },
          });
        }
        return { householdId: before.householdId, memberId, quality: await checkHouseholdOnSave(tx, before.householdId, { memberId }) };
      }),
    );
  },
});

/** 减少成员: 死亡 or 迁出 with a date. The person stays in the archive; the 户主 cannot leave this way. */
export const endMembership = defineCommand({
  permission: "household.write",
  input: ZEndMembership,
  async run({ actor, input: data, tx }) {
    const before = await memberInScope(tx, actor, data.memberId);
    if (before.version !== data.version) throw staleVersion();
    if (before.status !== "PRESENT") throw new AppError("RULE_VIOLATION", "该成员已不在户");
    if (before.relation === "HEAD") throw new AppError("RULE_VIOLATION", "户主不能直接减少：请先在另一名成员的页面上使用“设为户主”");
    if (data.statusDate < toDateString(before.birthDate)) throw new AppError("VALIDATION", "日期不能早于出生日期", { statusDate: ["日期不能早于出生日期"] });
    assertUpdated(
      await tx.member.updateMany({
        where: { id: data.memberId, version: data.version },
        data: { status: data.status, statusDate: fromDateString(data.statusDate), version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "member.end",
      entityType: "Household",
      entityId: before.householdId,
      countyCode: before.countyCode,
      before: { memberId: before.id, name: before.name, status: "PRESENT" },
      after: { memberId: before.id, name: before.name, status: data.status, statusDate: data.statusDate },
    });
    return { householdId: before.householdId };
  },
});

/**
 * 变更户主: the member becomes 户主 and the former head takes the given relation, in one
 * transaction (the one-head index allows no moment with two heads). Other members' relations
 * are relative to the head and may need editing afterwards; the page says so.
 */
export const changeHead = defineCommand({
  permission: "household.write",
  input: ZChangeHead,
  async run({ actor, input: data, tx }) {
    const member = await memberInScope(tx, actor, data.memberId);
    if (member.version !== data.version) throw staleVersion();
    if (member.status !== "PRESENT") throw new AppError("RULE_VIOLATION", "该成员已不在户，不能设为户主");
    if (member.relation === "HEAD") throw new AppError("RULE_VIOLATION", "该成员已是户主");
    const formerHead = await tx.member.findFirst({ where: { householdId: member.householdId, relation: "HEAD", status: "PRESENT" } });
    if (formerHead) {
      assertUpdated(
        await tx.member.updateMany({
          where: { id: formerHead.id, version: formerHead.version },
          data: { relation: data.formerHeadRelation, version: { increment: 1 } },
        }),
      );
    }
    assertUpdated(await tx.member.updateMany({ where: { id: member.id, version: data.version }, data: { relation: "HEAD", version: { increment: 1 } } }));
    await recordAudit(tx, actor, {
      action: "member.changeHead",
      entityType: "Household",
      entityId: member.householdId,
      countyCode: member.countyCode,
      before: { headName: formerHead?.name ?? null },
      after: { headName: member.name, formerHeadRelation: data.formerHeadRelation },
    });
    return { householdId: member.householdId };
  },
});
