import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { needsSecondFactor, requirePermission } from "@/lib/auth/permissions";
import { checkSession, type SessionRef } from "@/lib/auth/sessions";
import {
  checkTotpCode,
  decryptTotpSecret,
  encryptTotpSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  totpUri,
} from "@/lib/auth/totp";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { AppError, forbidden, notFound, ruleViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/**
 * The second factor of a session (TOTP, RFC 6238, with one-time recovery codes). Every function
 * here acts on the session named by the caller's own token (`ref`) and re-checks it first.
 */

/** Wrong codes per session; the session is then revoked and the user must sign in again. */
export const MAX_SECOND_FACTOR_FAILURES = 5;
/** Wrong codes per account across sessions within the window: signing in again does not reset it. */
export const MAX_SECOND_FACTOR_FAILURES_PER_USER = 20;
export const SECOND_FACTOR_WINDOW_MINUTES = 15;

const ZTotpInput = z.object({
  code: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\s+/g, "") : value),
    z.string({ error: "请输入 6 位数字验证码" }).regex(/^\d{6}$/, "请输入验证器中显示的 6 位数字验证码"),
  ),
});
const ZRecoveryInput = z.object({
  recoveryCode: z
    .string({ error: "请输入恢复码" })
    .max(40, "恢复码格式不正确")
    .refine((value) => normaliseRecoveryCode(value) !== null, "恢复码格式不正确（16 位字母和数字，如 abcd-efgh-jkmn-pqrs）"),
});

type PendingState = {
  sessionId: string;
  user: { id: string; username: string; displayName: string; role: string };
  enrolled: boolean;
  passed: boolean;
  ip: string | null;
};

const unauthenticated = () => new AppError("UNAUTHENTICATED", "登录已失效，请重新登录");

/** The session in the token, valid and of a role that needs the second factor; else refused. */
async function secondFactorSession(ref: SessionRef, ip: string | null, now: Date): Promise<PendingState> {
  // "required" so that a privileged session shows as pending until it has passed, in any mode.
  const checked = await checkSession(ref, ip, now, "required");
  if (checked.status === "none") throw unauthenticated();
  if (checked.status === "secondFactorPending") {
    return { sessionId: checked.sessionId, user: checked.user, enrolled: checked.enrolled, passed: false, ip };
  }
  if (!checked.secondFactor.required) throw forbidden("两步验证只适用于系统管理员、县扶贫办和督查账号");
  const { actor } = checked;
  return {
    sessionId: ref.sessionId,
    user: { id: actor.userId, username: actor.username, displayName: actor.displayName, role: actor.role },
    enrolled: checked.secondFactor.enrolled,
    passed: true,
    ip,
  };
}

// The secret is bound to its owner: while enrolment is pending, to the session that was shown
// the QR code (someone else signing in with the same password is shown a new one); once
// confirmed, to the user.
const enrolmentContext = (state: PendingState) => `enrolment:${state.sessionId}`;
const userContext = (state: PendingState) => `user:${state.user.id}`;

/** An enrolled secret that no longer decrypts (AUTH_SECRET changed) can only be reset by an admin. */
function readEnrolledSecret(state: PendingState, secretEncrypted: string): string {
  try {
    return decryptTotpSecret(secretEncrypted, authSecret(), userContext(state));
  } catch {
    throw ruleViolation("无法读取该账号的两步验证设置（会话密钥已更换），请联系系统管理员重置两步验证");
  }
}

function readPendingSecret(state: PendingState, secretEncrypted: string): string | null {
  try {
    return decryptTotpSecret(secretEncrypted, authSecret(), enrolmentContext(state));
  } catch {
    return null;
  }
}

const who = (state: PendingState) => ({ userId: state.user.id, displayName: state.user.displayName, role: state.user.role, ip: state.ip });

export type TwoFactorPageState =
  | { step: "enrol"; username: string; displayName: string; secret: string; otpauthUri: string }
  | { step: "verify"; username: string; displayName: string }
  | { step: "done"; username: string; displayName: string };

/** What the two-factor page shows for this session: enrolment (creating the secret), verification, or nothing to do. */
export async function getTwoFactorPage(ref: SessionRef, ip: string | null, now = new Date()): Promise<TwoFactorPageState> {
  const state = await secondFactorSession(ref, ip, now);
  const { username, displayName } = state.user;
  if (state.enrolled) return state.passed ? { step: "done", username, displayName } : { step: "verify", username, displayName };
  return { step: "enrol", username, displayName, ...(await startEnrolment(ref, ip, now)) };
}

/**
 * Begins (or resumes) enrolment: a fresh secret, stored encrypted until a first code confirms it.
 * An enrolled user can never start over here — only an admin's reset removes the old secret.
 */
