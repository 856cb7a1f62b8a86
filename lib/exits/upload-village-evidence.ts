import "server-only";
import { checkEvidenceFile, type UploadedFile } from "@/lib/attachments/commands";
import { storeContent } from "@/lib/attachments/storage";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZVillageEvidence } from "./schema";
import { villageSheetInScope } from "./village-context";
import { assertVillageEditor } from "./village-guards";

/** 佐证材料 for a village condition (photo or PDF, checked by content like every attachment). */
export async function uploadVillageEvidence(actor: Actor, input: unknown, file: UploadedFile | null): Promise<{ id: string }> {
  requirePermission(actor, "villageExit.act");
  assertVillageEditor(actor);
  const data = parseInput(ZVillageEvidence, input);
  const sheet = await villageSheetInScope(db, actor, data.sheetId);
  if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列，不能再上传材料");
  const mimeType = checkEvidenceFile(file);
  const sha256 = await storeContent(file!.bytes);
  const originalName = file!.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 120) || "未命名";
  return db.$transaction(async (tx) => {
    const evidence = await tx.villageExitEvidence.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, condition: data.condition, sha256, mimeType, sizeBytes: file!.bytes.byteLength, originalName, uploadedBy: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "villageExit.uploadEvidence",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { evidenceId: evidence.id, condition: data.condition, originalName, mimeType, sizeBytes: file!.bytes.byteLength, sha256 },
    });
    return evidence;
  });
}
