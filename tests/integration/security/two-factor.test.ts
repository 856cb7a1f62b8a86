// Two-factor sign-in for 系统管理员, 县扶贫办 and 督查, checked in the mode a production deployment runs
// (TWO_FACTOR_MODE unset = required), whatever the test environment's default is.
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { checkSession, resolveActor, type SessionRef } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import {
  MAX_SECOND_FACTOR_FAILURES,
  MAX_SECOND_FACTOR_FAILURES_PER_USER,
  confirmEnrolment,
  getTwoFactorStatus,
  startEnrolment,
  verifySecondFactor,
} from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { createUser, resetTwoFactor } from "@/lib/users/commands";
import { DEMO_COUNTY, DEMO_PASSWORD } from "@/prisma/demo-county";
import { expectAppError, testIp, uniqueName } from "../helpers";

const REQUIRED = "required";
const PASSWORD = "Yunling-2fa-test";

const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
/** A code that is none of the three the window accepts at `at`. */
function wrongCodeAt(secret: string, at: Date): string {
  const accepted = new Set([-30, 0, 30].map((offset) => codeAt(secret, later(at, offset))));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!accepted.has(code)) return code;
  }
}

type Session = { ref: SessionRef; ip: string };

async function signIn(username: string, password = PASSWORD): Promise<Session> {
  const ip = testIp();
  return { ref: await verifyCredentials({ username, password }, ip), ip };
}

/** The admin who creates the test accounts: not enrolled, so only the demo's optional mode lets it through. */
async function admin() {
  const { ref, ip } = await signIn("admin", DEMO_PASSWORD);
  const actor = await resolveActor(ref, ip, new Date(), "optional");
  if (!actor) throw new Error("admin did not resolve");
  return actor;
}

async function newUser(role: "COUNTY_OFFICE" | "INSPECTOR" | "ADMIN" | "VILLAGE_CADRE" = "COUNTY_OFFICE") {
  const username = uniqueName("tf");
  const regionCode = role === "VILLAGE_CADRE" ? "522698100201" : DEMO_COUNTY.code;
  const { id } = await createUser(await admin(), { username, displayName: "两步验证测试", password: PASSWORD, role, regionCode });
  return { id, username };
}

/** A privileged user who has enrolled; returns the secret, the recovery codes and the enrolment time. */
async function enrolledUser(role: "COUNTY_OFFICE" | "INSPECTOR" | "ADMIN" = "COUNTY_OFFICE") {
  const user = await newUser(role);
  const session = await signIn(user.username);
  const now = new Date();
  const { secret } = await startEnrolment(session.ref, session.ip, now);
  const { recoveryCodes } = await confirmEnrolment(session.ref, session.ip, { code: codeAt(secret, now) }, now);
  return { ...user, session, secret, recoveryCodes, enrolledAt: now };
}

