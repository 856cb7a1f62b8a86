import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { fromDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZRecordVillageNotice } from "./schema";
import { checkVillageCanAct } from "./village";
import { loadVillageContext } from "./village-context";
import { assertVillageVersion, guardedVillageUpdate, villageChainActor, villageRefusal } from "./village-guards";

/** 乡镇内公示, recorded by the township with its dates once it has ended (not before the proposal, not in the future). */
export async function recordVillageNotice(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villageExit.act");
  const data = parseInput(ZRecordVillageNotice, input);
  await db.$transaction(async (tx) => {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content, state, evaluation } = context;
    const check = checkVillageCanAct({ state, currentContentHash: content.hash, step: "TOWNSHIP_NOTICE", action: "RECORD_NOTICE", actor: villageChainActor(actor, sheet), criteriaMet: content.allMet });
    if (!check.ok) throw villageRefusal(check, content.criteria);
    assertVillageVersion(sheet, data.version);
    const today = todayString();
    const proposal = evaluation.steps.find((view) => view.step === "TOWNSHIP_PROPOSE")?.signature;
    const proposedOn = proposal ? todayString(new Date(proposal.signedAt)) : today;
    if (data.endedOn > today) throw new AppError("VALIDATION", "公示结束后才能登记：结束日期不能晚于今天", { endedOn: ["结束日期不能晚于今天"] });
    if (data.postedOn < proposedOn) {
      const message = `公示开始日期不能早于乡镇提出的日期（${proposedOn}）`;
      throw new AppError("VALIDATION", message, { postedOn: [message] });
    }
    const opinion = `公示期 ${data.postedOn} 至 ${data.endedOn}${data.opinion ? `；${data.opinion}` : ""}`;
    await guardedVillageUpdate(tx, sheet, { noticePostedOn: fromDateString(data.postedOn), noticeEndedOn: fromDateString(data.endedOn) });
    await tx.villageExitSignature.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, step: "TOWNSHIP_NOTICE", userId: actor.userId, role: actor.role, opinion, contentHash: content.hash, signedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "villageExit.recordNotice",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { step: "TOWNSHIP_NOTICE", round: sheet.round, postedOn: data.postedOn, endedOn: data.endedOn, contentHash: content.hash, opinion: data.opinion ?? null },
    });
  });
}
