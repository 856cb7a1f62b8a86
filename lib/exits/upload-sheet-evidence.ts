import "server-only";
import { uploadAttachment, type UploadedFile } from "@/lib/attachments/commands";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { ROLE } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { STEP_ACTORS } from "./chain";
import { ZSheetEvidence } from "./schema";
import { SHEET_EVIDENCE_CATEGORY, sheetInScope } from "./sheet-context";

const UPLOADERS = {
  CONSENT: STEP_ACTORS.HOUSEHOLD_CONSENT.RECORD_CONSENT ?? [],
  NOTICE_PHOTO: STEP_ACTORS.PUBLIC_NOTICE.START_NOTICE ?? [],
} as const;

/**
 * Evidence of the sheet itself: the scan of the household head's signed consent form, or a
 * photo of the posted notice. Stored as an attachment of the household owned by the sheet
 * (ownerType EXIT_SHEET), so it is not part of the household's evidence list (the content).
 */
export async function uploadSheetEvidence(actor: Actor, input: unknown, file: UploadedFile | null): Promise<{ id: string }> {
  requirePermission(actor, "exit.act");
  const data = parseInput(ZSheetEvidence, input);
  const sheet = await sheetInScope(db, actor, data.sheetId);
  const roles = UPLOADERS[data.kind];
  if (!roles.includes(actor.role)) {
    const what = data.kind === "CONSENT" ? "贫困户认可书扫描件" : "公示照片";
    throw forbidden(`${what}须由${roles.map((role) => ROLE.label(role)).join("、")}上传`);
  }
  if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "本核验表已审定，不能再上传材料");
  return uploadAttachment(actor, { householdId: sheet.householdId, category: SHEET_EVIDENCE_CATEGORY[data.kind] }, file, { type: "EXIT_SHEET", id: sheet.id });
}
