import "server-only";
import { storeEvidenceFile } from "@/lib/attachments/commands";
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
    const { mimeType, sha256, sizeBytes, originalName } = await storeEvidenceFile(data.file);
    return db.$transaction(async (tx) => {
      const evidence = await tx.villageExitEvidence.create({
        data: {
          countyCode: sheet.countyCode,
          sheetId: sheet.id,
          condition: data.condition,
          sha256,
          mimeType,
          sizeBytes,
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
        after: { evidenceId: evidence.id, condition: data.condition, originalName, mimeType, sizeBytes, sha256 },
      });
      return { id: evidence.id, sheetId: sheet.id };
    });
  },
});
