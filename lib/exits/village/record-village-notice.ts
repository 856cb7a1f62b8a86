import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZRecordVillageNotice } from "../schema";
import { authorizeVillageAction } from "./authorize";
import { loadVillageContext } from "./context";

/** 乡镇内公示, recorded by the township with its dates once it has ended (not before the proposal, not in the future). */
export const recordVillageNotice = defineCommand({
  permission: "villageExit.act",
  input: ZRecordVillageNotice,
  async run({ actor, input: data, tx }) {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content, evaluation } = context;
    authorizeVillageAction(actor, context, { step: "TOWNSHIP_NOTICE", action: "RECORD_NOTICE", version: data.version });
    const today = todayString();
    const proposal = evaluation.steps.find((view) => view.step === "TOWNSHIP_PROPOSE")?.signature;
    const proposedOn = proposal ? todayString(new Date(proposal.signedAt)) : today;
    if (data.endedOn > today) throw new AppError("VALIDATION", "公示结束后才能登记：结束日期不能晚于今天", { endedOn: ["结束日期不能晚于今天"] });
    if (data.postedOn < proposedOn) {
      const message = `公示开始日期不能早于乡镇提出的日期（${proposedOn}）`;
      throw new AppError("VALIDATION", message, { postedOn: [message] });
    }
    const opinion = `公示期 ${data.postedOn} 至 ${data.endedOn}${data.opinion ? `；${data.opinion}` : ""}`;
    await guardedSheetUpdate(tx.villageExitSheet, sheet, { noticePostedOn: fromDateString(data.postedOn), noticeEndedOn: fromDateString(data.endedOn) });
    await tx.villageExitSignature.create({
      data: {
        countyCode: sheet.countyCode,
        sheetId: sheet.id,
        round: sheet.round,
        step: "TOWNSHIP_NOTICE",
        userId: actor.userId,
        role: actor.role,
        opinion,
        contentHash: content.hash,
        signedAt: new Date(),
      },
    });
    await recordAudit(tx, actor, {
      action: "villageExit.recordNotice",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: {
        step: "TOWNSHIP_NOTICE",
        round: sheet.round,
        postedOn: data.postedOn,
        endedOn: data.endedOn,
        contentHash: content.hash,
        opinion: data.opinion ?? null,
      },
    });
    return { sheetId: sheet.id };
  },
});
