import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { regionCovers } from "@/lib/auth/scope";
import { db } from "@/lib/db";

export type RegionNode = { code: string; name: string; level: string; parentCode: string | null; townshipCode: string | null };

/** The county's region tree, limited to what the actor's region covers. */
export async function listRegionsInScope(actor: Actor): Promise<RegionNode[]> {
  requirePermission(actor, "region.read");
  const rows = await db.region.findMany({
    where: { countyCode: actor.countyCode },
    orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, name: true, level: true, parentCode: true, townshipCode: true, countyCode: true },
  });
  return rows.filter((region) => regionCovers(actor, region)).map(({ countyCode: _countyCode, ...region }) => region);
}
