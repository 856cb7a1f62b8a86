import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { HOUSEHOLD_STATUS, POVERTY_CAUSE, type HouseholdStatus } from "@/lib/domain/codes";
import { AppError, staleVersion } from "@/lib/errors";
import { zEnum, zStringList, zText, zVersion } from "@/lib/forms";
import { householdInScope } from "@/lib/households/access";

/** 返贫 form: the reason and the household's causes as they are now. */
export const ZReturnToPoverty = z
  .object({
    householdId: z.uuid("户档不存在"),
    version: zVersion,
    reason: zText("返贫原因", 500),
    primaryCause: zEnum(POVERTY_CAUSE.codes, "请选择主要致贫原因"),
    otherCauses: zStringList.pipe(z.array(zEnum(POVERTY_CAUSE.codes, "其他致贫原因有误")).max(11)),
  })
  .transform((value) => ({ ...value, otherCauses: [...new Set(value.otherCauses)].filter((cause) => cause !== value.primaryCause) }));

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
