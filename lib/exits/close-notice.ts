import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { fromDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { guardedSheetUpdate, authorizeChainAction } from "./guards";
import { ZCloseNotice } from "./schema";
import { loadSheetContext } from "./sheet-context";

/**
 * 村内公示 ends: only after the configured number of days (default 7) and with every
 * objection resolved. The entry is written by the user who closes it (recorded, not signed).
 */
export async function closeNotice(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "exit.act");
  const data = parseInput(ZCloseNotice, input);
  await db.$transaction(async (tx) => {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, content, chain, environment } = context;
    authorizeChainAction(actor, context, {
      step: "PUBLIC_NOTICE",
      action: "CLOSE_NOTICE",
      version: data.version,
    });

    const signedAt = new Date();
    await guardedSheetUpdate(tx, sheet, { noticeClosedOn: fromDateString(environment.today) });
    await tx.exitSignature.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, step: "PUBLIC_NOTICE", userId: actor.userId, role: actor.role, opinion: data.opinion ?? null, contentHash: content.hash, signedAt },
    });
    await recordAudit(tx, actor, {
      action: "exit.closeNotice",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { step: "PUBLIC_NOTICE", round: sheet.round, postedOn: chain.state.notice?.postedOn, closedOn: environment.today, contentHash: content.hash, objections: chain.state.notice?.objections.length ?? 0 },
    });
  });
}
