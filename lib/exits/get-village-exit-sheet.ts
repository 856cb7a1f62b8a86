import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/actions";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";
import { fenToYuanString } from "@/lib/income/money";
import { STEP_STATE_LABELS } from "./chain";
import { shortHash } from "./content";
import { VILLAGE_EXIT_ANNOUNCERS } from "./mark-village-exited";
import { sheetStatusLabel } from "./presentation";
import { VILLAGE_EXIT_STEP_LABELS, VILLAGE_EXIT_STEPS, canMarkVillageExited, checkVillageCanAct, formatPermilleAsPercent, type VillageExitStep } from "./village";
import { VILLAGE_EVIDENCE_CONDITIONS, type VillageEvidenceCondition } from "./village-content";
import { loadVillageContext, type VillageContext } from "./village-context";
import { VILLAGE_SHEET_EDITORS, villageChainActor } from "./village-guards";

const roleLabel = (role: string) => ROLE.labels[role as Role] ?? role;
const villageStepLabel = (step: string) => VILLAGE_EXIT_STEP_LABELS[step as VillageExitStep] ?? step;

/** What the actor may do on a village sheet now (the commands re-check everything). */
export function offeredVillageActions(actor: Actor, context: VillageContext) {
  const { sheet, state, content, evaluation } = context;
  const none = { sign: [] as VillageExitStep[], recordNotice: false, reject: [] as VillageExitStep[], markExited: false, markExitedBlocked: null as string | null, edit: false, blocked: null as string | null };
  if (!can(actor, "villageExit.act") || sheet.status === "APPROVED") return none;
  const who = villageChainActor(actor, sheet);
  const offered = { ...none, sign: [] as VillageExitStep[], reject: [] as VillageExitStep[] };
  for (const step of evaluation.nextSteps) {
    const action = step === "TOWNSHIP_NOTICE" ? "RECORD_NOTICE" : "SIGN";
    const check = checkVillageCanAct({ state, currentContentHash: content.hash, step, action, actor: who, criteriaMet: content.allMet });
    if (check.ok) {
      if (action === "RECORD_NOTICE") offered.recordNotice = true;
      else offered.sign.push(step);
    } else if (check.code === "CRITERIA_NOT_MET" || check.code === "ALREADY_SIGNED_OTHER_STEP") {
      offered.blocked = check.message;
    } else if (check.code === "OUT_OF_SCOPE" && step === "LEADER_SIGN" && actor.role === "COUNTY_LEADER") {
      offered.blocked = check.message;
    }
    if (checkVillageCanAct({ state, currentContentHash: content.hash, step, action: "REJECT", actor: who, criteriaMet: content.allMet, reason: "-" }).ok) offered.reject.push(step);
  }
  offered.edit = VILLAGE_SHEET_EDITORS.includes(actor.role);
  if (VILLAGE_EXIT_ANNOUNCERS.includes(actor.role)) {
    const mark = canMarkVillageExited({ state, currentContentHash: content.hash, criteriaMet: content.allMet });
    offered.markExited = mark.ok;
    offered.markExitedBlocked = mark.ok ? null : mark.message;
  }
  return offered;
}

