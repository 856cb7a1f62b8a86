import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
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

/**
 * Re-reads the user behind a session token: refused (null) once the user is disabled,
 * their session version moved on (password, role or scope changed, signed out everywhere),
 * the session was revoked, idle too long, or older than the absolute limit.
 */
export async function resolveActor(ref: SessionRef, ip: string | null, now = new Date()): Promise<Actor | null> {
  const session = await db.userSession.findUnique({
    where: { id: ref.sessionId },
    select: {
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      revokedAt: true,
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
        },
      },
    },
  });
  if (!session || session.userId !== ref.userId || session.revokedAt) return null;
  const { user } = session;
  if (!user.active || user.sessionVersion !== ref.sessionVersion) return null;
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } = env();
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000) return null;
  if (now.getTime() - session.createdAt.getTime() > SESSION_MAX_HOURS * 3_600_000) return null;
  if (!isRole(user.role) || !isRegionLevel(user.region.level)) return null;

  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.userSession.update({ where: { id: ref.sessionId }, data: { lastSeenAt: now } });
  }

  const level = user.region.level;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.region.code,
    regionName: user.region.name,
    regionLevel: level,
    countyCode: user.region.countyCode,
    townshipCode: level === "TOWNSHIP" ? user.region.code : user.region.townshipCode,
    villageCode: level === "VILLAGE" ? user.region.code : null,
    leaderTownships: user.leaderTownships.map((row) => row.townshipCode),
    ip,
  };
}
