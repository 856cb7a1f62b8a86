import "server-only";
import { randomUUID } from "node:crypto";
import { actorFromUser, type Actor } from "@/lib/auth/actor";
import { needsSecondFactor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ROLE, REGION_LEVEL, type RegionLevel, type Role } from "@/lib/domain/codes";

/** What the session token carries: identity and versions only, never role or scope. */
export type SessionRef = { userId: string; sessionId: string; sessionVersion: number };

const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export async function openSession(userId: string, ip: string | null): Promise<string> {
  const id = randomUUID();
  await db.userSession.create({ data: { id, userId, ip } });
  return id;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

function isRole(value: string): value is Role {
  return (ROLE.codes as readonly string[]).includes(value);
}

function isRegionLevel(value: string): value is RegionLevel {
  return (REGION_LEVEL.codes as readonly string[]).includes(value);
}

export type TwoFactorMode = "required" | "optional";

type SessionUser = { id: string; username: string; displayName: string; role: Role };

/**
 * What a session token stands for on this request: a signed-in actor; a session of a role
 * that needs the second factor and has not passed it (it reaches only /two-factor); or nothing.
 */
export type SessionCheck =
  | { status: "signedIn"; actor: Actor; secondFactor: { required: boolean; enrolled: boolean } }
  | { status: "secondFactorPending"; user: SessionUser; sessionId: string; enrolled: boolean }
  | { status: "none" };

/**
 * Re-reads the user behind a session token: refused once the user is disabled, their session
 * version moved on (password, role or scope changed, signed out everywhere), the session was
 * revoked, idle too long, or older than the absolute limit. A 系统管理员, 县扶贫办 or 督查 session
 * that has not passed the second factor is only pending — in "optional" mode (the demo) only
 * when the user has enrolled. The mode is a parameter so that tests can run either.
 */
export async function checkSession(
  ref: SessionRef,
  ip: string | null,
  now = new Date(),
  twoFactorMode: TwoFactorMode = env().TWO_FACTOR_MODE,
): Promise<SessionCheck> {
  const session = await db.userSession.findUnique({
    where: { id: ref.sessionId },
    select: {
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      revokedAt: true,
      secondFactorAt: true,
      user: {
        select: {
          id: true,
          username: true,
          displayName: true,
          role: true,
          active: true,
          sessionVersion: true,
          region: { select: { code: true, name: true, level: true, countyCode: true, townshipCode: true } },
          leaderTownships: { select: { townshipCode: true } },
          twoFactor: { select: { enrolledAt: true } },
        },
      },
    },
  });
  const none = { status: "none" } as const;
  if (!session || session.userId !== ref.userId || session.revokedAt) return none;
  const { user } = session;
  if (!user.active || user.sessionVersion !== ref.sessionVersion) return none;
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } = env();
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000) return none;
  if (now.getTime() - session.createdAt.getTime() > SESSION_MAX_HOURS * 3_600_000) return none;
  if (!isRole(user.role) || !isRegionLevel(user.region.level)) return none;

  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.userSession.update({ where: { id: ref.sessionId }, data: { lastSeenAt: now } });
  }

  const required = needsSecondFactor(user.role);
  const enrolled = Boolean(user.twoFactor?.enrolledAt);
  if (required && !session.secondFactorAt && (enrolled || twoFactorMode === "required")) {
    return {
      status: "secondFactorPending",
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
      sessionId: ref.sessionId,
      enrolled,
    };
  }

  return {
    status: "signedIn",
    secondFactor: { required, enrolled },
    actor: actorFromUser({ ...user, role: user.role, region: { ...user.region, level: user.region.level } }, ip),
  };
}

/** The actor of a fully signed-in session, or null (no session, or the second factor is pending). */
export async function resolveActor(
  ref: SessionRef,
  ip: string | null,
  now = new Date(),
  twoFactorMode: TwoFactorMode = env().TWO_FACTOR_MODE,
): Promise<Actor | null> {
  const checked = await checkSession(ref, ip, now, twoFactorMode);
  return checked.status === "signedIn" ? checked.actor : null;
}