export async function startEnrolment(ref: SessionRef, ip: string | null, now = new Date()): Promise<{ secret: string; otpauthUri: string }> {
  const state = await secondFactorSession(ref, ip, now);
  if (state.enrolled) throw ruleViolation("该账号已设置两步验证；更换手机或验证器请联系系统管理员重置");
  const pending = await db.twoFactorCredential.findUnique({ where: { userId: state.user.id }, select: { secretEncrypted: true } });
  let secret = pending ? readPendingSecret(state, pending.secretEncrypted) : null;
  if (!secret) {
    const secretEncrypted = encryptTotpSecret(generateTotpSecret(), authSecret(), enrolmentContext(state));
    if (pending) {
      await db.twoFactorCredential.updateMany({ where: { userId: state.user.id, enrolledAt: null }, data: { secretEncrypted, createdAt: now } });
    } else {
      await db.twoFactorCredential.createMany({ data: [{ userId: state.user.id, secretEncrypted }], skipDuplicates: true });
    }
    // Re-read: of two requests of this session the first write wins; another session's means a conflict.
    const stored = await db.twoFactorCredential.findUniqueOrThrow({ where: { userId: state.user.id }, select: { secretEncrypted: true, enrolledAt: true } });
    if (stored.enrolledAt) throw ruleViolation("该账号已设置两步验证");
    secret = readPendingSecret(state, stored.secretEncrypted);
    if (!secret) throw new AppError("CONFLICT", "该账号正在另一处设置两步验证，请刷新页面");
  }
  return { secret, otpauthUri: totpUri({ secret, username: state.user.username }) };
}

/**
 * Reserves one attempt before any code is compared, so that parallel guesses cannot exceed the
 * limits: per account within the window (refused), per session (the session is revoked).
 * Returns the session's failure count including this attempt.
 */
async function reserveAttempt(state: PendingState, now: Date): Promise<number> {
  const windowStart = new Date(now.getTime() - SECOND_FACTOR_WINDOW_MINUTES * 60_000);
  const account = await db.$queryRaw<{ failure_count: number }[]>`
    UPDATE "two_factor_credential"
       SET "failure_count" = CASE WHEN "failure_window_started_at" > ${windowStart}::timestamptz THEN "failure_count" + 1 ELSE 1 END,
           "failure_window_started_at" = CASE WHEN "failure_window_started_at" > ${windowStart}::timestamptz THEN "failure_window_started_at" ELSE ${now}::timestamptz END
     WHERE "user_id" = ${state.user.id}::uuid
       AND ("failure_window_started_at" IS NULL OR "failure_window_started_at" <= ${windowStart}::timestamptz OR "failure_count" < ${MAX_SECOND_FACTOR_FAILURES_PER_USER})
     RETURNING "failure_count"`;
  if (account.length === 0) {
    throw new AppError("RATE_LIMITED", `两步验证失败次数过多，请 ${SECOND_FACTOR_WINDOW_MINUTES} 分钟后再试，或联系系统管理员`);
  }
  const session = await db.$queryRaw<{ second_factor_failures: number }[]>`
    UPDATE "user_session" SET "second_factor_failures" = "second_factor_failures" + 1
     WHERE "id" = ${state.sessionId}::uuid AND "revoked_at" IS NULL AND "second_factor_failures" < ${MAX_SECOND_FACTOR_FAILURES}
     RETURNING "second_factor_failures"`;
  if (session.length === 0) return lockSession(state, now);
  return session[0]!.second_factor_failures;
}

async function lockSession(state: PendingState, now: Date): Promise<never> {
  await db.$transaction(async (tx) => {
    const revoked = await tx.userSession.updateMany({ where: { id: state.sessionId, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 1) {
      await recordAudit(tx, who(state), {
        action: "auth.twoFactorLocked",
        entityType: "User",
        entityId: state.user.id,
        after: { failures: MAX_SECOND_FACTOR_FAILURES },
      });
    }
  });
  throw new AppError("UNAUTHENTICATED", "验证码错误次数过多，本次登录已失效，请重新登录");
}

async function refuse(state: PendingState, now: Date, failures: number, field: "code" | "recoveryCode", reason: string): Promise<never> {
  if (failures >= MAX_SECOND_FACTOR_FAILURES) return lockSession(state, now);
  throw new AppError("VALIDATION", `${reason}，还可尝试 ${MAX_SECOND_FACTOR_FAILURES - failures} 次`, { [field]: [reason] });
}

/** Marks the session as having passed, clearing both failure counts, inside the caller's transaction. */
async function passSession(tx: Tx, state: PendingState, now: Date): Promise<void> {
  const updated = await tx.userSession.updateMany({
    where: { id: state.sessionId, revokedAt: null },
    data: { secondFactorAt: now, secondFactorFailures: 0 },
  });
  if (updated.count !== 1) throw unauthenticated();
  await tx.twoFactorCredential.updateMany({ where: { userId: state.user.id }, data: { failureCount: 0, failureWindowStartedAt: null } });
}

const INVALID_CODE = "验证码不正确";
const REPLAYED_CODE = "该验证码已使用过，请等待验证器显示新的验证码";

/**
 * Confirms enrolment with a first code: the secret becomes the account's, this session has passed,
 * and ten recovery codes are returned — the only time they are ever shown.
 */
export async function confirmEnrolment(ref: SessionRef, ip: string | null, input: unknown, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZTotpInput, input);
  const state = await secondFactorSession(ref, ip, now);
  if (state.enrolled) throw ruleViolation("该账号已设置两步验证");
  const pending = await db.twoFactorCredential.findUnique({ where: { userId: state.user.id }, select: { secretEncrypted: true } });
  const secret = pending ? readPendingSecret(state, pending.secretEncrypted) : null;
  if (!pending || !secret) throw ruleViolation("二维码已更换（例如在另一处登录后打开了设置页面），请刷新页面重新扫描");
  const failures = await reserveAttempt(state, now);
  const checked = checkTotpCode({ secret, code, now, lastUsedStep: null });
  if (!checked.ok) return refuse(state, now, failures, "code", INVALID_CODE);

  const recoveryCodes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    const confirmed = await tx.twoFactorCredential.updateMany({
      where: { userId: state.user.id, enrolledAt: null, secretEncrypted: pending.secretEncrypted },
      data: { secretEncrypted: encryptTotpSecret(secret, authSecret(), userContext(state)), enrolledAt: now, lastUsedStep: checked.step },
    });
    if (confirmed.count !== 1) throw new AppError("CONFLICT", "两步验证已在其他页面设置或二维码已更换，请刷新页面");
    await tx.recoveryCode.deleteMany({ where: { userId: state.user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((recovery) => ({ userId: state.user.id, codeHash: hashRecoveryCode(recovery) })) });
    await passSession(tx, state, now);
    await recordAudit(tx, who(state), {
      action: "auth.twoFactorEnrol",
      entityType: "User",
      entityId: state.user.id,
      after: { recoveryCodes: recoveryCodes.length },
    });
  });
  return { recoveryCodes };
}

