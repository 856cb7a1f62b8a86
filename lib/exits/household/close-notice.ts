import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { authorizeChainAction } from "./authorize";
import { ZCloseNotice } from "../schema";
import { loadSheetContext } from "./sheet-context";

/**
 * 村内公示 ends: only after the configured number of days (default 7) and with every
 * objection resolved. The entry is written by the user who closes it (recorded, not signed).
 */
export const closeNotice = defineCommand({
  permission: "exit.act",
  input: ZCloseNotice,
  async run({ actor, input: data, tx }) {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, content, chain, environment } = context;
    authorizeChainAction(actor, context, {
      step: "PUBLIC_NOTICE",
      action: "CLOSE_NOTICE",
      version: data.version,
    });

    const signedAt = new Date();
    await guardedSheetUpdate(tx.exitSheet, sheet, { noticeClosedOn: fromDateString(environment.today) });
    await tx.exitSignature.create({
      data: {
        countyCode: sheet.countyCode,
        sheetId: sheet.id,
        round: sheet.round,
        step: "PUBLIC_NOTICE",
        userId: actor.userId,
        role: actor.role,
        opinion: data.opinion ?? null,
        contentHash: content.hash,
        signedAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "exit.closeNotice",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: {
        step: "PUBLIC_NOTICE",
        round: sheet.round,
        postedOn: chain.state.notice?.postedOn,
        closedOn: environment.today,
        contentHash: content.hash,
        objections: chain.state.notice?.objections.length ?? 0,
      },
    });
    return { sheetId: sheet.id };
  },
});