/** The 贫困村退出核验表 page: incidence with its data, conditions, chain, signatures, evidence. */
export async function getVillageExitSheet(actor: Actor, sheetId: string) {
  requirePermission(actor, "villageExit.read");
  const context = await loadVillageContext(db, actor, sheetId);
  const { sheet, content, evaluation, signatures, evidence } = context;
  const activity = await db.auditEvent.findMany({ where: { entityType: "VillageExitSheet", entityId: sheet.id }, orderBy: { id: "asc" }, take: 200 });
  const shown = new Set(evaluation.steps.map((view) => view.signature));
  const valid = new Set(evaluation.steps.filter((view) => view.state === "DONE").map((view) => view.signature));
  const names = new Map(signatures.map((row) => [row.userId, row.userName]));
  const leaders = await db.leaderTownship.findMany({ where: { townshipCode: sheet.townshipCode }, select: { user: { select: { displayName: true } } } });
  return {
    sheet: {
      id: sheet.id,
      version: sheet.version,
      villageCode: sheet.villageCode,
      villageName: sheet.village.name,
      townshipName: sheet.township.name,
      assessmentYear: sheet.assessmentYear,
      round: sheet.round,
      status: sheet.status,
      statusLabel: sheet.status === "APPROVED" ? "已出列" : sheetStatusLabel(sheet.status),
      rejectedReason: sheet.rejectedReason,
      exitedAt: sheet.exitedAt,
      notice: sheet.noticePostedOn ? { postedOn: sheet.noticePostedOn.toISOString().slice(0, 10), endedOn: sheet.noticeEndedOn?.toISOString().slice(0, 10) ?? null } : null,
      conditions: {
        collectiveIncome: fenToYuanString(sheet.collectiveIncomeFen),
        hardenedRoad: sheet.hardenedRoad,
        powerSupply: sheet.powerSupply,
        safeWater: sheet.safeWater,
        clinicFourRooms: sheet.clinicFourRooms,
        qualifiedDoctor: sheet.qualifiedDoctor,
        cultureVenue: sheet.cultureVenue,
        broadband: sheet.broadband,
      },
    },
    responsibleLeaders: leaders.map((row) => row.user.displayName),
    remaining: context.remaining,
    population: context.population,
    incidence: content.incidence,
    threshold: formatPermilleAsPercent(context.thresholdPermille),
    targetFen: context.targetFen,
    criteria: content.criteria,
    allMet: content.allMet,
    hashShort: shortHash(content.hash),
    chain: {
      nextSteps: evaluation.nextSteps.map(villageStepLabel),
      steps: VILLAGE_EXIT_STEPS.map((step) => evaluation.steps.find((view) => view.step === step)!).map((view) => ({
        step: view.step,
        label: view.label,
        state: view.state,
        stateLabel: STEP_STATE_LABELS[view.state],
        signature: view.signature ? { name: names.get(view.signature.userId) ?? "", roleLabel: roleLabel(view.signature.role), signedAt: new Date(view.signature.signedAt) } : null,
      })),
    },
    signatures: signatures.map((row, index) => {
      const signature = context.state.signatures[index];
      const state = signature.round !== sheet.round ? "EARLIER_ROUND" : valid.has(signature) ? "VALID" : shown.has(signature) ? "INVALID" : "SUPERSEDED";
      return { id: row.id, round: row.round, stepLabel: villageStepLabel(row.step), name: row.userName, roleLabel: roleLabel(row.role), signedAt: row.signedAt, opinion: row.opinion, state };
    }),
    evidence: evidence.map((row) => ({ ...row, conditionLabel: VILLAGE_EVIDENCE_CONDITIONS[row.condition as VillageEvidenceCondition] ?? row.condition })),
    activity: activity.map((row) => ({
      id: row.id.toString(),
      occurredAt: row.occurredAt,
      actorName: row.actorName ?? "系统",
      actorRole: row.actorRole ? roleLabel(row.actorRole) : "",
      action: AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action,
      detail: villageActivityDetail(row.after as Record<string, unknown> | null),
    })),
    offered: offeredVillageActions(actor, context),
  };
}

function villageActivityDetail(after: Record<string, unknown> | null): string {
  if (!after) return "";
  const parts: string[] = [];
  if (typeof after.step === "string") parts.push(villageStepLabel(after.step));
  if (typeof after.postedOn === "string") parts.push(`公示期 ${after.postedOn} 至 ${String(after.endedOn ?? "")}`);
  if (typeof after.reason === "string") parts.push(`理由：${after.reason}`);
  if (typeof after.originalName === "string") parts.push(String(after.originalName));
  if (typeof after.opinion === "string" && after.opinion) parts.push(`意见：${after.opinion}`);
  return parts.join("；");
}

export type VillageExitSheetView = Awaited<ReturnType<typeof getVillageExitSheet>>;
