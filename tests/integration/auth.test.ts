import { describe, expect, it } from "vitest";
import { resolveActor, revokeSession } from "@/lib/auth/sessions";
import { MAX_FAILURES_PER_ACCOUNT_IP, SignInFailure, verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createUser, disableUser, resetPassword, signOutEverywhere, updateUser } from "@/lib/users/commands";
import { DEMO_USERS } from "@/prisma/demo-county";
import { signInAs, testIp, uniqueName } from "./helpers";

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInFailure) return error.code;
    throw error;
  }
  return "SUCCEEDED";
}

async function snapshot() {
  return {
    users: await db.user.count(),
    sessions: await db.userSession.count(),
    audit: await db.auditEvent.count(),
  };
}

async function newVillageUser() {
  const admin = await signInAs("admin");
  const username = uniqueName("u");
  const { id } = await createUser(admin, { username, displayName: "测试用户", password: "secret-2026", role: "VILLAGE_CADRE", regionCode: "522698100202" });
  const ip = testIp();
  const ref = await verifyCredentials({ username, password: "secret-2026" }, ip);
  return { admin, id, username, ip, ref };
}

describe("sign-in", () => {
  it("every demo account signs in and resolves to its role and scope", async () => {
    for (const demo of DEMO_USERS) {
      const actor = await signInAs(demo.username);
      expect(actor.role).toBe(demo.role);
      expect(actor.regionCode).toBe(demo.regionCode);
    }
    const leader = await signInAs("leader");
    expect(leader.leaderTownships).toEqual(["522698100000"]);
    const village = await signInAs("village");
    expect(village).toMatchObject({ townshipCode: "522698100000", villageCode: "522698100201", regionName: "杨柳村" });
  });

  it("is audited", async () => {
    const actor = await signInAs("team");
    const last = await db.auditEvent.findFirst({ where: { actorId: actor.userId, action: "auth.signIn" }, orderBy: { id: "desc" } });
    expect(last?.entityId).toBe(actor.userId);
  });

  it("bad input gets a clear message and changes nothing", async () => {
    const before = await snapshot();
    const attemptsBefore = await db.signInAttempt.count();
    expect(await failureCode(verifyCredentials({ username: "village", password: "" }, testIp()))).toBe("BAD_INPUT");
    expect(await failureCode(verifyCredentials({ username: "x".repeat(10_000), password: "demo-2026" }, testIp()))).toBe("BAD_INPUT");
    expect(await failureCode(verifyCredentials({ username: "", password: "demo-2026" }, testIp()))).toBe("BAD_INPUT");
    expect(await failureCode(verifyCredentials(null, testIp()))).toBe("BAD_INPUT");
    expect(new SignInFailure("BAD_INPUT").message).toMatch(/请输入用户名和密码/);
    expect(await snapshot()).toEqual(before);
    expect(await db.signInAttempt.count()).toBe(attemptsBefore);
  });

  it("an unknown user and a wrong password get the same message and open no session", async () => {
    const before = await snapshot();
    expect(await failureCode(verifyCredentials({ username: "nobody-here", password: "demo-2026" }, testIp()))).toBe("INVALID_CREDENTIALS");
    expect(await failureCode(verifyCredentials({ username: "helper", password: "wrong-password" }, testIp()))).toBe("INVALID_CREDENTIALS");
    expect(new SignInFailure("INVALID_CREDENTIALS").message).toBe("用户名或密码错误，或账号已停用");
    expect(await snapshot()).toEqual(before);
  });

  it("limits failed sign-ins per account and IP: the right password is refused from that IP, not from another", async () => {
    const { username } = await newVillageUser();
    const ip = testIp();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT_IP; attempt++) {
      expect(await failureCode(verifyCredentials({ username, password: "wrong" }, ip))).toBe("INVALID_CREDENTIALS");
    }
    expect(await failureCode(verifyCredentials({ username, password: "secret-2026" }, ip))).toBe("RATE_LIMITED");
    expect(await failureCode(verifyCredentials({ username, password: "secret-2026" }, testIp()))).toBe("SUCCEEDED");
    expect(new SignInFailure("RATE_LIMITED").message).toMatch(/登录失败次数过多/);
  });

  it("limits failed sign-ins per IP across accounts", async () => {
    const ip = testIp();
    for (let attempt = 0; attempt < 20; attempt++) {
      await failureCode(verifyCredentials({ username: `ghost${attempt}`, password: "wrong" }, ip));
    }
    expect(await failureCode(verifyCredentials({ username: "county", password: "demo-2026" }, ip))).toBe("RATE_LIMITED");
    expect(await failureCode(verifyCredentials({ username: "county", password: "demo-2026" }, testIp()))).toBe("SUCCEEDED");
  });
});

describe("sessions end on the next request when the user changes", () => {
  it("a disabled user's existing session is refused", async () => {
    const { admin, id, ip, ref } = await newVillageUser();
    expect(await resolveActor(ref, ip)).not.toBeNull();
    await disableUser(admin, { userId: id, version: 1 });
    expect(await resolveActor(ref, ip)).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { entityId: id, action: "user.disable" } });
    expect(audit?.before).toEqual({ active: true });
    expect(audit?.after).toEqual({ active: false });
  });

  it("a password reset, a role or scope change, or sign-out-everywhere ends it", async () => {
    const { admin, id, ip, ref } = await newVillageUser();
    await resetPassword(admin, { userId: id, version: 1, password: "another-2026" });
    expect(await resolveActor(ref, ip)).toBeNull();

    const second = await verifyCredentials({ username: (await db.user.findUniqueOrThrow({ where: { id } })).username, password: "another-2026" }, ip);
    expect(await resolveActor(second, ip)).not.toBeNull();
    await updateUser(admin, { userId: id, version: 2, displayName: "测试用户", role: "WORK_TEAM", regionCode: "522698100202" });
    expect(await resolveActor(second, ip)).toBeNull();

    const third = await verifyCredentials({ username: (await db.user.findUniqueOrThrow({ where: { id } })).username, password: "another-2026" }, ip);
    expect((await resolveActor(third, ip))?.role).toBe("WORK_TEAM");
    await signOutEverywhere(admin, { userId: id });
    expect(await resolveActor(third, ip)).toBeNull();
  });

  it("a signed-out session is refused", async () => {
    const { ip, ref } = await newVillageUser();
    await revokeSession(ref.sessionId);
    expect(await resolveActor(ref, ip)).toBeNull();
  });

  it("idle for more than 30 minutes or older than 12 hours is refused", async () => {
    const { ip, ref } = await newVillageUser();
    const start = new Date();
    expect(await resolveActor(ref, ip, new Date(start.getTime() + 29 * 60_000))).not.toBeNull();
    expect(await resolveActor(ref, ip, new Date(start.getTime() + 29 * 60_000 + 31 * 60_000))).toBeNull();

    const other = await newVillageUser();
    // Stay active every 20 minutes for 12 hours: the absolute limit still ends it.
    let now = new Date();
    for (let step = 0; step < 35; step++) {
      now = new Date(now.getTime() + 20 * 60_000);
      expect(await resolveActor(other.ref, other.ip, now)).not.toBeNull();
    }
    // 11 h 40 min so far; 25 more minutes is within the idle limit but past 12 hours.
    now = new Date(now.getTime() + 25 * 60_000);
    expect(await resolveActor(other.ref, other.ip, now)).toBeNull();
  });

  it("a token for one user cannot be used with another user's session row", async () => {
    const first = await newVillageUser();
    const second = await newVillageUser();
    expect(await resolveActor({ ...first.ref, sessionId: second.ref.sessionId }, first.ip)).toBeNull();
  });
});
