import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/sign-in";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";
import { AppError, assertUpdated, notFound, ruleViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { REGION_LEVEL_MISMATCH, requiredRegionLevel, takesLeaderTownships } from "@/lib/users/rules";
import { ZCreateUser, ZPasswordOfUser, ZResetPassword, ZUpdateUser, ZUserId, ZUserRef, type TUserRef } from "@/lib/users/schema";
import type { Role } from "@/lib/domain/codes";

async function checkScopeAssignment(tx: Tx, actor: Actor, role: Role, regionCode: string, leaderTownships: string[]) {
  const region = await tx.region.findUnique({ where: { code: regionCode }, select: { level: true, countyCode: true, retiredAt: true } });
  if (!region || region.countyCode !== actor.countyCode) {
    throw new AppError("VALIDATION", "管辖区域不存在", { regionCode: ["管辖区域不存在"] });
  }
  if (region.retiredAt) throw new AppError("VALIDATION", "该区域已撤销，不能再分配账号", { regionCode: ["该区域已撤销"] });
  const level = requiredRegionLevel(role);
  if (region.level !== level) {
    throw new AppError("VALIDATION", REGION_LEVEL_MISMATCH[level], { regionCode: [REGION_LEVEL_MISMATCH[level]] });
  }
  if (leaderTownships.length && !takesLeaderTownships(role)) {
    throw new AppError("VALIDATION", "只有县领导可以包片乡镇", { leaderTownships: ["只有县领导可以包片乡镇"] });
  }
  if (leaderTownships.length) {
    const found = await tx.region.count({
      where: { code: { in: leaderTownships }, level: "TOWNSHIP", countyCode: actor.countyCode },
    });
    if (found !== new Set(leaderTownships).size) {
      throw new AppError("VALIDATION", "包片乡镇不存在", { leaderTownships: ["包片乡镇不存在"] });
    }
  }
}

async function loadUserInCounty(tx: Tx, actor: Actor, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId, region: { countyCode: actor.countyCode } },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      regionCode: true,
      phone: true,
      active: true,
      version: true,
      leaderTownships: { select: { townshipCode: true } },
    },
  });
  if (!user) throw notFound("用户");
  return { ...user, leaderTownships: user.leaderTownships.map((row) => row.townshipCode).sort() };
}

/**
 * Creates a user in the actor's county. The password is hashed (deliberately slow) before the
 * transaction opens, so the hash holds no database connection.
 */
export const createUser = defineCommand({
  permission: "user.manage",
  input: ZCreateUser,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    const passwordHash = await hashPassword(input.password);
    return db.$transaction(async (tx) => {
      await checkScopeAssignment(tx, actor, input.role, input.regionCode, input.leaderTownships);
      const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
      if (taken) throw new AppError("CONFLICT", `用户名 ${input.username} 已被使用`, { username: ["该用户名已被使用"] });
      const user = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          role: input.role,
          regionCode: input.regionCode,
          phone: input.phone,
          leaderTownships: { create: input.leaderTownships.map((townshipCode) => ({ townshipCode })) },
        },
        select: { id: true },
      });
      const { password: _password, ...shown } = input;
      await recordAudit(tx, actor, { action: "user.create", entityType: "User", entityId: user.id, countyCode: actor.countyCode, after: shown });
      return { id: user.id };
    });
  },
});

/** Role, scope or 包片 changes end the user's sessions (their session version moves on). */
export const updateUser = defineCommand({
  permission: "user.manage",
  input: ZUpdateUser,
  async run({ actor, input, tx }) {
    const before = await loadUserInCounty(tx, actor, input.userId);
    await checkScopeAssignment(tx, actor, input.role, input.regionCode, input.leaderTownships);
    const leaderTownships = [...new Set(input.leaderTownships)].sort();
    const scopeChanged = before.role !== input.role || before.regionCode !== input.regionCode || before.leaderTownships.join() !== leaderTownships.join();
    assertUpdated(
      await tx.user.updateMany({
        where: { id: input.userId, version: input.version },
        data: {
          displayName: input.displayName,
          role: input.role,
          regionCode: input.regionCode,
          phone: input.phone,
          version: { increment: 1 },
          ...(scopeChanged ? { sessionVersion: { increment: 1 } } : {}),
        },
      }),
    );
    await tx.leaderTownship.deleteMany({ where: { userId: input.userId } });
    if (leaderTownships.length) {
      await tx.leaderTownship.createMany({ data: leaderTownships.map((townshipCode) => ({ userId: input.userId, townshipCode })) });
    }
    const after = { displayName: input.displayName, role: input.role, regionCode: input.regionCode, phone: input.phone, leaderTownships };
    const diff = diffFields(before, after);
    await recordAudit(tx, actor, { action: "user.update", entityType: "User", entityId: input.userId, countyCode: actor.countyCode, ...diff });
    return { userId: input.userId };
  },
});

