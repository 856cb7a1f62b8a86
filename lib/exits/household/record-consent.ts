import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { authorizeChainAction } from "./authorize";
import { ZRecordConsent } from "../schema";
import { loadSheetContext } from "./sheet-context";

/**
 * 贫困户认可: the household head is not a user, so a village-side user records the consent;
 * the scan of the head's signed paper form, uploaded to the sheet in this round, is required.
 * The entry is the household's signature, not the recorder's (it does not count for
 * separation of duties).
 */
export const recordConsent = defineCommand({
  permission: "exit.act",
  input: ZRecordConsent,
  async run({ actor, input: data, tx }) {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, content, chain } = context;
    authorizeChainAction(actor, context, {
      step: "HOUSEHOLD_CONSENT",
      action: "RECORD_CONSENT",
      version: data.version,
    });

    const signedAt = new Date();
    await guardedSheetUpdate(tx.exitSheet, sheet, {});
    await tx.exitSignature.create({
      data: {
        countyCode: sheet.countyCode,
        sheetId: sheet.id,
        round: sheet.round,
        step: "HOUSEHOLD_CONSENT",
        userId: actor.userId,
        role: actor.role,
        opinion: data.opinion ?? null,
        contentHash: content.hash,
        signedAt,
      },
    });
    const scans = chain.evidence.filter((row) => row.kind === "CONSENT" && row.current).map((row) => row.id);
    await recordAudit(tx, actor, {
      action: "exit.recordConsent",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { step: "HOUSEHOLD_CONSENT", round: sheet.round, contentHash: content.hash, attachmentIds: scans, opinion: data.opinion ?? null },
    });
    return { sheetId: sheet.id };
  },
});
