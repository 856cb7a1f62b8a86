import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { HOUSEHOLD_STATUS, type HouseholdStatus } from "@/lib/domain/codes";
import { AppError, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { ZReturnToPoverty } from "@/lib/households/schema";

/**
 * 返贫: an exited household returns to poverty with a reason and its new causes ("返贫了重新
 * 录入"). Its archive, exit year and signed sheets stay; the history shows both events.
 */
export const returnToPoverty = defineCommand({
  permission: "household.returnToPoverty",
  input: ZReturnToPoverty,
  async run({ actor, input: data, tx }) {
    const household = await householdInScope(tx, actor, data.householdId);
    if (household.status !== "EXITED") {
      throw new AppError("RULE_VIOLATION", `只有已脱贫的户才能标记返贫，该户状态为"${HOUSEHOLD_STATUS.label(household.status as HouseholdStatus)}"`);
    }
    if (household.version !== data.version) throw staleVersion();
    const before = await tx.household.findUniqueOrThrow({ where: { id: household.id }, select: { primaryCause: true, otherCauses: true, exitYear: true } });
    const updated = await tx.household.updateMany({
      where: { id: household.id, version: data.version, status: "EXITED" },
      data: { status: "RETURNED", returnedReason: data.reason, primaryCause: data.primaryCause, otherCauses: data.otherCauses, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "household.returnToPoverty",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { status: "EXITED", exitYear: before.exitYear, primaryCause: before.primaryCause, otherCauses: before.otherCauses },
      after: { status: "RETURNED", reason: data.reason, primaryCause: data.primaryCause, otherCauses: data.otherCauses },
    });
    return { householdId: household.id };
  },
});
