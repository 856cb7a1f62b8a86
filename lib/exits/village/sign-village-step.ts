import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZSignVillageStep } from "../schema";
import { authorizeVillageAction } from "./authorize";
import { loadVillageContext } from "./context";

/**
 * Signs a step of the village exit sheet: 乡镇提出 (township), 县扶贫办审定 (county office) or the
 * signature of the 包片县级领导 responsible for the village's township. The two county steps
 * follow the notice in either order; 已出列 is a separate act (mark-village-exited.ts).
 */
export const signVillageStep = defineCommand({
  permission: "villageExit.act",
  input: ZSignVillageStep,
  async run({ actor, input: data, tx }) {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content } = context;
    authorizeVillageAction(actor, context, { step: data.step, action: "SIGN", version: data.version });
    const signedAt = new Date();
    await guardedSheetUpdate(tx.villageExitSheet, sheet, { status: "IN_PROGRESS" });
    await tx.villageExitSignature.create({
      data: {
        countyCode: sheet.countyCode,
        sheetId: sheet.id,
        round: sheet.round,
        step: data.step,
        userId: actor.userId,
        role: actor.role,
        opinion: data.opinion ?? null,
        contentHash: content.hash,
        signedAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "villageExit.sign",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { step: data.step, round: sheet.round, contentHash: content.hash, opinion: data.opinion ?? null },
    });
    return { sheetId: sheet.id };
  },
});
