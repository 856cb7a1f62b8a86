import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { db } from "@/lib/db";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { INCOME_FIELDS, ZSaveIncome } from "@/lib/income/schema";
import { parseInput } from "@/lib/validation";

/** Records a year's income components (fen). A new year is version 0; an edit carries the current version. */
export async function saveIncome(actor: Actor, input: unknown) {
  requirePermission(actor, "household.write");
  const data = parseInput(ZSaveIncome, input);
  const components = Object.fromEntries(INCOME_FIELDS.map(([field]) => [field, data[field] as number])) as Record<(typeof INCOME_FIELDS)[number][0], number>;
  return db.$transaction(async (tx) => {
    const household = await householdInScope(tx, actor, data.householdId);
    const existing = await tx.incomeRecord.findUnique({ where: { householdId_year: { householdId: household.id, year: data.year } } });
    if ((existing?.version ?? 0) !== data.version) throw staleVersion();
    if (existing) {
      assertUpdated(
        await tx.incomeRecord.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...components, version: { increment: 1 } } }),
      );
    } else {
      await tx.incomeRecord.create({ data: { householdId: household.id, countyCode: household.countyCode, year: data.year, ...components } });
    }
    const diff = existing ? diffFields(existing as unknown as Record<string, unknown>, components) : { before: {}, after: components };
    await recordAudit(tx, actor, {
      action: "income.save",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { year: data.year, ...diff.before },
      after: { year: data.year, ...diff.after },
    });
  });
}
