import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { householdScopeWhere } from "@/lib/auth/scope";
import type { Db, Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";

/**
 * Loads the household behind an id only if it lies in the actor's scope; otherwise answers
 * exactly like a missing one, so ids leak nothing.
 */
export async function householdInScope(client: Db | Tx, actor: Actor, householdId: string) {
  const household = await client.household.findFirst({
    where: { id: householdId, ...householdScopeWhere(actor) },
    select: { id: true, countyCode: true, townshipCode: true, villageCode: true, householdNo: true, version: true, status: true, helperId: true },
  });
  if (!household) throw notFound("户档");
  return household;
}
