import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { checkEvidenceFile, storeAttachment } from "@/lib/attachments/commands";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString } from "@/lib/dates";
import { AppError, assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { createOnce } from "@/lib/idempotency";
import { ZRecordVisit, ZSavePlan } from "@/lib/measures/schema";

/** 脱贫计划 for a year: target per-capita income, planned measures and exit year. Version 0 creates. */
export const savePlan = defineCommand({
  permission: "plan.write",
  input: ZSavePlan,
  async run({ actor, input, tx }) {
    if (input.plannedExitYear < input.year)
      throw new AppError("VALIDATION", "计划脱贫年度不能早于计划年度", { plannedExitYear: ["计划脱贫年度不能早于计划年度"] });
    const household = await householdInScope(tx, actor, input.householdId);
    const existing = await tx.assistancePlan.findUnique({ where: { householdId_year: { householdId: household.id, year: input.year } } });
    if ((existing?.version ?? 0) !== input.version) throw staleVersion();
    const fields = { targetPerCapitaFen: input.targetPerCapitaFen ?? 0, plannedExitYear: input.plannedExitYear, plannedMeasures: input.plannedMeasures };
    if (existing) {
      assertUpdated(
        await tx.assistancePlan.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...fields, version: { increment: 1 } } }),
      );
    } else {
      await tx.assistancePlan.create({ data: { countyCode: household.countyCode, householdId: household.id, year: input.year, ...fields } });
    }
    const diff = existing ? diffFields(existing as unknown as Record<string, unknown>, fields) : { before: {}, after: fields };
    await recordAudit(tx, actor, {
      action: "plan.save",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      before: { year: input.year, ...diff.before },
      after: { year: input.year, ...diff.after },
    });
    return { householdId: household.id };
  },
});

/**
 * 走访记录 with optional photos; every photo is checked before anything is written. A repeated
 * form submit (same key) returns the first visit. The photos are stored after the visit commits.
 */
export const recordVisit = defineCommand({
  permission: "visit.write",
  input: ZRecordVisit,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    if (input.visitedOn > todayString()) throw new AppError("VALIDATION", "走访日期不能晚于今天", { visitedOn: ["走访日期不能晚于今天"] });
    input.photos.forEach((photo) => checkEvidenceFile(photo));
    const household = await householdInScope(db, actor, input.householdId);
    const findOwn = (idempotencyKey: string) =>
      db.visit.findFirst({
        where: { countyCode: household.countyCode, visitorId: actor.userId, idempotencyKey, householdId: household.id },
        select: { id: true, householdId: true },
      });
    return createOnce(input.idempotencyKey, "visit_idempotency_key", findOwn, async () => {
      const visit = await db.$transaction(async (tx) => {
        const created = await tx.visit.create({
          data: {
            countyCode: household.countyCode,
            householdId: household.id,
            visitorId: actor.userId,
            visitedOn: fromDateString(input.visitedOn),
            findings: input.findings,
            actions: input.actions,
            idempotencyKey: input.idempotencyKey,
          },
          select: { id: true, householdId: true },
        });
        await recordAudit(tx, actor, {
          action: "visit.create",
          entityType: "Household",
          entityId: household.id,
          countyCode: household.countyCode,
          after: { visitId: created.id, visitedOn: input.visitedOn, findings: input.findings, actions: input.actions },
        });
        return created;
      });
      for (const photo of input.photos) {
        await storeAttachment(db, actor, { householdId: household.id, category: "走访照片", file: photo, owner: { type: "VISIT", id: visit.id } });
      }
      return visit;
    });
  },
});
