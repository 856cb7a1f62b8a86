import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { openSession, type SessionRef } from "@/lib/auth/sessions";
import { db } from "@/lib/db";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type SignInFailureCode = "BAD_INPUT" | "INVALID_CREDENTIALS" | "RATE_LIMITED";

export const SIGN_IN_MESSAGES: Record<SignInFailureCode, string> = {
  BAD_INPUT: "请输入用户名和密码（用户名不超过 40 个字符）",
  INVALID_CREDENTIALS: "用户名或密码错误，或账号已停用",
  RATE_LIMITED: `登录失败次数过多，请 ${SIGN_IN_WINDOW_MINUTES} 分钟后再试`,
};

export class SignInFailure extends Error {
  constructor(readonly code: SignInFailureCode) {
    super(SIGN_IN_MESSAGES[code]);
  }
}

const ZCredentials = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});

// A fixed hash to compare against when the user does not exist, so that timing does not tell.
const DUMMY_HASH = bcrypt.hashSync("no-such-user", 10);

/**
 * Checks a username and password. Bad input changes nothing; a wrong password or unknown
 * user is counted against the account and the IP; success opens a session and is audited.
 */
export async function verifyCredentials(input: unknown, ip: string, now = new Date()): Promise<SessionRef> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) throw new SignInFailure("BAD_INPUT");
  const { username, password } = parsed.data;

  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [accountFailures, ipFailures] = await Promise.all([
    db.signInAttempt.count({ where: { username, succeeded: false, attemptedAt: { gte: since } } }),
    db.signInAttempt.count({ where: { ip, succeeded: false, attemptedAt: { gte: since } } }),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    throw new SignInFailure("RATE_LIMITED");
  }

  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, displayName: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  const passwordMatches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !passwordMatches) {
    await db.signInAttempt.create({ data: { username, ip, succeeded: false, attemptedAt: now } });
    throw new SignInFailure("INVALID_CREDENTIALS");
  }

  await db.signInAttempt.create({ data: { username, ip, succeeded: true, attemptedAt: now } });
  const sessionId = await openSession(user.id, ip);
  await recordAudit(db, { userId: user.id, displayName: user.displayName, role: user.role, ip }, {
    action: "auth.signIn",
    entityType: "User",
    entityId: user.id,
  });
  return { userId: user.id, sessionId, sessionVersion: user.sessionVersion };
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
