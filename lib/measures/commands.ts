import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { fromDateString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import type { MeasureCategory, MeasureStatus } from "@/lib/domain/codes";
import { AppError, assertUpdated, notFound, staleVersion } from "@/lib/errors";
import { householdInScope } from "@/lib/households/access";
import { createOnce } from "@/lib/idempotency";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { householdCauses } from "@/lib/measures/household-causes";
import { assertTransition, checkCompletion, checkMeasureCauses } from "@/lib/measures/rules";
import { ZAddMeasure, ZChangeMeasureStatus, ZUpdateMeasure } from "@/lib/measures/schema";
import { parseInput } from "@/lib/validation";

/** The item must exist and be in use; its category decides which causes the measure may address. */
async function activeItem(tx: Tx, itemId: string, allowRetired = false) {
  const item = await tx.measureItem.findUnique({ where: { id: itemId } });
  if (!item || (item.retired && !allowRetired)) throw new AppError("VALIDATION", "该措施已停用或不存在，请重新选择", { itemId: ["请重新选择具体措施"] });
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

export async function addMeasure(actor: Actor, input: unknown) {
  requirePermission(actor, "measure.write");
  const data = parseInput(ZAddMeasure, input);
  const scoped = await householdInScope(db, actor, data.householdId);
  const findOwn = (idempotencyKey: string) =>
    db.measure.findFirst({ where: { countyCode: scoped.countyCode, createdBy: actor.userId, idempotencyKey, householdId: scoped.id }, select: { id: true } });
  return createOnce(data.idempotencyKey, "measure_idempotency_key", findOwn, () => db.$transaction(async (tx) => {
    const household = await tx.household.findUniqueOrThrow({ where: { id: scoped.id }, select: { primaryCause: true, otherCauses: true } });
    const item = await activeItem(tx, data.itemId);
    await checkCauses(tx, household, item.category, data.addressedCauses);
    const measure = await tx.measure.create({
      data: {
        countyCode: scoped.countyCode,
        householdId: scoped.id,
        itemId: item.id,
        category: item.category,
        addressedCauses: data.addressedCauses,
        fundingSource: data.fundingSource,
        responsibleUnit: data.responsibleUnit,
        status: data.status,
        createdBy: actor.userId,
        idempotencyKey: data.idempotencyKey,
        ...toRow(data),
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "measure.create",
      entityType: "Household",
      entityId: scoped.id,
      countyCode: scoped.countyCode,
      after: { measureId: measure.id, item: item.name, category: item.category, measureStatus: data.status, addressedCauses: data.addressedCauses, amountFen: data.amountFen ?? 0, fundingSource: data.fundingSource, responsibleUnit: data.responsibleUnit, startDate: data.startDate, endDate: data.endDate ?? null },
    });
    return measure;
  }));
}

async function measureInScope(tx: Tx, actor: Actor, measureId: string) {
  const measure = await tx.measure.findFirst({
    where: { id: measureId, household: householdScopeWhere(actor) },
    include: { item: { select: { name: true } }, household: { select: { primaryCause: true, otherCauses: true } } },
  });
  if (!measure) throw notFound("措施");
  return measure;
}

/** Edits the details of a measure that is still planned or under way. */
export async function updateMeasure(actor: Actor, input: unknown) {
  requirePermission(actor, "measure.write");
  const data = parseInput(ZUpdateMeasure, input);
  return db.$transaction(async (tx) => {
    const before = await measureInScope(tx, actor, data.measureId);
    if (before.version !== data.version) throw staleVersion();
    if (before.status === "COMPLETED" || before.status === "TERMINATED") throw new AppError("RULE_VIOLATION", "已完成或已终止的措施不能再修改");
    const item = await activeItem(tx, data.itemId, data.itemId === before.itemId);
    await checkCauses(tx, before.household, item.category, data.addressedCauses);
    const fields = { itemId: item.id, category: item.category, addressedCauses: data.addressedCauses, fundingSource: data.fundingSource, responsibleUnit: data.responsibleUnit, ...toRow(data) };
    assertUpdated(await tx.measure.updateMany({ where: { id: before.id, version: data.version }, data: { ...fields, version: { increment: 1 } } }));
    const diff = diffFields(before as unknown as Record<string, unknown>, fields);
    await recordAudit(tx, actor, {
      action: "measure.update",
      entityType: "Household",
      entityId: before.householdId,
      countyCode: before.countyCode,
      before: { measureId: before.id, item: before.item.name, ...diff.before },
      after: { measureId: before.id, item: item.name, ...diff.after },
    });
  });
}

/** 计划→实施中→已完成 (with its 增收 outcome), or →已终止; nothing leaves 已完成 or 已终止. */
export async function changeMeasureStatus(actor: Actor, input: unknown) {
  requirePermission(actor, "measure.write");
  const data = parseInput(ZChangeMeasureStatus, input);
  return db.$transaction(async (tx) => {
    const before = await measureInScope(tx, actor, data.measureId);
    if (before.version !== data.version) throw staleVersion();
    const transition = assertTransition(before.status as MeasureStatus, data.status);
    if (!transition.ok) throw new AppError("RULE_VIOLATION", transition.message);
    if (data.status === "COMPLETED") {
      const completion = checkCompletion({ incomeIncreaseFen: data.outcomeFen });
      if (!completion.ok) throw new AppError("VALIDATION", completion.message, { outcomeFen: [completion.message] });
    }
    assertUpdated(
      await tx.measure.updateMany({
        where: { id: before.id, version: data.version, status: before.status },
        data: { status: data.status, outcomeFen: data.status === "COMPLETED" ? data.outcomeFen : before.outcomeFen, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "measure.status",
      entityType: "Household",
      entityId: before.householdId,
      countyCode: before.countyCode,
      before: { measureId: before.id, item: before.item.name, measureStatus: before.status },
      after: { measureId: before.id, item: before.item.name, measureStatus: data.status, ...(data.status === "COMPLETED" ? { outcomeFen: data.outcomeFen } : {}) },
    });
  });
}
