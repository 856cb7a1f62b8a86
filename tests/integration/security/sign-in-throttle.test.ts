import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT_IP, MAX_FAILURES_PER_IP, SIGN_IN_MESSAGES, SignInFailure, hashPassword, verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { testIp, uniqueName } from "../helpers";

const PASSWORD = "secret-2026-x";
const MINUTE = 60_000;

type Outcome = { code: string; message?: string };

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { code: "SUCCEEDED" };
  } catch (error) {
    // After vi.resetModules the class is a fresh copy, so compare by shape rather than instanceof.
    const failure = error as { code?: unknown; message: string };
    if (error instanceof SignInFailure || (error instanceof Error && error.name === "SignInFailure")) {
      return { code: String(failure.code), message: failure.message };
    }
    throw error;
  }
}

const attempt = (username: string, password: string, ip: string, now?: Date) => outcome(verifyCredentials({ username, password }, ip, now));

let passwordHash: Promise<string> | undefined;

/** A plain village cadre (no second factor involved), written directly: the subject here is sign-in only. */
async function newAccount(): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  const username = uniqueName("t");
  await db.user.create({ data: { username, displayName: "限流测试", passwordHash: await passwordHash, role: "VILLAGE_CADRE", regionCode: "522698100202" } });
  return username;
}

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { code } of outcomes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe("sign-in throttling per (account, IP) and per IP", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("20 parallel wrong passwords from one IP get exactly 5 real checks; the rest are refused before the check", async () => {
    const username = await newAccount();
    const ip = testIp();
    const historyBefore = await db.signInAttempt.count({ where: { username } });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => attempt(username, "wrong-password", ip)));
    expect(tally(outcomes)).toEqual({ INVALID_CREDENTIALS: MAX_FAILURES_PER_ACCOUNT_IP, RATE_LIMITED: 20 - MAX_FAILURES_PER_ACCOUNT_IP });
    // Only the checked attempts are kept in the history, each with the address it came from.
    const history = await db.signInAttempt.findMany({ where: { username }, select: { ip: true, succeeded: true } });
    expect(history.length - historyBefore).toBe(MAX_FAILURES_PER_ACCOUNT_IP);
    expect(history.every((row) => row.ip === ip && !row.succeeded)).toBe(true);
  });

  it("failures from one IP do not lock the owner out from another IP; the first IP stays refused", async () => {
    const username = await newAccount();
    const attackerIp = testIp();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_IP; i++) {
      expect((await attempt(username, "guess", attackerIp)).code).toBe("INVALID_CREDENTIALS");
    }
    const refused = await attempt(username, PASSWORD, attackerIp);
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);

    const ownerIp = testIp();
    expect((await attempt(username, PASSWORD, ownerIp)).code).toBe("SUCCEEDED");
    // The owner's own mistakes from their own network count on their own pair only.
    expect((await attempt(username, "typo", ownerIp)).code).toBe("INVALID_CREDENTIALS");
    expect((await attempt(username, PASSWORD, ownerIp)).code).toBe("SUCCEEDED");
    expect((await attempt(username, PASSWORD, attackerIp)).code).toBe("RATE_LIMITED");
  });

  it("a success resets the (account, IP) counter", async () => {
    const username = await newAccount();
    const ip = testIp();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_IP - 1; i++) expect((await attempt(username, "typo", ip)).code).toBe("INVALID_CREDENTIALS");
      expect((await attempt(username, PASSWORD, ip)).code).toBe("SUCCEEDED");
    }
  });

  it("slows down repeated failures: after the limit each further failure doubles the wait, and the message names it", async () => {
    const username = await newAccount();
    const ip = testIp();
    const start = new Date(Date.now() + 10 * MINUTE);
    const at = (offsetMs: number) => new Date(start.getTime() + offsetMs);

    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_IP; i++) {
      expect((await attempt(username, "guess", ip, at(i * 1000))).code).toBe("INVALID_CREDENTIALS");
    }
    const lastFailure = (MAX_FAILURES_PER_ACCOUNT_IP - 1) * 1000;

    // 15 minutes after the fifth failure, not before.
    const early = await attempt(username, PASSWORD, ip, at(lastFailure + 14 * MINUTE));
    expect(early).toEqual({ code: "RATE_LIMITED", message: "登录失败次数过多，请 1 分钟后再试" });
    expect((await attempt(username, "guess", ip, at(lastFailure + 15 * MINUTE))).code).toBe("INVALID_CREDENTIALS");

    // The sixth failure in a row: 30 minutes, even though a new 15-minute window has begun.
    const sixth = lastFailure + 15 * MINUTE;
    expect(await attempt(username, PASSWORD, ip, at(sixth + 16 * MINUTE))).toEqual({ code: "RATE_LIMITED", message: "登录失败次数过多，请 14 分钟后再试" });
    expect((await attempt(username, "guess", ip, at(sixth + 30 * MINUTE))).code).toBe("INVALID_CREDENTIALS");

    // The seventh: an hour. And while slowed down, a burst gets one check, not five.
    const seventh = sixth + 30 * MINUTE;
    expect((await attempt(username, PASSWORD, ip, at(seventh + 59 * MINUTE))).code).toBe("RATE_LIMITED");
    const burst = await Promise.all(Array.from({ length: 6 }, () => attempt(username, "guess", ip, at(seventh + 60 * MINUTE))));
    expect(tally(burst)).toEqual({ INVALID_CREDENTIALS: 1, RATE_LIMITED: 5 });

    // Another network is not slowed down; a success on this one clears its streak.
    expect((await attempt(username, PASSWORD, testIp(), at(seventh + 61 * MINUTE))).code).toBe("SUCCEEDED");
    const eighth = seventh + 60 * MINUTE;
    expect(await attempt(username, PASSWORD, ip, at(eighth + 119 * MINUTE))).toEqual({ code: "RATE_LIMITED", message: "登录失败次数过多，请 1 分钟后再试" });
    expect((await attempt(username, PASSWORD, ip, at(eighth + 120 * MINUTE))).code).toBe("SUCCEEDED");
    expect((await attempt(username, "typo", ip, at(eighth + 121 * MINUTE))).code).toBe("INVALID_CREDENTIALS");
    expect((await attempt(username, PASSWORD, ip, at(eighth + 121 * MINUTE + 1000))).code).toBe("SUCCEEDED");
  });

  it("limits one IP across accounts (password spraying) atomically, without counting its successes", async () => {
    const ip = testIp();
    const sprayed = Array.from({ length: 30 }, () => uniqueName("ghost"));
    const outcomes = await Promise.all(sprayed.map((username) => attempt(username, "Password1", ip)));
    expect(tally(outcomes)).toEqual({ INVALID_CREDENTIALS: MAX_FAILURES_PER_IP, RATE_LIMITED: 30 - MAX_FAILURES_PER_IP });
    expect(await db.signInAttempt.count({ where: { ip } })).toBe(MAX_FAILURES_PER_IP);
    expect((await attempt("county", "demo-2026", ip)).code).toBe("RATE_LIMITED");
    expect((await attempt("county", "demo-2026", testIp())).code).toBe("SUCCEEDED");

    // A township office behind one address: many successful sign-ins do not use up the limit.
    const office = testIp();
    const accounts = await Promise.all(Array.from({ length: 3 }, () => newAccount()));
    for (let round = 0; round < 10; round++) {
      for (const username of accounts) expect((await attempt(username, PASSWORD, office)).code).toBe("SUCCEEDED");
    }
    for (let i = 0; i < MAX_FAILURES_PER_IP - 1; i++) expect((await attempt(uniqueName("ghost"), "x", office)).code).toBe("INVALID_CREDENTIALS");
    expect((await attempt(accounts[0], PASSWORD, office)).code).toBe("SUCCEEDED");
  });

  it("counts IPv6 clients per /64 network, so rotating addresses inside one network does not reset the limit", async () => {
    const username = await newAccount();
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= MAX_FAILURES_PER_ACCOUNT_IP; i++) {
      expect((await attempt(username, "guess", `${prefix}::${i.toString(16)}`)).code).toBe("INVALID_CREDENTIALS");
    }
    expect((await attempt(username, PASSWORD, `${prefix}:ffff:ffff:ffff:ffff`)).code).toBe("RATE_LIMITED");
    expect((await attempt(username, PASSWORD, `2001:db8:ffff:ffff::1`)).code).toBe("SUCCEEDED");
    // The history keeps the full address.
    expect(await db.signInAttempt.count({ where: { username, ip: `${prefix}::3` } })).toBe(1);
  });

  it("a database that cannot be reached is reported as such, not as a wrong password", async () => {
    const shared = globalThis as unknown as { fupinDb?: { $disconnect(): Promise<void> } };
    const realClient = shared.fupinDb;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "postgresql://fupin:none@127.0.0.1:1/unreachable");
    shared.fupinDb = undefined;
    try {
      const unreachable = await import("@/lib/auth/sign-in");
      const result = await outcome(unreachable.verifyCredentials({ username: "county", password: "demo-2026" }, testIp()));
      expect(result).toEqual({ code: "DATABASE_UNAVAILABLE", message: "系统暂时无法连接数据库，请稍后再试" });
      expect(unreachable.SIGN_IN_MESSAGES.DATABASE_UNAVAILABLE).toBe("系统暂时无法连接数据库，请稍后再试");
      expect(logged).toHaveBeenCalled();
    } finally {
      const unreachableClient = (globalThis as unknown as { fupinDb?: { $disconnect(): Promise<void> } }).fupinDb;
      await unreachableClient?.$disconnect();
      shared.fupinDb = realClient;
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    expect(SIGN_IN_MESSAGES.INVALID_CREDENTIALS).toBe("用户名或密码错误，或账号已停用");
  });
});