/** Enabling or disabling moves the user's session version on, so a disabled user is out at their next request. */
async function setActive(tx: Tx, actor: Actor, input: TUserRef, active: boolean) {
  const before = await loadUserInCounty(tx, actor, input.userId);
  if (!active) {
    const helped = await tx.household.count({ where: { helperId: input.userId, status: { in: ["REGISTERED", "RETURNED"] } } });
    if (helped > 0) {
      throw new AppError(
        "RULE_VIOLATION",
        `该用户仍是 ${helped} 户未脱贫户的帮扶责任人（户不脱贫，帮扶责任人不脱钩），请先在户档中为这些户更换帮扶责任人后再停用`,
      );
    }
  }
  assertUpdated(
    await tx.user.updateMany({
      where: { id: input.userId, version: input.version },
      data: { active, version: { increment: 1 }, sessionVersion: { increment: 1 } },
    }),
  );
  await recordAudit(tx, actor, {
    action: active ? "user.enable" : "user.disable",
    entityType: "User",
    entityId: input.userId,
    countyCode: actor.countyCode,
    before: { active: before.active },
    after: { active },
  });
  return { userId: input.userId };
}

/** A user who is still 帮扶责任人 of a household not yet out of poverty cannot be disabled; nor can the actor themself. */
export const disableUser = defineCommand({
  permission: "user.manage",
  input: ZUserRef,
  async run({ actor, input, tx }) {
    if (input.userId === actor.userId) throw new AppError("RULE_VIOLATION", "不能停用自己的账号");
    return setActive(tx, actor, input, false);
  },
});

export const enableUser = defineCommand({
  permission: "user.manage",
  input: ZUserRef,
  run: ({ actor, input, tx }) => setActive(tx, actor, input, true),
});

/** The password is hashed before the transaction opens (see createUser); the rule "not the username" needs the stored username. */
export const resetPassword = defineCommand({
  permission: "user.manage",
  input: ZResetPassword,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    const passwordHash = await hashPassword(input.password);
    return db.$transaction(async (tx) => {
      const user = await loadUserInCounty(tx, actor, input.userId);
      parseInput(ZPasswordOfUser, { username: user.username, password: input.password });
      assertUpdated(
        await tx.user.updateMany({
          where: { id: input.userId, version: input.version },
          data: { passwordHash, version: { increment: 1 }, sessionVersion: { increment: 1 } },
        }),
      );
      await recordAudit(tx, actor, { action: "user.resetPassword", entityType: "User", entityId: input.userId, countyCode: actor.countyCode });
      return { userId: input.userId };
    });
  },
});

/** 强制下线: ends every session of a user at their next request, without changing anything else. */
export const signOutEverywhere = defineCommand({
  permission: "user.manage",
  input: ZUserId,
  async run({ actor, input, tx }) {
    await loadUserInCounty(tx, actor, input.userId);
    await tx.user.update({ where: { id: input.userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: input.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.signOutEverywhere", entityType: "User", entityId: input.userId, countyCode: actor.countyCode });
    return { userId: input.userId };
  },
});

/**
 * Removes a user's second factor (lost phone): the secret and recovery codes are deleted and
 * every session of theirs must pass the second factor again — that is, enrol anew. Nothing else
 * about the user changes.
 */
export const resetTwoFactor = defineCommand({
  permission: "user.manage",
  input: ZUserId,
  async run({ actor, input, tx }) {
    await loadUserInCounty(tx, actor, input.userId);
    const removed = await tx.twoFactorCredential.deleteMany({ where: { userId: input.userId, enrolledAt: { not: null } } });
    if (removed.count === 0) throw ruleViolation("该用户尚未设置两步验证，无需重置");
    await tx.recoveryCode.deleteMany({ where: { userId: input.userId } });
    await tx.userSession.updateMany({ where: { userId: input.userId }, data: { secondFactorAt: null, secondFactorFailures: 0 } });
    await recordAudit(tx, actor, {
      action: "user.resetTwoFactor",
      entityType: "User",
      entityId: input.userId,
      countyCode: actor.countyCode,
      before: { twoFactorEnrolled: true },
      after: { twoFactorEnrolled: false },
    });
    return { userId: input.userId };
  },
});
