import "server-only";
import { checkHouseholdOnSave } from "@/lib/data-quality/on-save";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { defineCommand } from "@/lib/commands/define-command";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { INCOME_FIELDS, ZSaveIncome } from "@/lib/income/schema";

/**
 * Records a year's income components (fen) and the year's 合规自付医疗费用 (optional, not income). A new year is
 * version 0; an edit carries the current version.
 */
export const saveIncome = defineCommand({
  permission: "household.write",
  input: ZSaveIncome,
  async run({ actor, input: data, tx }) {
    const household = await householdInScope(tx, actor, data.householdId);
    const components = {
      ...(Object.fromEntries(INCOME_FIELDS.map(([field]) => [field, data[field] as number])) as Record<(typeof INCOME_FIELDS)[number][0], number>),
      // Not income: stored beside the components for the medical-cost 预警 only (lib/income/schema.ts MEDICAL_FIELD).
      medicalOutOfPocketFen: data.medicalOutOfPocketFen,
    };
    const existing = await tx.incomeRecord.findUnique({ where: { householdId_year: { householdId: household.id, year: data.year } } });
    if ((existing?.version ?? 0) !== data.version) throw staleVersion();
    if (existing) {
      assertUpdated(
        await tx.incomeRecord.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...components, version: { increment: 1 } } }),
      );
    } else {
      await tx.incomeRecord.create({ data: { householdId: household.id, countyCode: household.countyCode, year: data.year, ...components } });
    }
    // A new year's record names the medical figure only when it was entered.
    const { medicalOutOfPocketFen, ...income } = components;
    const diff = existing
      ? diffFields(existing as unknown as Record<string, unknown>, components)
      : { before: {}, after: medicalOutOfPocketFen === null ? income : components };
    await recordAudit(tx, actor, {
      action: "income.save",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { year: data.year, ...diff.before },
      after: { year: data.year, ...diff.after },
    });
    return { householdId: household.id, quality: await checkHouseholdOnSave(tx, household.id, { levels: ["INCOME"] }) };
  },
});
