import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError } from "@/lib/errors";
import { assertSheetVersion } from "@/lib/sign-off/refusal";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZUpdateVillageExitSheet } from "../schema";
import { villageSheetInScope } from "./context";

/**
 * The township corrects the village conditions. The content changes, so signatures made on
 * the old content are shown as 已失效 and the chain resumes from the first invalid step.
 */
export const updateVillageConditions = defineCommand({
  permission: "villageExit.edit",
  input: ZUpdateVillageExitSheet,
  async run({ actor, input: data, tx }) {
    const sheet = await villageSheetInScope(tx, actor, data.sheetId);
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列，不能再修改");
    assertSheetVersion(sheet, data.version);
    const { sheetId: _id, version: _version, collectiveIncome, ...flags } = data;
    const next = { collectiveIncomeFen: collectiveIncome, ...flags };
    const diff = diffFields(sheet as unknown as Record<string, unknown>, next);
    await guardedSheetUpdate(tx.villageExitSheet, sheet, next);
    await recordAudit(tx, actor, {
      action: "villageExit.update",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: diff.before,
      after: diff.after,
    });
    return { sheetId: sheet.id };
  },
});
