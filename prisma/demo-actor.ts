// The demo seed acts through the real commands, as the demo accounts: each actor is built exactly
// as a signed-in request resolves it (lib/auth/sessions.ts), from the user row.
import { actorFromUser, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { RegionLevel, Role } from "@/lib/domain/codes";
import type { Prisma } from "@/lib/generated/prisma/client";

export const DEMO_USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  region: { select: { code: true, name: true, level: true, countyCode: true, townshipCode: true } },
  leaderTownships: { select: { townshipCode: true } },
} satisfies Prisma.UserSelect;

export function demoActorOf(user: Prisma.UserGetPayload<{ select: typeof DEMO_USER_SELECT }>): Actor {
  return actorFromUser({ ...user, role: user.role as Role, region: { ...user.region, level: user.region.level as RegionLevel } }, null);
}

/** The demo account with this username, as an actor. */
export async function demoActor(username: string): Promise<Actor> {
  return demoActorOf(await db.user.findUniqueOrThrow({ where: { username }, select: DEMO_USER_SELECT }));
}
