import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { checkEvidenceFile, uploadAttachment, type UploadedFile } from "@/lib/attachments/commands";
import { fromDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError, assertUpdated, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { createOnce } from "@/lib/idempotency";
import { ZRecordVisit, ZSavePlan } from "@/lib/measures/schema";
import { parseInput } from "@/lib/validation";

/** 脱贫计划 for a year: target per-capita income, planned measures and exit year. Version 0 creates. */
export async function savePlan(actor: Actor, input: unknown) {
  requirePermission(actor, "plan.write");
  const data = parseInput(ZSavePlan, input);
  if (data.plannedExitYear < data.year) throw new AppError("VALIDATION", "计划脱贫年度不能早于计划年度", { plannedExitYear: ["计划脱贫年度不能早于计划年度"] });
  return db.$transaction(async (tx) => {
    const household = await householdInScope(tx, actor, data.householdId);
    const existing = await tx.assistancePlan.findUnique({ where: { householdId_year: { householdId: household.id, year: data.year } } });
    if ((existing?.version ?? 0) !== data.version) throw staleVersion();
    const fields = { targetPerCapitaFen: data.targetPerCapitaFen ?? 0, plannedExitYear: data.plannedExitYear, plannedMeasures: data.plannedMeasures };
    if (existing) {
      assertUpdated(await tx.assistancePlan.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...fields, version: { increment: 1 } } }));
    } else {
      await tx.assistancePlan.create({ data: { countyCode: household.countyCode, householdId: household.id, year: data.year, ...fields } });
    }
    const diff = existing ? diffFields(existing as unknown as Record<string, unknown>, fields) : { before: {}, after: fields };
    await recordAudit(tx, actor, { action: "plan.save", entityType: "Household", entityId: household.id, countyCode: household.countyCode, before: { year: data.year, ...diff.before }, after: { year: data.year, ...diff.after } });
  });
}

/** 走访记录 with optional photos; every photo is checked before anything is written. */
export async function recordVisit(actor: Actor, input: unknown, photos: UploadedFile[] = []) {
  requirePermission(actor, "visit.write");
  const data = parseInput(ZRecordVisit, input);
  if (data.visitedOn > todayString()) throw new AppError("VALIDATION", "走访日期不能晚于今天", { visitedOn: ["走访日期不能晚于今天"] });
  photos.forEach((photo) => checkEvidenceFile(photo));
  const household = await householdInScope(db, actor, data.householdId);
  const findOwn = (idempotencyKey: string) =>
    db.visit.findFirst({ where: { countyCode: household.countyCode, visitorId: actor.userId, idempotencyKey, householdId: household.id }, select: { id: true } });
  return createOnce(data.idempotencyKey, "visit_idempotency_key", findOwn, async () => {
    const visit = await db.$transaction(async (tx) => {
      const created = await tx.visit.create({
        data: {
          countyCode: household.countyCode,
          householdId: household.id,
          visitorId: actor.userId,
          visitedOn: fromDateString(data.visitedOn),
          findings: data.findings,
          actions: data.actions,
          idempotencyKey: data.idempotencyKey,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "visit.create", entityType: "Household", entityId: household.id, countyCode: household.countyCode, after: { visitId: created.id, visitedOn: data.visitedOn, findings: data.findings, actions: data.actions } });
      return created;
    });
    for (const photo of photos) {
      await uploadAttachment(actor, { householdId: household.id, category: "走访照片" }, photo, { type: "VISIT", id: visit.id });
    }
    return visit;
  });
}
