import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError } from "@/lib/errors";
import { assertSheetVersion } from "@/lib/sign-off/refusal";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZMarkVillageExited } from "../schema";
import { loadVillageContext } from "./context";
import { canMarkVillageExited } from "./rules";

/**
 * 已出列, announced by the county office: only when every criterion holds on the current data
 * and every step is valid — in particular the signature of the 包片县级领导 of the township.
 */
export const markVillageExited = defineCommand({
  permission: "villageExit.announce",
  input: ZMarkVillageExited,
  async run({ actor, input: data, tx }) {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content, state } = context;
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列");
    const check = canMarkVillageExited({ state, currentContentHash: content.hash, criteriaMet: content.allMet });
    if (!check.ok) throw new AppError("RULE_VIOLATION", check.message);
    assertSheetVersion(sheet, data.version);
    const exitedAt = new Date();
    await guardedSheetUpdate(tx.villageExitSheet, sheet, { status: "APPROVED", exitedAt });
    await recordAudit(tx, actor, {
      action: "villageExit.markExited",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status },
      after: {
        status: "APPROVED",
        exitedAt: exitedAt.toISOString(),
        contentHash: content.hash,
        villageCode: sheet.villageCode,
        assessmentYear: sheet.assessmentYear,
      },
    });
    return { sheetId: sheet.id };
  },
});
