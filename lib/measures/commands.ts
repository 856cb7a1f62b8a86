import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import type { MeasureCategory, MeasureStatus } from "@/lib/domain/codes";
import { AppError, assertUpdated, notFound, staleVersion } from "@/lib/errors";
import { checkHouseholdOnSave, measureSaveNotes } from "@/lib/data-quality/on-save";
import type { FieldNotes } from "@/lib/action-result";
import { householdInScope } from "@/lib/households/access";
import { createOnce } from "@/lib/idempotency";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { householdCauses } from "@/lib/measures/household-causes";
import { assertTransition, checkCompletion, checkMeasureCauses } from "@/lib/measures/rules";
import { ZAddMeasure, ZChangeMeasureStatus } from "@/lib/measures/schema";

/** The item must exist and be in use; its category decides which causes the measure may address. */
async function activeItem(tx: Tx, itemId: string) {
  const item = await tx.measureItem.findUnique({ where: { id: itemId } });
  if (!item || item.retired) throw new AppError("VALIDATION", "该措施已停用或不存在，请重新选择", { itemId: ["请重新选择具体措施"] });
  return item;
}

async function checkCauses(tx: Tx, household: { primaryCause: string; otherCauses: string[] }, category: string, addressedCauses: string[]) {
  const check = checkMeasureCauses({
    category: category as MeasureCategory,
    addressedCauses: addressedCauses as never,
    householdCauses: householdCauses(household),
    matrix: await loadFitMatrix(tx),
  });
  if (!check.ok) throw new AppError("RULE_VIOLATION", check.message, { addressedCauses: [check.message] });
}

const toRow = (data: { startDate: string; endDate?: string; amountFen?: number; note?: string }) => ({
  startDate: fromDateString(data.startDate),
  endDate: data.endDate ? fromDateString(data.endDate) : null,
  amountFen: data.amountFen ?? 0,
  note: data.note ?? null,
});

/** Adds a 帮扶措施 to a household in scope; a repeated form submit (same key) returns the first measure. */
export const addMeasure = defineCommand({
  permission: "measure.write",
  input: ZAddMeasure,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    const scoped = await householdInScope(db, actor, input.householdId);
    // A repeated submit returns the first measure; its 疑点数据 were shown by the first reply.
    const findOwn = async (idempotencyKey: string) => {
      const own = await db.measure.findFirst({
        where: { countyCode: scoped.countyCode, createdBy: actor.userId, idempotencyKey, householdId: scoped.id },
        select: { id: true, householdId: true },
      });
      return own ? { ...own, quality: {} as FieldNotes } : null;
    };
    return createOnce(input.idempotencyKey, "measure_idempotency_key", findOwn, () =>
      db.$transaction(async (tx) => {
        const household = await tx.household.findUniqueOrThrow({ where: { id: scoped.id }, select: { primaryCause: true, otherCauses: true } });
        const item = await activeItem(tx, input.itemId);
        await checkCauses(tx, household, item.category, input.addressedCauses);
        const measure = await tx.measure.create({
          data: {
            countyCode: scoped.countyCode,
            householdId: scoped.id,
            itemId: item.id,
            category: item.category,
            addressedCauses: input.addressedCauses,
            fundingSource: input.fundingSource,
            responsibleUnit: input.responsibleUnit,
            status: input.status,
            createdBy: actor.userId,
            idempotencyKey: input.idempotencyKey,
            ...toRow(input),
          },
          select: { id: true, householdId: true },
        });
        await recordAudit(tx, actor, {
          action: "measure.create",
          entityType: "Household",
          entityId: scoped.id,
          countyCode: scoped.countyCode,
          after: {
            measureId: measure.id,
            item: item.name,
            category: item.category,
            measureStatus: input.status,
            addressedCauses: input.addressedCauses,
            amountFen: input.amountFen ?? 0,
            fundingSource: input.fundingSource,
            responsibleUnit: input.responsibleUnit,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
          },
        });
        // 疑点数据 on save (lib/data-quality/on-save.ts): the household's S- hits now, those of this measure beside its fields.
        const quality = measureSaveNotes(await checkHouseholdOnSave(tx, scoped.id, { levels: ["MEASURE"] }), measure.id);
        return { ...measure, quality };
      }),
    );
  },
});

async function measureInScope(tx: Tx, actor: Actor, measureId: string) {
  const measure = await tx.measure.findFirst({
    where: { id: measureId, household: householdScopeWhere(actor) },
    include: { item: { select: { name: true } } },
  });
  if (!measure) throw notFound("措施");
  return measure;
}

/** 计划→实施中→已完成 (with its 增收 outcome), or →已终止; nothing leaves 已完成 or 已终止. */
export const changeMeasureStatus = defineCommand({
  permission: "measure.write",
  input: ZChangeMeasureStatus,
  async run({ actor, input, tx }) {
    const before = await measureInScope(tx, actor, input.measureId);
    if (before.version !== input.version) throw staleVersion();
    const transition = assertTransition(before.status as MeasureStatus, input.status);
    if (!transition.ok) throw new AppError("RULE_VIOLATION", transition.message);
    if (input.status === "COMPLETED") {
      const completion = checkCompletion({ incomeIncreaseFen: input.outcomeFen });
      if (!completion.ok) throw new AppError("VALIDATION", completion.message, { outcomeFen: [completion.message] });
    }
    assertUpdated(
      await tx.measure.updateMany({
        where: { id: before.id, version: input.version, status: before.status },
        data: { status: input.status, outcomeFen: input.status === "COMPLETED" ? input.outcomeFen : before.outcomeFen, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "measure.status",
      entityType: "Household",
      entityId: before.householdId,
      countyCode: before.countyCode,
      before: { measureId: before.id, item: before.item.name, measureStatus: before.status },
      after: {
        measureId: before.id,
        item: before.item.name,
        measureStatus: input.status,
        ...(input.status === "COMPLETED" ? { outcomeFen: input.outcomeFen } : {}),
      },
    });
    const quality = measureSaveNotes(await checkHouseholdOnSave(tx, before.householdId, { levels: ["MEASURE"] }), before.id);
    return { householdId: before.householdId, quality };
  },
});
