import "server-only";
import { loadAuditNames } from "@/lib/audit/names";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { ageOn, toDateString } from "@/lib/dates";
import { ageOnAssessment, BORN_AFTER_ASSESSMENT } from "@/lib/members/rules";
import { db } from "@/lib/db";
import { MEASURE_CATEGORY, MEASURE_STATUS, RELATION } from "@/lib/domain/codes";
import { maskIdNumber } from "@/lib/members/id-number";
import { shortHash } from "@/lib/sign-off/content-hash";
import { latestSignatures } from "@/lib/sign-off/rules";
import { activityRows, chainStatusLabel, entryStates, roleLabel, stepRows } from "@/lib/sign-off/view";
import { chainActorFor } from "./authorize";
import { coverageFor, loadHouseholdLabels } from "./household-labels";
import { NO_ACTIONS, offeredActions, stepLabel } from "./presentation";
import { evaluateChain } from "./rules";
import { loadSheetContext } from "./sheet-context";

/**
 * Everything the 退出核验表 page and its print layout show, shaped for the screen: the six
 * criteria with reasons and data, the income calculation, cause coverage, the chain with the
 * state of every step, every signature of every round, objections, evidence, the activity log
 * and what the current actor may do. ID numbers masked.
 */
export async function getExitSheet(actor: Actor, sheetId: string) {
  requirePermission(actor, "exit.read");
  const context = await loadSheetContext(db, actor, sheetId);
  const { sheet, facts, content, chain, environment } = context;
  const [labels, coverage, auditRows, rejecter] = await Promise.all([
    loadHouseholdLabels(db, [sheet.householdId]),
    coverageFor(db, facts),
    db.auditEvent.findMany({ where: { entityType: "ExitSheet", entityId: sheet.id }, orderBy: { id: "asc" }, take: 200 }),
    sheet.rejectedBy ? db.user.findUnique({ where: { id: sheet.rejectedBy }, select: { displayName: true } }) : null,
  ]);
  const household = labels.get(sheet.householdId)!;

  // An approved sheet is shown as it was approved; a later change of the archive is reported, not replayed.
  const approval = sheet.status === "APPROVED" ? latestSignatures(chain.state.signatures, sheet.round).get("COUNTY_APPROVAL") : undefined;
  const shownHash = approval?.contentHash ?? content.hash;
  const evaluation = approval ? evaluateChain(chain.state, shownHash) : context.evaluation;
  // chain.signatures and chain.state.signatures are the same rows in the same order.
  const entries = entryStates(chain.state.signatures, evaluation, sheet.round);

  const offered =
    can(actor, "exit.act") && sheet.status !== "APPROVED"
      ? offeredActions({
          state: chain.state,
          evaluation,
          currentContentHash: content.hash,
          actor: chainActorFor(actor, context),
          criteriaMet: content.allMet,
          today: environment.today,
          noticeMinDays: environment.settings.noticeMinDays,
        })
      : { ...NO_ACTIONS, step: evaluation.nextStep };
  const userNames = new Map(chain.signatures.map((row) => [row.userId, row.userName]));

  return {
    sheet: {
      id: sheet.id,
      version: sheet.version,
      verificationCode: sheet.verificationCode,
      assessmentYear: sheet.assessmentYear,
      round: sheet.round,
      status: sheet.status,
      statusLabel: chainStatusLabel(sheet.status),
      createdAt: sheet.createdAt,
      review: sheet.reviewDate ? { date: toDateString(sheet.reviewDate), present: sheet.reviewPresent, result: sheet.reviewResult } : null,
      notice: chain.state.notice,
      noticeMinDays: environment.settings.noticeMinDays,
      rejection: sheet.rejectedReason ? { reason: sheet.rejectedReason, by: rejecter?.displayName ?? "", at: sheet.rejectedAt } : null,
    },
    household,
    members: facts.members.map((member) => ({
      id: member.id,
      name: member.name,
      idNumberMasked: maskIdNumber(member.idNumber),
      relationLabel: RELATION.labels[member.relation as keyof typeof RELATION.labels] ?? member.relation,
      gender: member.gender === "MALE" ? "男" : "女",
      age: ageOn(member.birthDate, content.snapshot.asOf),
      /** "评估年度后出生" for a child born after the day the sheet is assessed as of (its age is then null, not an error). */
      ageNote: ageOnAssessment(member.birthDate, content.snapshot.asOf).kind === "bornAfter" ? BORN_AFTER_ASSESSMENT : null,
      present: member.status === "PRESENT",
      insured: member.basicMedicalInsurance && member.seriousIllnessInsurance,
    })),
    asOf: content.snapshot.asOf,
    criteria: content.criteria,
    allMet: content.allMet,
    income: content.income,
    povertyLineFen: environment.lines.get(sheet.assessmentYear) ?? null,
    coverage,
    measures: facts.measures.map((measure) => ({
      ...measure,
      categoryLabel: MEASURE_CATEGORY.labels[measure.category as keyof typeof MEASURE_CATEGORY.labels] ?? measure.category,
      statusLabel: MEASURE_STATUS.labels[measure.status as keyof typeof MEASURE_STATUS.labels] ?? measure.status,
    })),
    hash: content.hash,
    hashShort: shortHash(content.hash),
    approvedHashShort: approval ? shortHash(approval.contentHash) : null,
    changedSinceApproval: approval ? approval.contentHash !== content.hash : false,
    chain: {
      nextStep: evaluation.nextStep,
      nextStepLabel: stepLabel(evaluation.nextStep),
      steps: stepRows(evaluation, userNames),
    },
    signatures: chain.signatures.map((row, index) => ({
      id: row.id,
      round: row.round,
      step: row.step,
      stepLabel: stepLabel(row.step),
      name: row.userName,
      roleLabel: roleLabel(row.role),
      signedAt: row.signedAt,
      opinion: row.opinion,
      hashShort: shortHash(row.contentHash),
      state: entries[index],
    })),
    objections: chain.objections,
    sheetEvidence: chain.evidence,
    householdEvidence: await db.attachment.findMany({
      where: { householdId: sheet.householdId, ownerType: "HOUSEHOLD" },
      orderBy: { uploadedAt: "asc" },
      select: { id: true, category: true, originalName: true, uploadedAt: true, uploader: { select: { displayName: true } } },
    }),
    activity: activityRows(auditRows, await loadAuditNames(auditRows)),
    offered,
    today: environment.today,
  };
}

export type ExitSheetView = Awaited<ReturnType<typeof getExitSheet>>;
