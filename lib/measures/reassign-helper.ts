import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError, assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { checkHelper } from "@/lib/households/create-household";
import { ZReassignHelper } from "@/lib/measures/schema";

/** Changes a household's 帮扶责任人 with a reason; the change is kept in helper_assignment. */
export const reassignHelper = defineCommand({
  permission: "helper.reassign",
  input: ZReassignHelper,
  async run({ actor, input, tx }) {
    const household = await householdInScope(tx, actor, input.householdId);
    if (household.version !== input.version) throw staleVersion();
    if (household.helperId === input.helperId) throw new AppError("VALIDATION", "新的帮扶责任人与现在的相同", { helperId: ["请选择另一位帮扶责任人"] });
    await checkHelper(tx, input.helperId, household.villageCode, "helperId");
    assertUpdated(
      await tx.household.updateMany({ where: { id: household.id, version: input.version }, data: { helperId: input.helperId, version: { increment: 1 } } }),
    );
    await tx.helperAssignment.create({
      data: {
        countyCode: household.countyCode,
        householdId: household.id,
        fromHelperId: household.helperId,
        toHelperId: input.helperId,
        reason: input.reason,
        assignedBy: actor.userId,
      },
    });
    await recordAudit(tx, actor, {
      action: "helper.reassign",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { helperId: household.helperId },
      after: { helperId: input.helperId, reason: input.reason },
    });
    return { householdId: household.id };
  },
});
