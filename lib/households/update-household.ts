import "server-only";
import { assertVillageGroupChoice } from "@/lib/regions/village-groups";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { defineCommand } from "@/lib/commands/define-command";
import { checkHouseholdOnSave, HOUSEHOLD_LEVELS } from "@/lib/data-quality/on-save";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { checkHelper } from "@/lib/households/create-household";
import { ZUpdateHousehold } from "@/lib/households/schema";

/** 编辑户信息: the household in scope first, then the version, then the helper (if changed) of its village. */
export const updateHousehold = defineCommand({
  permission: "household.write",
  input: ZUpdateHousehold,
  async run({ actor, input: data, tx }) {
    const scoped = await householdInScope(tx, actor, data.householdId);
    if (scoped.version !== data.version) throw staleVersion();
    const before = await tx.household.findUniqueOrThrow({ where: { id: data.householdId } });
    if (data.household.helperId !== before.helperId) await checkHelper(tx, data.household.helperId, before.villageCode);
    await assertVillageGroupChoice(tx, before.villageCode, data.household.villageGroup, before.villageGroup, "household.villageGroup");
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
    return { householdId: scoped.id, quality: await checkHouseholdOnSave(tx, scoped.id, { levels: HOUSEHOLD_LEVELS }) };
  },
});
