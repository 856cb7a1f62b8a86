import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { openSession, type SessionRef } from "@/lib/auth/sessions";
import { db, type Tx } from "@/lib/db";
import { throttleNetwork } from "@/lib/http/client-address.mjs";

export const SIGN_IN_WINDOW_MINUTES = 15;
/** Per (account, client network): failures allowed in one window. */
export const MAX_FAILURES_PER_ACCOUNT_IP = 5;
/** Per client network across accounts (password spraying): failures allowed in one window. */
export const MAX_FAILURES_PER_IP = 20;
/**
 * The slowdown: from this many failures in a row for one (account, network), the next attempt
 * waits 15 minutes after the last failure, doubling with each further failure up to 2 hours, and
 * only one attempt per window is let through. It starts at the window limit so that a burst of
 * parallel attempts gets exactly that many checks whatever order they finish in.
 */
export const SLOWDOWN_AFTER_FAILURES = MAX_FAILURES_PER_ACCOUNT_IP;
const SLOWDOWN_FIRST_SECONDS = 15 * 60;
const SLOWDOWN_MAX_SECONDS = 2 * 60 * 60;
/** A failure streak older than this is forgotten. */
const STREAK_HOURS = 24;
/** The per-network counter's row: no account has an empty username. */
const EVERY_ACCOUNT = "";

export type SignInFailureCode = "BAD_INPUT" | "INVALID_CREDENTIALS" | "RATE_LIMITED" | "DATABASE_UNAVAILABLE";

export const SIGN_IN_MESSAGES: Record<SignInFailureCode, string> = {
  BAD_INPUT: "请输入用户名和密码（用户名不超过 40 个字符）",
  INVALID_CREDENTIALS: "用户名或密码错误，或账号已停用",
  RATE_LIMITED: "登录失败次数过多，请稍后再试",
  DATABASE_UNAVAILABLE: "系统暂时无法连接数据库，请稍后再试",
};

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分钟` : `${hours} 小时`;
}

export class SignInFailure extends Error {
  constructor(
    readonly code: SignInFailureCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(code === "RATE_LIMITED" && retryAfterSeconds ? `登录失败次数过多，请 ${describeWait(retryAfterSeconds)}后再试` : SIGN_IN_MESSAGES[code]);
    this.name = "SignInFailure";
  }
}

const ZCredentials = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});

// A fixed hash to compare against when the user does not exist, so that timing does not tell.
const DUMMY_HASH = bcrypt.hashSync("no-such-user", 10);

type Counter = { username: string; network: string };
type Limit = { perWindow: number; slowdownAfter: number };

const PAIR_LIMIT: Limit = { perWindow: MAX_FAILURES_PER_ACCOUNT_IP, slowdownAfter: SLOWDOWN_AFTER_FAILURES };
// The network row records no failures (only reservations), so it is never slowed down.
const NETWORK_LIMIT: Limit = { perWindow: MAX_FAILURES_PER_IP, slowdownAfter: 2_147_483_647 };

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("sign-in refused by the limit");
  }
}

/**
 * Reserves one attempt on a counter in a single statement: a new window starts when the old one
 * is over; otherwise the attempt counts only while under the limit and past the slowdown. The
 * row stays locked until the transaction ends. Returns the wait when refused.
 */
async function reserve(tx: Tx, { username, network }: Counter, limit: Limit, now: Date): Promise<number | null> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const streakStart = new Date(now.getTime() - STREAK_HOURS * 3_600_000);
  const reserved = await tx.$queryRaw<{ attempts: number }[]>`
    INSERT INTO "sign_in_throttle" AS t ("username", "network", "window_started_at", "attempts")
    VALUES (${username}, ${network}, ${now}::timestamptz, 1)
    ON CONFLICT ("username", "network") DO UPDATE SET
      "window_started_at" = CASE WHEN t."window_started_at" <= ${windowStart}::timestamptz THEN ${now}::timestamptz ELSE t."window_started_at" END,
      "attempts" = CASE WHEN t."window_started_at" <= ${windowStart}::timestamptz THEN 1 ELSE t."attempts" + 1 END,
      "consecutive_failures" = CASE WHEN t."last_failure_at" <= ${streakStart}::timestamptz THEN 0 ELSE t."consecutive_failures" END
    WHERE (t."next_attempt_at" IS NULL OR t."next_attempt_at" <= ${now}::timestamptz)
      AND (t."window_started_at" <= ${windowStart}::timestamptz
           OR t."attempts" < CASE WHEN t."consecutive_failures" >= ${limit.slowdownAfter} AND t."last_failure_at" > ${streakStart}::timestamptz
                                  THEN 1 ELSE ${limit.perWindow} END)
    RETURNING "attempts"`;
  if (reserved.length) return null;

  const row = await tx.signInThrottle.findUniqueOrThrow({ where: { username_network: { username, network } } });
  const until = Math.max(row.nextAttemptAt?.getTime() ?? 0, row.windowStartedAt.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000);
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Reserves the attempt on the (account, network) and the network counters together, or on neither. */
async function reserveAttempt(username: string, network: string, now: Date): Promise<void> {
  try {
    await db.$transaction(
      async (tx) => {
        // Always the pair first, then the network row: one lock order, no deadlock.
        const pairWait = await reserve(tx, { username, network }, PAIR_LIMIT, now);
        if (pairWait !== null) throw new Refused(pairWait);
        const networkWait = await reserve(tx, { username: EVERY_ACCOUNT, network }, NETWORK_LIMIT, now);
        if (networkWait !== null) throw new Refused(networkWait);
      },
      { maxWait: 10_000, timeout: 10_000 },
    );
  } catch (error) {
    if (error instanceof Refused) throw new SignInFailure("RATE_LIMITED", error.retryAfterSeconds);
    throw error;
  }
}

async function recordFailure(username: string, network: string, ip: string, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "sign_in_throttle" SET
      "consecutive_failures" = "consecutive_failures" + 1,
      "last_failure_at" = ${now}::timestamptz,
      "next_attempt_at" = CASE WHEN "consecutive_failures" + 1 >= ${SLOWDOWN_AFTER_FAILURES}
        THEN ${now}::timestamptz + make_interval(secs => LEAST(${SLOWDOWN_FIRST_SECONDS} * power(2, "consecutive_failures" + 1 - ${SLOWDOWN_AFTER_FAILURES}), ${SLOWDOWN_MAX_SECONDS}))
        ELSE NULL END
    WHERE "username" = ${username} AND "network" = ${network}`;
  await db.signInAttempt.create({ data: { username, ip, succeeded: false, attemptedAt: now } });
}

