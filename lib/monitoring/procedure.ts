import "server-only";
/**
 * The commands of the two monitoring procedures (识别纳入, 风险消除), each a thin use case over the
 * declared chain (lib/monitoring/chains.ts): load the sheet within the actor's scope, let the chain
 * decide (order, role, separation of duties, criteria on the current data, the form's version),
 * write the entry bound to the content hash through the guarded update, audit in the same
 * transaction. Approval (every step valid) moves the object: MONITORED after 识别纳入, ELIMINATED
 * after 风险消除 (with the figures the decision was taken on).
 */
import { storeEvidenceFile } from "@/lib/attachments/commands";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, toDateString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import { ROLE } from "@/lib/domain/codes";
import { AppError, forbidden, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertSheetVersion, refusalError } from "@/lib/sign-off/refusal";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { defineRejection } from "@/lib/sign-off/reject";
import { CONSENT_UPLOADERS, MONITORING_OBJECTION_ROLES, monitoringChain, type MonitoringCheckInput } from "./chains";
import type { MonitoringStep } from "./codes";
import { monitoringObjectScopeWhere } from "./queries";
import {
  ZCloseMonitoringNotice,
  ZMonitoringConsent,
  ZMonitoringObjection,
  ZOpenMonitoringSheet,
  ZRecordMonitoringStep,
  ZRejectMonitoringSheet,
  ZResolveMonitoringObjection,
  ZResolveRisk,
  ZSignMonitoringStep,
  ZStartMonitoringNotice,
} from "./schema";
import { loadMonitoringContext, monitoringSheetScopeWhere, type MonitoringContext } from "./sheet-context";

type Request = Pick<MonitoringCheckInput, "step" | "action" | "reason" | "postedOn"> & { version: number };

/** The chain decides whether this actor may take this action on this step now; the form must show the current version. */
export function authorizeMonitoringAction(actor: Actor, context: MonitoringContext, { version, ...request }: Request): void {
  const check = monitoringChain(context.kind).check({
    ...request,
    state: context.state,
    currentContentHash: context.content.hash,
    actor: { userId: actor.userId, role: actor.role },
    today: context.today,
    noticeMinDays: context.settings.noticeMinDays,
    criteriaMet: context.content.allMet,
  });
  if (!check.ok) {
    const criteria = context.content.criteria.length ? context.content.criteria : [];
    throw refusalError(check, { criteria, fields: { POSTED_DATE_INVALID: "postedOn" } });
  }
  assertSheetVersion(context.sheet, version);
}

