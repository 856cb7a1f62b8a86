import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString } from "@/lib/dates";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { authorizeChainAction } from "./authorize";
import { ZStartNotice } from "../schema";
import { loadSheetContext } from "./sheet-context";

/**
 * 村内公示 starts: recorded with the date the notice was posted (it may lie in the past, never
 * in the future and never before 贫困户认可 was recorded) and a photo of the posted notice
 * uploaded to the sheet. The notice is closed later (close-notice.ts).
 */
export const startNotice = defineCommand({
  permission: "exit.act",
  input: ZStartNotice,
  async run({ actor, input: data, tx }) {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, chain, evaluation } = context;
    const consent = evaluation.steps.find((view) => view.step === "HOUSEHOLD_CONSENT")?.signature;
    authorizeChainAction(actor, context, {
      step: "PUBLIC_NOTICE",
      action: "START_NOTICE",
      version: data.version,
      postedOn: data.postedOn,
      previousStepCompletedOn: consent ? todayString(new Date(consent.signedAt)) : undefined,
      noticePhotoCount: chain.noticePhotoCount,
    });

    await guardedSheetUpdate(tx.exitSheet, sheet, { noticePostedOn: fromDateString(data.postedOn), noticeClosedOn: null });
    const photos = chain.evidence.filter((row) => row.kind === "NOTICE_PHOTO" && row.current).map((row) => row.id);
    await recordAudit(tx, actor, {
      action: "exit.startNotice",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: chain.state.notice ? { postedOn: chain.state.notice.postedOn, closedOn: chain.state.notice.closedOn } : null,
      after: { postedOn: data.postedOn, round: sheet.round, attachmentIds: photos },
    });
    return { sheetId: sheet.id };
  },
});
