import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/sign-in";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { db, type Tx } from "@/lib/db";
import { AppError, assertUpdated, notFound, ruleViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { REGION_LEVEL_MISMATCH, requiredRegionLevel } from "@/lib/users/rules";
import { ZCreateUser, ZPasswordOfUser, ZResetPassword, ZUpdateUser, ZUserRef } from "@/lib/users/schema";
import type { Role } from "@/lib/domain/codes";

async function checkScopeAssignment(tx: Tx, actor: Actor, role: Role, regionCode: string, leaderTownships: string[]) {
  const region = await tx.region.findUnique({ where: { code: regionCode }, select: { level: true, countyCode: true } });
  if (!region || region.countyCode !== actor.countyCode) {
    throw new AppError("VALIDATION", "管辖区域不存在", { regionCode: ["管辖区域不存在"] });
  }
  const level = requiredRegionLevel(role);
  if (region.level !== level) {
    throw new AppError("VALIDATION", REGION_LEVEL_MISMATCH[level], { regionCode: [REGION_LEVEL_MISMATCH[level]] });
  }
  if (leaderTownships.length && role !== "COUNTY_LEADER") {
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

export async function createUser(actor: Actor, input: unknown) {
  requirePermission(actor, "user.manage");
  const data = parseInput(ZCreateUser, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await checkScopeAssignment(tx, actor, data.role, data.regionCode, data.leaderTownships);
    const taken = await tx.user.findUnique({ where: { username: data.username }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", `用户名 ${data.username} 已被使用`, { username: ["该用户名已被使用"] });
    const user = await tx.user.create({
      data: {
        username: data.username,
        displayName: data.displayName,
        passwordHash,
        role: data.role,
        regionCode: data.regionCode,
        phone: data.phone,
        leaderTownships: { create: data.leaderTownships.map((townshipCode) => ({ townshipCode })) },
      },
      select: { id: true },
    });
    const { password: _password, ...shown } = data;
    await recordAudit(tx, actor, { action: "user.create", entityType: "User", entityId: user.id, countyCode: actor.countyCode, after: shown });
    return { id: user.id };
  });
}

/** Role, scope or 包片 changes end the user's sessions (their session version moves on). */
export async function updateUser(actor: Actor, input: unknown) {
  requirePermission(actor, "user.manage");
  const data = parseInput(ZUpdateUser, input);
  return db.$transaction(async (tx) => {
    const before = await loadUserInCounty(tx, actor, data.userId);
    await checkScopeAssignment(tx, actor, data.role, data.regionCode, data.leaderTownships);
    const leaderTownships = [...new Set(data.leaderTownships)].sort();
    const scopeChanged =
      before.role !== data.role ||
      before.regionCode !== data.regionCode ||
      before.leaderTownships.join() !== leaderTownships.join();
    assertUpdated(
      await tx.user.updateMany({
        where: { id: data.userId, version: data.version },
        data: {
          displayName: data.displayName,
          role: data.role,
          regionCode: data.regionCode,
          phone: data.phone,
          version: { increment: 1 },
          ...(scopeChanged ? { sessionVersion: { increment: 1 } } : {}),
        },
      }),
    );
    await tx.leaderTownship.deleteMany({ where: { userId: data.userId } });
    if (leaderTownships.length) {
      await tx.leaderTownship.createMany({ data: leaderTownships.map((townshipCode) => ({ userId: data.userId, townshipCode })) });
    }
    const after = { displayName: data.displayName, role: data.role, regionCode: data.regionCode, phone: data.phone, leaderTownships };
    const diff = diffFields(before, after);
    await recordAudit(tx, actor, { action: "user.update", entityType: "User", entityId: data.userId, countyCode: actor.countyCode, ...diff });
  });
}

export async function setUserActive(actor: Actor, input: unknown, active: boolean) {
  requirePermission(actor, "user.manage");
  const data = parseInput(ZUserRef, input);
  if (!active && data.userId === actor.userId) throw new AppError("RULE_VIOLATION", "不能停用自己的账号");
  return db.$transaction(async (tx) => {
    const before = await loadUserInCounty(tx, actor, data.userId);
    if (!active) {
      const helped = await tx.household.count({ where: { helperId: data.userId, status: { in: ["REGISTERED", "RETURNED"] } } });
      if (helped > 0) {
        throw new AppError("RULE_VIOLATION", `该用户仍是 ${helped} 户未脱贫户的帮扶责任人（户不脱贫，帮扶责任人不脱钩），请先在户档中为这些户更换帮扶责任人后再停用`);
      }
    }
    assertUpdated(
      await tx.user.updateMany({
        where: { id: data.userId, version: data.version },
        data: { active, version: { increment: 1 }, sessionVersion: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: active ? "user.enable" : "user.disable",
      entityType: "User",
      entityId: data.userId,
      countyCode: actor.countyCode,
      before: { active: before.active },
      after: { active },
    });
  });
}

export async function resetPassword(actor: Actor, input: unknown) {
  requirePermission(actor, "user.manage");
  const data = parseInput(ZResetPassword, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    const user = await loadUserInCounty(tx, actor, data.userId);
    parseInput(ZPasswordOfUser, { username: user.username, password: data.password });
    assertUpdated(
      await tx.user.updateMany({
        where: { id: data.userId, version: data.version },
        data: { passwordHash, version: { increment: 1 }, sessionVersion: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, { action: "user.resetPassword", entityType: "User", entityId: data.userId, countyCode: actor.countyCode });
  });
}

/** Ends every session of a user at their next request, without changing anything else. */
export async function signOutEverywhere(actor: Actor, input: unknown) {
  const data = parseInput(ZUserRef.pick({ userId: true }), input);
  if (data.userId !== actor.userId) requirePermission(actor, "user.manage");
  return db.$transaction(async (tx) => {
    await loadUserInCounty(tx, actor, data.userId);
    await tx.user.update({ where: { id: data.userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: data.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.signOutEverywhere", entityType: "User", entityId: data.userId, countyCode: actor.countyCode });
  });
}

/**
 * Removes a user's second factor (lost phone): the secret and recovery codes are deleted and
 * every session of theirs must pass the second factor again — that is, enrol anew. Nothing else
 * about the user changes.
 */
export async function resetTwoFactor(actor: Actor, input: unknown) {
  requirePermission(actor, "user.manage");
  const data = parseInput(ZUserRef.pick({ userId: true }), input);
  return db.$transaction(async (tx) => {
    await loadUserInCounty(tx, actor, data.userId);
    const removed = await tx.twoFactorCredential.deleteMany({ where: { userId: data.userId, enrolledAt: { not: null } } });
    if (removed.count === 0) throw ruleViolation("该用户尚未设置两步验证，无需重置");
    await tx.recoveryCode.deleteMany({ where: { userId: data.userId } });
    await tx.userSession.updateMany({ where: { userId: data.userId }, data: { secondFactorAt: null, secondFactorFailures: 0 } });
    await recordAudit(tx, actor, {
      action: "user.resetTwoFactor",
      entityType: "User",
      entityId: data.userId,
      countyCode: actor.countyCode,
      before: { twoFactorEnrolled: true },
      after: { twoFactorEnrolled: false },
    });
  });
}