/** A success clears its (account, network) counter and gives back its place on the network's. */
async function recordSuccess(username: string, network: string, ip: string, now: Date): Promise<void> {
  await db.$transaction([
    db.signInThrottle.deleteMany({ where: { username, network } }),
    db.$executeRaw`UPDATE "sign_in_throttle" SET "attempts" = GREATEST("attempts" - 1, 0) WHERE "username" = ${EVERY_ACCOUNT} AND "network" = ${network}`,
    db.signInAttempt.create({ data: { username, ip, succeeded: true, attemptedAt: now } }),
  ]);
}

const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

/** Prisma's connection errors (P1xxx) and the driver adapter's connection failures. */
function isDatabaseUnavailable(error: unknown): boolean {
  const { code, meta, name } = (error ?? {}) as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; name?: unknown };
  if (name === "PrismaClientInitializationError") return true;
  if (typeof code === "string" && /^P10\d\d$/.test(code)) return true;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === "string" && UNREACHABLE_KINDS.has(kind);
}

/**
 * Checks a username and password from a client address. Bad input changes nothing. The attempt
 * is reserved against the limits before the password is compared; a wrong password or unknown
 * user keeps it counted; success opens a session and is audited.
 */
export async function verifyCredentials(input: unknown, ip: string, now = new Date()): Promise<SessionRef> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) throw new SignInFailure("BAD_INPUT");
  const { username, password } = parsed.data;
  const network = throttleNetwork(ip);

  try {
    await reserveAttempt(username, network, now);
    const user = await db.user.findUnique({
      where: { username },
      select: { id: true, displayName: true, role: true, active: true, passwordHash: true, sessionVersion: true },
    });
    const passwordMatches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.active || !passwordMatches) {
      await recordFailure(username, network, ip, now);
      throw new SignInFailure("INVALID_CREDENTIALS");
    }

    await recordSuccess(username, network, ip, now);
    const sessionId = await openSession(user.id, ip);
    await recordAudit(
      db,
      { userId: user.id, displayName: user.displayName, role: user.role, ip },
      {
        action: "auth.signIn",
        entityType: "User",
        entityId: user.id,
      },
    );
    return { userId: user.id, sessionId, sessionVersion: user.sessionVersion };
  } catch (error) {
    if (!(error instanceof SignInFailure) && isDatabaseUnavailable(error)) {
      console.error("[sign-in] 无法连接数据库", error);
      throw new SignInFailure("DATABASE_UNAVAILABLE");
    }
    throw error;
  }
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
