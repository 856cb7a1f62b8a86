import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { checkHelper } from "@/lib/households/create-household";
import { ZReassignHelper } from "@/lib/measures/schema";
import { parseInput } from "@/lib/validation";

/** Changes a household's 帮扶责任人 with a reason; the change is kept in helper_assignment. */
export async function reassignHelper(actor: Actor, input: unknown) {
  requirePermission(actor, "helper.reassign");
  const data = parseInput(ZReassignHelper, input);
  return db.$transaction(async (tx) => {
    const household = await householdInScope(tx, actor, data.householdId);
    if (household.version !== data.version) throw staleVersion();
    if (household.helperId === data.helperId) throw new AppError("VALIDATION", "新的帮扶责任人与现在的相同", { helperId: ["请选择另一位帮扶责任人"] });
    await checkHelper(tx, data.helperId, household.villageCode, "helperId");
    assertUpdated(await tx.household.updateMany({ where: { id: household.id, version: data.version }, data: { helperId: data.helperId, version: { increment: 1 } } }));
    await tx.helperAssignment.create({
      data: { countyCode: household.countyCode, householdId: household.id, fromHelperId: household.helperId, toHelperId: data.helperId, reason: data.reason, assignedBy: actor.userId },
    });
    await recordAudit(tx, actor, {
      action: "helper.reassign",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { helperId: household.helperId },
      after: { helperId: data.helperId, reason: data.reason },
    });
  });
}