/** Writes the entry of a step; once every step is valid the sheet is approved and the object moves on. */
async function writeEntry(
  tx: Tx,
  actor: Actor,
  context: MonitoringContext,
  step: MonitoringStep,
  opinion: string | null,
  data: Prisma.MonitoringSheetUpdateManyMutationInput = {},
) {
  const { sheet, content, kind } = context;
  const signedAt = new Date();
  const entry = { step, userId: actor.userId, role: actor.role, contentHash: content.hash, signedAt: signedAt.toISOString(), round: sheet.round };
  const next = { ...context.state, signatures: [...context.state.signatures, entry] };
  if (step === "VILLAGE_NOTICE" && next.notice && data.noticeClosedOn) next.notice = { ...next.notice, closedOn: toDateString(data.noticeClosedOn as Date) };
  const status = monitoringChain(kind).deriveStatus(next, content.hash);
  const approved = status === "APPROVED";
  await guardedSheetUpdate(tx.monitoringSheet, sheet, {
    ...data,
    status,
    ...(approved && kind === "ELIMINATE" ? { decisionFigures: content.figures as Prisma.InputJsonValue } : {}),
  });
  await tx.monitoringSignature.create({
    data: {
      countyCode: sheet.countyCode,
      sheetId: sheet.id,
      round: sheet.round,
      step,
      userId: actor.userId,
      role: actor.role,
      opinion,
      contentHash: content.hash,
      signedAt,
    },
  });
  if (approved) {
    const today = fromDateString(context.today);
    const objectData = kind === "IDENTIFY" ? { status: "MONITORED", identifiedOn: today, eliminatedOn: null } : { status: "ELIMINATED", eliminatedOn: today };
    const updated = await tx.monitoringObject.updateMany({
      where: { id: sheet.objectId, version: context.object.version },
      data: { ...objectData, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "monitoringObject.statusChange",
      entityType: "MonitoringObject",
      entityId: sheet.objectId,
      countyCode: sheet.countyCode,
      before: { status: context.object.status as "PENDING" | "MONITORED" | "ELIMINATED" },
      after: {
        status: objectData.status as "MONITORED" | "ELIMINATED",
        sheetId: sheet.id,
        ...(kind === "IDENTIFY" ? { identifiedOn: context.today } : { eliminatedOn: context.today }),
      },
    });
  }
  return { status, approved };
}

/**
 * Opens a procedure on a monitoring object in scope: 识别纳入 for an object awaiting it or whose
 * risks were eliminated (返贫: identified again, a new sheet beside the old ones), 风险消除 for a
 * monitored object, with its 消除方式. One open sheet per object.
 */
export const openMonitoringSheet = defineCommand({
  permission: "monitoring.write",
  input: ZOpenMonitoringSheet,
  async run({ actor, input, tx }) {
    const object = await tx.monitoringObject.findFirst({ where: { AND: [monitoringObjectScopeWhere(actor), { id: input.objectId }] } });
    if (!object) throw notFound("监测对象");
    if (object.version !== input.version) throw staleVersion();
    if (input.kind === "IDENTIFY" && object.status === "MONITORED") throw ruleViolation("该户已识别纳入，正在监测中");
    if (input.kind === "ELIMINATE" && object.status !== "MONITORED") throw ruleViolation("该户尚未识别纳入，不能开始风险消除");
    if (await tx.monitoringSheet.findFirst({ where: { objectId: object.id, status: { not: "APPROVED" } }, select: { id: true } })) {
      throw new AppError("CONFLICT", "该户已有尚未完成的监测程序");
    }
    const method = input.kind === "ELIMINATE" ? input.method : null;
    const sheet = await tx.monitoringSheet.create({
      data: {
        countyCode: object.countyCode,
        townshipCode: object.townshipCode,
        villageCode: object.villageCode,
        objectId: object.id,
        kind: input.kind,
        eliminationMethod: method,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await tx.monitoringObject.updateMany({ where: { id: object.id, version: object.version }, data: { version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "monitoringSheet.open",
      entityType: "MonitoringSheet",
      entityId: sheet.id,
      countyCode: object.countyCode,
      after: { kind: input.kind, objectId: object.id, ...(method ? { method } : {}) },
    });
    return { id: object.id, sheetId: sheet.id };
  },
});

/** The household's signed 承诺授权书 scan (photo or PDF, checked by content); stored before its row commits, hence its own transaction. */
export const uploadMonitoringConsent = defineCommand({
  permission: "monitoring.act",
  input: ZMonitoringConsent,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    const sheet = await db.monitoringSheet.findFirst({ where: { AND: [monitoringSheetScopeWhere(actor), { id: input.sheetId }] } });
    if (!sheet) throw notFound("监测程序");
    if (!CONSENT_UPLOADERS.includes(actor.role)) throw forbidden(`承诺授权书须由${CONSENT_UPLOADERS.map((role) => ROLE.label(role)).join("、")}上传`);
    if (sheet.kind !== "IDENTIFY") throw ruleViolation("只有识别纳入程序需要承诺授权书");
    if (sheet.status === "APPROVED") throw ruleViolation("该程序已完成，不能再上传材料");
    const file = await storeEvidenceFile(input.file);
    return db.$transaction(async (tx) => {
      const evidence = await tx.monitoringEvidence.create({
        data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, kind: "CONSENT", uploadedBy: actor.userId, ...file },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "monitoringSheet.uploadConsent",
        entityType: "MonitoringSheet",
        entityId: sheet.id,
        countyCode: sheet.countyCode,
        after: { evidenceId: evidence.id, round: sheet.round, ...file },
      });
      return { id: sheet.objectId, sheetId: sheet.id };
    });
  },
});

/** Signs a signed step (入户核实, 民主评议, 乡镇审核, 县级审批). */
export const signMonitoringStep = defineCommand({
  permission: "monitoring.act",
  input: ZSignMonitoringStep,
  async run({ actor, input, tx }) {
    const context = await loadMonitoringContext(tx, actor, input.sheetId);
    authorizeMonitoringAction(actor, context, { step: input.step, action: "SIGN", version: input.version });
    const { status } = await writeEntry(tx, actor, context, input.step, input.opinion ?? null);
    await recordAudit(tx, actor, {
      action: "monitoringSheet.sign",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      after: { kind: context.kind, step: input.step, round: context.sheet.round, contentHash: context.content.hash, opinion: input.opinion ?? null },
    });
    return { id: context.object.id, sheetId: context.sheet.id, status };
  },
});

/** Records a recorded step: 信息比对 (what the county departments' check found) or 公告. */
export const recordMonitoringStep = defineCommand({
  permission: "monitoring.act",
  input: ZRecordMonitoringStep,
  async run({ actor, input, tx }) {
    const context = await loadMonitoringContext(tx, actor, input.sheetId);
    authorizeMonitoringAction(actor, context, { step: input.step, action: "RECORD", version: input.version });
    const { status } = await writeEntry(tx, actor, context, input.step, input.opinion);
    await recordAudit(tx, actor, {
      action: "monitoringSheet.record",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      after: { kind: context.kind, step: input.step, round: context.sheet.round, contentHash: context.content.hash, opinion: input.opinion },
    });
    return { id: context.object.id, sheetId: context.sheet.id, status };
  },
});

/** 村内公示 posted (a date not in the future, not before 民主评议); closed later after the configured days. */
export const startMonitoringNotice = defineCommand({
  permission: "monitoring.act",
  input: ZStartMonitoringNotice,
  async run({ actor, input, tx }) {
    const context = await loadMonitoringContext(tx, actor, input.sheetId);
    authorizeMonitoringAction(actor, context, { step: "VILLAGE_NOTICE", action: "START_NOTICE", version: input.version, postedOn: input.postedOn });
    await guardedSheetUpdate(tx.monitoringSheet, context.sheet, { noticePostedOn: fromDateString(input.postedOn), noticeClosedOn: null });
    await recordAudit(tx, actor, {
      action: "monitoringSheet.startNotice",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      before: context.state.notice ? { postedOn: context.state.notice.postedOn, closedOn: context.state.notice.closedOn } : null,
      after: { kind: context.kind, postedOn: input.postedOn, round: context.sheet.round },
    });
    return { id: context.object.id, sheetId: context.sheet.id };
  },
});

/** 村内公示 closed: at least the configured days (default 5) after posting, every objection resolved. */
export const closeMonitoringNotice = defineCommand({
  permission: "monitoring.act",
  input: ZCloseMonitoringNotice,
  async run({ actor, input, tx }) {
    const context = await loadMonitoringContext(tx, actor, input.sheetId);
    authorizeMonitoringAction(actor, context, { step: "VILLAGE_NOTICE", action: "CLOSE_NOTICE", version: input.version });
    const { status } = await writeEntry(tx, actor, context, "VILLAGE_NOTICE", input.opinion ?? null, { noticeClosedOn: fromDateString(context.today) });
    await recordAudit(tx, actor, {
      action: "monitoringSheet.closeNotice",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      after: {
        kind: context.kind,
        step: "VILLAGE_NOTICE",
        round: context.sheet.round,
        postedOn: context.state.notice?.postedOn,
        closedOn: context.today,
        contentHash: context.content.hash,
        objections: context.state.notice?.objections.length ?? 0,
        opinion: input.opinion ?? null,
      },
    });
    return { id: context.object.id, sheetId: context.sheet.id, status };
  },
});

function assertNoticeOpen(context: MonitoringContext) {
  const notice = context.state.notice;
  const next = context.evaluation.nextSteps;
  if (context.sheet.status === "APPROVED") throw ruleViolation("该程序已完成，不能再办理");
  if (!next.includes("VILLAGE_NOTICE") || !notice || notice.closedOn !== null) throw ruleViolation("当前不在公示期，不能登记或处理异议");
  return notice;
}

function assertObjectionRole(actor: Actor) {
  if (!MONITORING_OBJECTION_ROLES.includes(actor.role)) {
    throw forbidden(`公示异议须由${MONITORING_OBJECTION_ROLES.map((role) => ROLE.label(role)).join("、")}登记和处理`);
  }
}

/** An objection raised during 村内公示; the notice cannot close until it is resolved. */
export const recordMonitoringObjection = defineCommand({
  permission: "monitoring.act",
  input: ZMonitoringObjection,
  async run({ actor, input, tx }) {
    const context = await loadMonitoringContext(tx, actor, input.sheetId);
    assertObjectionRole(actor);
    const notice = assertNoticeOpen(context);
    assertSheetVersion(context.sheet, input.version);
    if (input.raisedOn > context.today) throw new AppError("VALIDATION", "异议提出日期不能晚于今天", { raisedOn: ["异议提出日期不能晚于今天"] });
    if (input.raisedOn < notice.postedOn) {
      const message = `异议提出日期不能早于公示张贴日期（${notice.postedOn}）`;
      throw new AppError("VALIDATION", message, { raisedOn: [message] });
    }
    await guardedSheetUpdate(tx.monitoringSheet, context.sheet, {});
    const objection = await tx.monitoringObjection.create({
      data: {
        countyCode: context.sheet.countyCode,
        sheetId: context.sheet.id,
        round: context.sheet.round,
        raisedOn: fromDateString(input.raisedOn),
        content: input.content,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "monitoringSheet.recordObjection",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      after: { objectionId: objection.id, round: context.sheet.round, raisedOn: input.raisedOn, content: input.content },
    });
    return { id: context.object.id, sheetId: context.sheet.id };
  },
});

/** How an objection was resolved (核实、答复). */
export const resolveMonitoringObjection = defineCommand({
  permission: "monitoring.act",
  input: ZResolveMonitoringObjection,
  async run({ actor, input, tx }) {
    const objection = await tx.monitoringObjection.findFirst({ where: { id: input.objectionId, sheet: monitoringSheetScopeWhere(actor) } });
    if (!objection) throw notFound("异议记录");
    const context = await loadMonitoringContext(tx, actor, objection.sheetId);
    assertObjectionRole(actor);
    assertNoticeOpen(context);
    if (objection.round !== context.sheet.round) throw ruleViolation("该异议属于已退回的上一轮，不能再处理");
    if (objection.resolution !== null) throw ruleViolation("该异议已处理");
    const updated = await tx.monitoringObjection.updateMany({
      where: { id: objection.id, version: input.version, resolution: null },
      data: { resolution: input.resolution, resolvedBy: actor.userId, resolvedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw staleVersion();
    await guardedSheetUpdate(tx.monitoringSheet, context.sheet, {});
    await recordAudit(tx, actor, {
      action: "monitoringSheet.resolveObjection",
      entityType: "MonitoringSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      before: { objectionId: objection.id, content: objection.content },
      after: { objectionId: objection.id, resolution: input.resolution },
    });
    return { id: context.object.id, sheetId: context.sheet.id };
  },
});

/** 退回 with a reason: a new round from 入户核实; the round's notice is cleared, its scans and entries stay as history. */
export const rejectMonitoringSheet = defineRejection({
  permission: "monitoring.act",
  input: ZRejectMonitoringSheet,
  load: loadMonitoringContext,
  authorize: (actor, context, request) => authorizeMonitoringAction(actor, context, request),
  async startNewRound(tx, actor, context, { step, reason }) {
    const { sheet } = context;
    await guardedSheetUpdate(tx.monitoringSheet, sheet, {
      round: sheet.round + 1,
      status: "REJECTED",
      rejectedReason: reason,
      noticePostedOn: null,
      noticeClosedOn: null,
    });
    await recordAudit(tx, actor, {
      action: "monitoringSheet.reject",
      entityType: "MonitoringSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status, round: sheet.round },
      after: { kind: context.kind, status: "REJECTED", round: sheet.round + 1, step, reason },
    });
  },
});

/** Records that one risk of a monitored object is resolved (a condition of 风险消除). */
export const resolveMonitoringRisk = defineCommand({
  permission: "monitoring.write",
  input: ZResolveRisk,
  async run({ actor, input, tx }) {
    const object = await tx.monitoringObject.findFirst({
      where: { AND: [monitoringObjectScopeWhere(actor), { id: input.objectId }] },
      include: { risks: { include: { type: true } } },
    });
    if (!object) throw notFound("监测对象");
    if (object.version !== input.version) throw staleVersion();
    const risk = object.risks.find((row) => row.id === input.riskId);
    if (!risk) throw notFound("风险");
    if (risk.resolvedOn) throw ruleViolation("该风险已登记消除");
    if (input.resolvedOn < toDateString(risk.foundOn)) {
      const message = `消除日期不能早于发现日期（${toDateString(risk.foundOn)}）`;
      throw new AppError("VALIDATION", message, { resolvedOn: [message] });
    }
    const updated = await tx.monitoringObject.updateMany({ where: { id: object.id, version: input.version }, data: { version: { increment: 1 } } });
    if (updated.count !== 1) throw staleVersion();
    await tx.monitoringRisk.update({ where: { id: risk.id }, data: { resolvedOn: fromDateString(input.resolvedOn) } });
    await recordAudit(tx, actor, {
      action: "monitoringObject.resolveRisk",
      entityType: "MonitoringObject",
      entityId: object.id,
      countyCode: object.countyCode,
      after: { riskType: risk.type.label, resolvedOn: input.resolvedOn },
    });
    return { id: object.id };
  },
});
