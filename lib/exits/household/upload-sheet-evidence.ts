import "server-only";
import { storeAttachment } from "@/lib/attachments/commands";
import { defineCommand } from "@/lib/commands/define-command";
import { ROLE } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import { ZSheetEvidence } from "../schema";
import { SHEET_EVIDENCE_UPLOADERS } from "./rules";
import { SHEET_EVIDENCE_CATEGORY, sheetInScope } from "./sheet-context";

/**
 * Evidence of the sheet itself: the scan of the household head's signed consent form, or a
 * photo of the posted notice. Stored as an attachment of the household owned by the sheet
 * (ownerType EXIT_SHEET), so it is not part of the household's evidence list (the content).
 * The file is stored before its row commits (content-addressed), hence its own transaction.
 */
export const uploadSheetEvidence = defineCommand({
  permission: "exit.act",
  input: ZSheetEvidence,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const sheet = await sheetInScope(db, actor, data.sheetId);
    const roles = SHEET_EVIDENCE_UPLOADERS[data.kind];
    if (!roles.includes(actor.role)) {
      const what = data.kind === "CONSENT" ? "贫困户认可书扫描件" : "公示照片";
      throw forbidden(`${what}须由${roles.map((role) => ROLE.label(role)).join("、")}上传`);
    }
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "本核验表已审定，不能再上传材料");
    const attachment = await storeAttachment(db, actor, {
      householdId: sheet.householdId,
      category: SHEET_EVIDENCE_CATEGORY[data.kind],
      file: data.file,
      owner: { type: "EXIT_SHEET", id: sheet.id },
    });
    return { id: attachment.id, sheetId: sheet.id };
  },
});
