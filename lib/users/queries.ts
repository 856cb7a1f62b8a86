import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { ROLE } from "@/lib/domain/codes";
import type { Prisma } from "@/lib/generated/prisma/client";
import { skipTake, toPage, type PageParams } from "@/lib/pagination";
import { escapeLike, searchTextError } from "@/lib/search";

export type UserFilter = { q?: string; role?: string; active?: "true" | "false" };

/** Part of a username or display name; an over-long search finds nothing (the page says why). */
function userSearchWhere(q: string | undefined): Prisma.UserWhereInput {
  // The page passes the raw URL value, which can be an array (?q=a&q=b).
  const text = typeof q === "string" ? q.trim() : undefined;
  if (!text) return {};
  if (searchTextError(text)) return { id: { in: [] } };
  const pattern = escapeLike(text);
  return { OR: [{ username: { contains: pattern } }, { displayName: { contains: pattern } }] };
}

export async function findUsers(actor: Actor, filter: UserFilter, paging: PageParams) {
  requirePermission(actor, "user.manage");
  const where = {
    region: { countyCode: actor.countyCode },
    ...userSearchWhere(filter.q),
    ...(filter.role && (ROLE.codes as readonly string[]).includes(filter.role) ? { role: filter.role } : {}),
    ...(filter.active ? { active: filter.active === "true" } : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ role: "asc" }, { username: "asc" }],
      ...skipTake(paging),
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        active: true,
        phone: true,
        version: true,
        region: { select: { code: true, name: true } },
        leaderTownships: { select: { township: { select: { code: true, name: true } } } },
      },
    }),
    db.user.count({ where }),
  ]);
  return toPage(
    rows.map((user) => ({ ...user, leaderTownships: user.leaderTownships.map((row) => row.township) })),
    total,
    paging,
  );
}

export async function getUser(actor: Actor, userId: string) {
  requirePermission(actor, "user.manage");
  return db.user.findFirst({
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
}