describe("two-factor sign-in (required mode)", () => {
  it("a 县扶贫办 session without the second factor yields no actor, only a pending state", async () => {
    const user = await newUser("COUNTY_OFFICE");
    const { ref, ip } = await signIn(user.username);
    expect(await resolveActor(ref, ip, new Date(), REQUIRED)).toBeNull();
    expect(await checkSession(ref, ip, new Date(), REQUIRED)).toMatchObject({
      status: "secondFactorPending",
      user: { id: user.id, username: user.username, role: "COUNTY_OFFICE" },
      enrolled: false,
    });
  });

  it("enrolment: a fresh secret stored encrypted, confirmed with a first code, ten recovery codes stored hashed; then the session resolves", async () => {
    const user = await newUser("INSPECTOR");
    const { ref, ip } = await signIn(user.username);
    const now = new Date();
    const { secret, otpauthUri } = await startEnrolment(ref, ip, now);
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Reloading the page shows the same secret until it is confirmed.
    expect((await startEnrolment(ref, ip, now)).secret).toBe(secret);
    const stored = await db.twoFactorCredential.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(stored.enrolledAt).toBeNull();

    await expectAppError(confirmEnrolment(ref, ip, { code: wrongCodeAt(secret, now) }, now), "VALIDATION");
    expect(await resolveActor(ref, ip, now, REQUIRED)).toBeNull();

    const { recoveryCodes } = await confirmEnrolment(ref, ip, { code: codeAt(secret, now) }, now);
    expect(recoveryCodes).toHaveLength(10);
    const actor = await resolveActor(ref, ip, now, REQUIRED);
    expect(actor).toMatchObject({ userId: user.id, role: "INSPECTOR" });

    const hashes = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true, usedAt: true } });
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(hashes.some((row) => row.codeHash.includes(code.replace(/-/g, "")))).toBe(false);
    expect((await db.twoFactorCredential.findUniqueOrThrow({ where: { userId: user.id } })).enrolledAt).not.toBeNull();

    const audit = await db.auditEvent.findMany({ where: { entityId: user.id, action: { startsWith: "auth.twoFactor" } } });
    expect(audit.map((row) => row.action)).toEqual(["auth.twoFactorEnrol"]);
    const allAudit = JSON.stringify(await db.auditEvent.findMany({ where: { entityId: user.id } }), (_key, value) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(allAudit).not.toContain(secret);
    for (const code of recoveryCodes) expect(allAudit).not.toContain(code);
  });

  it("a pending secret belongs to the session that was shown it: another sign-in gets a new one, the old QR code no longer confirms", async () => {
    const user = await newUser("COUNTY_OFFICE");
    const first = await signIn(user.username);
    const second = await signIn(user.username);
    const now = new Date();
    const shownFirst = await startEnrolment(first.ref, first.ip, now);
    const shownSecond = await startEnrolment(second.ref, second.ip, now);
    expect(shownSecond.secret).not.toBe(shownFirst.secret);
    await expectAppError(confirmEnrolment(first.ref, first.ip, { code: codeAt(shownFirst.secret, now) }, now), "RULE_VIOLATION");
    await expectAppError(confirmEnrolment(first.ref, first.ip, { code: codeAt(shownSecond.secret, now) }, now), "RULE_VIOLATION");
    await confirmEnrolment(second.ref, second.ip, { code: codeAt(shownSecond.secret, now) }, now);
    expect(await resolveActor(second.ref, second.ip, now, REQUIRED)).not.toBeNull();
    expect(await resolveActor(first.ref, first.ip, now, REQUIRED)).toBeNull();
  });

  it("an enrolled user's pending session cannot enrol again (no overwriting the secret), only verify", async () => {
    const user = await enrolledUser();
    const { ref, ip } = await signIn(user.username);
    expect(await checkSession(ref, ip, new Date(), REQUIRED)).toMatchObject({ status: "secondFactorPending", enrolled: true });
    const before = await db.twoFactorCredential.findUniqueOrThrow({ where: { userId: user.id } });
    await expectAppError(startEnrolment(ref, ip, new Date()), "RULE_VIOLATION");
    await expectAppError(confirmEnrolment(ref, ip, { code: "123456" }, new Date()), "RULE_VIOLATION");
    expect(await db.twoFactorCredential.findUniqueOrThrow({ where: { userId: user.id } })).toEqual(before);
  });

  it("a code is accepted once: the enrolment's code is refused in the next session, the next step's code is accepted", async () => {
    const user = await enrolledUser("ADMIN");
    const { ref, ip } = await signIn(user.username);
    const replayed = await expectAppError(verifySecondFactor(ref, ip, { code: codeAt(user.secret, user.enrolledAt) }, user.enrolledAt), "VALIDATION");
    expect(replayed.fieldErrors?.code?.[0]).toMatch(/已使用过/);
    expect(await resolveActor(ref, ip, user.enrolledAt, REQUIRED)).toBeNull();

    const next = later(user.enrolledAt, 30);
    await verifySecondFactor(ref, ip, { code: codeAt(user.secret, next) }, next);
    expect(await resolveActor(ref, ip, next, REQUIRED)).toMatchObject({ userId: user.id, role: "ADMIN" });
    const actions = (await db.auditEvent.findMany({ where: { entityId: user.id, action: { startsWith: "auth.twoFactor" } }, orderBy: { id: "asc" } })).map(
      (row) => row.action,
    );
    expect(actions).toEqual(["auth.twoFactorEnrol", "auth.twoFactorVerify"]);

    // The same code again, in a third session, is refused too.
    const third = await signIn(user.username);
    await expectAppError(verifySecondFactor(third.ref, third.ip, { code: codeAt(user.secret, next) }, next), "VALIDATION");
  });

  it(`wrong codes are counted and the session is revoked after ${MAX_SECOND_FACTOR_FAILURES}; malformed input is not counted`, async () => {
    const user = await enrolledUser();
    const { ref, ip } = await signIn(user.username);
    const now = later(user.enrolledAt, 60);
    const wrong = wrongCodeAt(user.secret, now);
    await expectAppError(verifySecondFactor(ref, ip, { code: "12ab" }, now), "VALIDATION");
    for (let attempt = 1; attempt < MAX_SECOND_FACTOR_FAILURES; attempt++) {
      const refused = await expectAppError(verifySecondFactor(ref, ip, { code: wrong }, now), "VALIDATION");
      expect(refused.message).toContain(`还可尝试 ${MAX_SECOND_FACTOR_FAILURES - attempt} 次`);
    }
    const locked = await expectAppError(verifySecondFactor(ref, ip, { code: wrong }, now), "UNAUTHENTICATED");
    expect(locked.message).toMatch(/请重新登录/);
    const session = await db.userSession.findUniqueOrThrow({ where: { id: ref.sessionId } });
    expect(session.revokedAt).not.toBeNull();
    expect(session.secondFactorFailures).toBe(MAX_SECOND_FACTOR_FAILURES);
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: "auth.twoFactorLocked" } })).toBe(1);

    // Even the right code no longer helps this session.
    await expectAppError(verifySecondFactor(ref, ip, { code: codeAt(user.secret, now) }, now), "UNAUTHENTICATED");
    expect(await resolveActor(ref, ip, now, REQUIRED)).toBeNull();
    expect(await resolveActor(ref, ip, now, "optional")).toBeNull();
  });

  it(`signing in again does not reset the count for the account: ${MAX_SECOND_FACTOR_FAILURES_PER_USER} failures in 15 minutes refuse even the right code`, async () => {
    const user = await enrolledUser();
    const now = later(user.enrolledAt, 60);
    const wrong = wrongCodeAt(user.secret, now);
    let failures = 0;
    while (failures < MAX_SECOND_FACTOR_FAILURES_PER_USER) {
      const { ref, ip } = await signIn(user.username);
      for (let attempt = 0; attempt < MAX_SECOND_FACTOR_FAILURES && failures < MAX_SECOND_FACTOR_FAILURES_PER_USER; attempt++, failures++) {
        await verifySecondFactor(ref, ip, { code: wrong }, now).catch(() => undefined);
      }
    }
    const { ref, ip } = await signIn(user.username);
    const limited = await expectAppError(verifySecondFactor(ref, ip, { code: codeAt(user.secret, now) }, now), "RATE_LIMITED");
    expect(limited.message).toMatch(/15 分钟后再试/);
    expect(await resolveActor(ref, ip, now, REQUIRED)).toBeNull();
    // After the window the owner gets in with a fresh code.
    const after = later(now, 16 * 60);
    const fresh = await signIn(user.username);
    await verifySecondFactor(fresh.ref, fresh.ip, { code: codeAt(user.secret, after) }, after);
    expect(await resolveActor(fresh.ref, fresh.ip, after, REQUIRED)).not.toBeNull();
  });

  it("a recovery code works once, is audited, and is refused the second time", async () => {
    const user = await enrolledUser("INSPECTOR");
    const [code] = user.recoveryCodes;
    const first = await signIn(user.username);
    await verifySecondFactor(first.ref, first.ip, { recoveryCode: code!.toUpperCase() }, new Date());
    expect(await resolveActor(first.ref, first.ip, new Date(), REQUIRED)).toMatchObject({ userId: user.id });
    const recoveryAudit = await db.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "auth.twoFactorRecovery" } });
    expect(recoveryAudit.after).toEqual({ recoveryCodesLeft: 9 });

    const second = await signIn(user.username);
    await expectAppError(verifySecondFactor(second.ref, second.ip, { recoveryCode: code! }, new Date()), "VALIDATION");
    expect(await resolveActor(second.ref, second.ip, new Date(), REQUIRED)).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
    // Another user's recovery code is no key to this account.
    const other = await enrolledUser();
    await expectAppError(verifySecondFactor(second.ref, second.ip, { recoveryCode: other.recoveryCodes[0]! }, new Date()), "VALIDATION");
  });

  it("the page's commands act only on the session in the caller's own token", async () => {
    const victim = await enrolledUser();
    const attacker = await newUser("COUNTY_OFFICE");
    const attackerSession = await signIn(attacker.username);
    const victimSession = await signIn(victim.username);
    const now = later(victim.enrolledAt, 30);
    // The attacker's user id with the victim's session row, or a stale session version: no session at all.
    await expectAppError(
      verifySecondFactor({ ...victimSession.ref, userId: attacker.id }, attackerSession.ip, { code: codeAt(victim.secret, now) }, now),
      "UNAUTHENTICATED",
    );
    await expectAppError(
      startEnrolment({ ...attackerSession.ref, sessionVersion: attackerSession.ref.sessionVersion + 1 }, attackerSession.ip, now),
      "UNAUTHENTICATED",
    );
    expect((await db.userSession.findUniqueOrThrow({ where: { id: victimSession.ref.sessionId } })).secondFactorAt).toBeNull();
  });

  it("an admin's reset is audited, ends the second factor of every session and forces re-enrolment; others may not reset", async () => {
    const user = await enrolledUser();
    const { ref, ip } = user.session;
    expect(await resolveActor(ref, ip, user.enrolledAt, REQUIRED)).not.toBeNull();

    const county = await resolveActor(ref, ip, user.enrolledAt, REQUIRED);
    await expectAppError(resetTwoFactor(county!, { userId: user.id }), "FORBIDDEN");
    expect((await getTwoFactorStatus(await admin(), user.id)).enrolledAt).not.toBeNull();

    const adminActor = await admin();
    const usersBefore = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    await resetTwoFactor(adminActor, { userId: user.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.resetTwoFactor" } });
    expect(audit).toMatchObject({ actorId: adminActor.userId, before: { twoFactorEnrolled: true }, after: { twoFactorEnrolled: false } });
    const usersAfter = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(usersAfter.version).toBe(usersBefore.version);

    expect(await resolveActor(ref, ip, new Date(), REQUIRED)).toBeNull();
    expect(await checkSession(ref, ip, new Date(), REQUIRED)).toMatchObject({ status: "secondFactorPending", enrolled: false });
    expect(await getTwoFactorStatus(adminActor, user.id)).toMatchObject({ required: true, enrolledAt: null, recoveryCodesLeft: 0 });
    await expectAppError(verifySecondFactor(ref, ip, { recoveryCode: user.recoveryCodes[1]! }, new Date()), "RULE_VIOLATION");

    const now = later(user.enrolledAt, 90);
    const { secret } = await startEnrolment(ref, ip, now);
    expect(secret).not.toBe(user.secret);
    await confirmEnrolment(ref, ip, { code: codeAt(secret, now) }, now);
    expect(await resolveActor(ref, ip, now, REQUIRED)).not.toBeNull();

    await expectAppError(resetTwoFactor(adminActor, { userId: (await newUser()).id }), "RULE_VIOLATION");
  });

  it("a 村干部 is not affected and cannot enrol", async () => {
    const user = await newUser("VILLAGE_CADRE");
    const { ref, ip } = await signIn(user.username);
    expect(await resolveActor(ref, ip, new Date(), REQUIRED)).toMatchObject({ userId: user.id, role: "VILLAGE_CADRE" });
    await expectAppError(startEnrolment(ref, ip, new Date()), "FORBIDDEN");
  });
});

describe("two-factor sign-in (optional mode, the demo's embedded default)", () => {
  it("lets an un-enrolled privileged user through, but not an enrolled one without the code", async () => {
    const unenrolled = await newUser("COUNTY_OFFICE");
    const first = await signIn(unenrolled.username);
    expect(await resolveActor(first.ref, first.ip, new Date(), "optional")).toMatchObject({ userId: unenrolled.id });

    const enrolled = await enrolledUser("COUNTY_OFFICE");
    const second = await signIn(enrolled.username);
    expect(await resolveActor(second.ref, second.ip, new Date(), "optional")).toBeNull();
    expect(await checkSession(second.ref, second.ip, new Date(), "optional")).toMatchObject({ status: "secondFactorPending", enrolled: true });
  });

  it("an un-enrolled privileged user who is let through may still enrol", async () => {
    const user = await newUser("ADMIN");
    const { ref, ip } = await signIn(user.username);
    const now = new Date();
    const { secret } = await startEnrolment(ref, ip, now);
    await confirmEnrolment(ref, ip, { code: codeAt(secret, now) }, now);
    expect(await resolveActor(ref, ip, now, REQUIRED)).toMatchObject({ userId: user.id });
  });
});
