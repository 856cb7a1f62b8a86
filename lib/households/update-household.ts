import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { db } from "@/lib/db";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { checkHelper } from "@/lib/households/create-household";
import { ZUpdateHousehold } from "@/lib/households/schema";
import { parseInput } from "@/lib/validation";

export async function updateHousehold(actor: Actor, input: unknown) {
  requirePermission(actor, "household.write");
  const data = parseInput(ZUpdateHousehold, input);
  return db.$transaction(async (tx) => {
    const scoped = await householdInScope(tx, actor, data.householdId);
    if (scoped.version !== data.version) throw staleVersion();
    const before = await tx.household.findUniqueOrThrow({ where: { id: data.householdId } });
    if (data.household.helperId !== before.helperId) await checkHelper(tx, data.household.helperId, before.villageCode);
    assertUpdated(
      await tx.household.updateMany({
        where: { id: data.householdId, version: data.version },
        data: { ...data.household, version: { increment: 1 } },
      }),
    );
    const diff = diffFields(before as unknown as Record<string, unknown>, data.household);
    if (Object.keys(diff.after).length) {
      await recordAudit(tx, actor, { action: "household.update", entityType: "Household", entityId: data.householdId, countyCode: scoped.countyCode, ...diff });
    }
  });
}
