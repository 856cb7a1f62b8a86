import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { ZRejectVillageSheet } from "./schema";
import { checkVillageCanAct } from "./village";
import { loadVillageContext } from "./village-context";
import { assertVillageVersion, guardedVillageUpdate, villageChainActor, villageRefusal } from "./village-guards";

/** 退回 to the township with a reason: a new round; earlier signatures stay as history. */
export async function rejectVillageSheet(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villageExit.act");
  const data = parseInput(ZRejectVillageSheet, input);
  await db.$transaction(async (tx) => {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content, state } = context;
    const check = checkVillageCanAct({ state, currentContentHash: content.hash, step: data.step, action: "REJECT", actor: villageChainActor(actor, sheet), criteriaMet: content.allMet, reason: data.reason });
    if (!check.ok) throw villageRefusal(check, content.criteria);
    assertVillageVersion(sheet, data.version);
    await guardedVillageUpdate(tx, sheet, { round: sheet.round + 1, status: "REJECTED", rejectedReason: data.reason, noticePostedOn: null, noticeEndedOn: null });
    await recordAudit(tx, actor, {
      action: "villageExit.reject",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status, round: sheet.round },
      after: { status: "REJECTED", round: sheet.round + 1, step: data.step, reason: data.reason },
    });
  });
}
