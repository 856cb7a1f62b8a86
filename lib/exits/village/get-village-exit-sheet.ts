import "server-only";
import { loadAuditNames } from "@/lib/audit/names";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { fenToYuanString } from "@/lib/income/money";
import { shortHash } from "@/lib/sign-off/content-hash";
import { activityRows, entryStates, roleLabel, stepRows } from "@/lib/sign-off/view";
import { villageChainActor } from "./authorize";
import { VILLAGE_EVIDENCE_CONDITIONS, type VillageEvidenceCondition } from "./content";
import { loadVillageContext, type VillageContext } from "./context";
import { VILLAGE_EXIT_STEP_LABELS, canMarkVillageExited, checkVillageCanAct, formatPermilleAsPercent, villageStatusLabel, type VillageExitStep } from "./rules";
const villageStepLabel = (step: string) => VILLAGE_EXIT_STEP_LABELS[step as VillageExitStep] ?? step;

/** What the actor may do on a village sheet now (the commands re-check everything). */
export function offeredVillageActions(actor: Actor, context: VillageContext) {
  const { sheet, state, content, evaluation } = context;
  const none = {
    sign: [] as VillageExitStep[],
    recordNotice: false,
    reject: [] as VillageExitStep[],
    markExited: false,
    markExitedBlocked: null as string | null,
    edit: false,
    blocked: null as string | null,
  };
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
    } else if (check.code === "OUT_OF_SCOPE" && step === "LEADER_SIGN") {
      // Only a county leader gets this far (the role fits the step): tell them why they cannot sign.
      offered.blocked = check.message;
    }
    if (checkVillageCanAct({ state, currentContentHash: content.hash, step, action: "REJECT", actor: who, criteriaMet: content.allMet, reason: "-" }).ok)
      offered.reject.push(step);
  }
  offered.edit = can(actor, "villageExit.edit");
  if (can(actor, "villageExit.announce")) {
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
  const auditRows = await db.auditEvent.findMany({ where: { entityType: "VillageExitSheet", entityId: sheet.id }, orderBy: { id: "asc" }, take: 200 });
  const entries = entryStates(context.state.signatures, evaluation, sheet.round);
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
      statusLabel: villageStatusLabel(sheet.status),
      rejectedReason: sheet.rejectedReason,
      exitedAt: sheet.exitedAt,
      notice: sheet.noticePostedOn
        ? { postedOn: sheet.noticePostedOn.toISOString().slice(0, 10), endedOn: sheet.noticeEndedOn?.toISOString().slice(0, 10) ?? null }
        : null,
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
      steps: stepRows(evaluation, names),
    },
    signatures: signatures.map((row, index) => ({
      id: row.id,
      round: row.round,
      stepLabel: villageStepLabel(row.step),
      name: row.userName,
      roleLabel: roleLabel(row.role),
      signedAt: row.signedAt,
      opinion: row.opinion,
      state: entries[index],
    })),
    evidence: evidence.map((row) => ({ ...row, conditionLabel: VILLAGE_EVIDENCE_CONDITIONS[row.condition as VillageEvidenceCondition] ?? row.condition })),
    activity: activityRows(auditRows, await loadAuditNames(auditRows)),
    offered: offeredVillageActions(actor, context),
  };
}

export type VillageExitSheetView = Awaited<ReturnType<typeof getVillageExitSheet>>;