/** Verifies this session with a code from the authenticator (`{ code }`) or a recovery code (`{ recoveryCode }`). */
export async function verifySecondFactor(ref: SessionRef, ip: string | null, input: unknown, now = new Date()): Promise<void> {
  const usesRecoveryCode = typeof input === "object" && input !== null && "recoveryCode" in input;
  const parsed = usesRecoveryCode
    ? ({ kind: "recovery", recoveryCode: parseInput(ZRecoveryInput, input).recoveryCode } as const)
    : ({ kind: "totp", code: parseInput(ZTotpInput, input).code } as const);
  const state = await secondFactorSession(ref, ip, now);
  if (!state.enrolled) throw ruleViolation("该账号尚未设置两步验证，请先完成设置");
  if (state.passed) return;
  const failures = await reserveAttempt(state, now);

  if (parsed.kind === "recovery") {
    const passed = await db.$transaction(async (tx) => {
      const used = await tx.recoveryCode.updateMany({
        where: { userId: state.user.id, codeHash: hashRecoveryCode(parsed.recoveryCode), usedAt: null },
        data: { usedAt: now },
      });
      if (used.count !== 1) return false;
      await passSession(tx, state, now);
      const left = await tx.recoveryCode.count({ where: { userId: state.user.id, usedAt: null } });
      await recordAudit(tx, who(state), { action: "auth.twoFactorRecovery", entityType: "User", entityId: state.user.id, after: { recoveryCodesLeft: left } });
      return true;
    });
    if (!passed) return refuse(state, now, failures, "recoveryCode", "恢复码不正确或已使用过");
    return;
  }

  const credential = await db.twoFactorCredential.findUniqueOrThrow({
    where: { userId: state.user.id },
    select: { secretEncrypted: true, lastUsedStep: true },
  });
  const checked = checkTotpCode({
    secret: readEnrolledSecret(state, credential.secretEncrypted),
    code: parsed.code,
    now,
    lastUsedStep: credential.lastUsedStep,
  });
  if (!checked.ok) return refuse(state, now, failures, "code", checked.reason === "REPLAYED" ? REPLAYED_CODE : INVALID_CODE);
  const passed = await db.$transaction(async (tx) => {
    // The step moves forward only: of two requests with the same code, one wins.
    const advanced = await tx.twoFactorCredential.updateMany({
      where: { userId: state.user.id, enrolledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: checked.step } }] },
      data: { lastUsedStep: checked.step },
    });
    if (advanced.count !== 1) return false;
    await passSession(tx, state, now);
    await recordAudit(tx, who(state), { action: "auth.twoFactorVerify", entityType: "User", entityId: state.user.id });
    return true;
  });
  if (!passed) return refuse(state, now, failures, "code", REPLAYED_CODE);
}

/** For the admin's user page: whether the user's role needs the second factor and whether they have enrolled. */
export async function getTwoFactorStatus(actor: Actor, userId: string) {
  requirePermission(actor, "user.manage");
  const user = await db.user.findFirst({
    where: { id: userId, region: { countyCode: actor.countyCode } },
    select: { role: true, twoFactor: { select: { enrolledAt: true } }, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  if (!user) throw notFound("用户");
  const enrolledAt = user.twoFactor?.enrolledAt ?? null;
  return { required: needsSecondFactor(user.role), enrolledAt, recoveryCodesLeft: enrolledAt ? user._count.recoveryCodes : 0 };
}
