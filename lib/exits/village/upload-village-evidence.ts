import "server-only";
import { checkEvidenceFile } from "@/lib/attachments/commands";
import { storeContent } from "@/lib/attachments/storage";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError } from "@/lib/errors";
import { ZVillageEvidence } from "../schema";
import { villageSheetInScope } from "./context";

/**
 * 佐证材料 for a village condition (photo or PDF, checked by content like every attachment).
 * The file is stored before its row commits (content-addressed), hence its own transaction.
 */
export const uploadVillageEvidence = defineCommand({
  permission: "villageExit.edit",
  input: ZVillageEvidence,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const sheet = await villageSheetInScope(db, actor, data.sheetId);
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列，不能再上传材料");
    const mimeType = checkEvidenceFile(data.file);
    const file = data.file!;
    const sha256 = await storeContent(file.bytes);
    const originalName = file.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 120) || "未命名";
    return db.$transaction(async (tx) => {
      const evidence = await tx.villageExitEvidence.create({
        data: {
          countyCode: sheet.countyCode,
          sheetId: sheet.id,
          condition: data.condition,
          sha256,
          mimeType,
          sizeBytes: file.bytes.byteLength,
          originalName,
          uploadedBy: actor.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "villageExit.uploadEvidence",
        entityType: "VillageExitSheet",
        entityId: sheet.id,
        countyCode: sheet.countyCode,
        after: { evidenceId: evidence.id, condition: data.condition, originalName, mimeType, sizeBytes: file.bytes.byteLength, sha256 },
      });
      return { id: evidence.id, sheetId: sheet.id };
    });
  },
});
