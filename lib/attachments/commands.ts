import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { detectEvidenceType, formatBytes } from "@/lib/attachments/file-type";
import { readContent, storeContent } from "@/lib/attachments/storage";
import { householdInScope } from "@/lib/households/access";
import { parseInput } from "@/lib/validation";

export const EVIDENCE_CATEGORIES = ["户籍证明", "住房照片", "收入证明", "医疗证明", "残疾证", "就学证明", "签字表格", "走访照片", "措施佐证", "公示照片", "其他"] as const;

const ZUpload = z.object({
  householdId: z.uuid("户档不存在"),
  category: z.enum(EVIDENCE_CATEGORIES, { error: "请选择材料类别" }),
});

export type UploadedFile = { name: string; bytes: Uint8Array };

/** Checks size and content type before anything is stored; refused uploads leave no file and no row. */
export function checkEvidenceFile(file: UploadedFile | null, maxBytes = env().ATTACHMENT_MAX_BYTES) {
  if (!file || file.bytes.byteLength === 0) throw new AppError("VALIDATION", "请选择要上传的文件", { file: ["请选择要上传的文件"] });
  if (file.bytes.byteLength > maxBytes) {
    const message = `文件过大（${formatBytes(file.bytes.byteLength)}），单个文件不能超过 ${formatBytes(maxBytes)}`;
    throw new AppError("VALIDATION", message, { file: [message] });
  }
  const mimeType = detectEvidenceType(file.bytes);
  if (!mimeType) {
    const message = "文件内容不是 JPEG、PNG、WebP 图片或 PDF 文件（按文件内容判断，与扩展名无关）";
    throw new AppError("VALIDATION", message, { file: [message] });
  }
  return mimeType;
}

export async function uploadAttachment(
  actor: Actor,
  input: unknown,
  file: UploadedFile | null,
  owner: { type: "HOUSEHOLD" | "MEASURE" | "VISIT" | "EXIT_SHEET"; id: string | null } = { type: "HOUSEHOLD", id: null },
) {
  requirePermission(actor, "attachment.upload");
  const data = parseInput(ZUpload, input);
  const household = await householdInScope(db, actor, data.householdId);
  const mimeType = checkEvidenceFile(file);
  const sha256 = await storeContent(file!.bytes);
  const originalName = file!.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 120) || "未命名";
  return db.$transaction(async (tx) => {
    const attachment = await tx.attachment.create({
      data: {
        countyCode: household.countyCode,
        householdId: household.id,
        ownerType: owner.type,
        ownerId: owner.id,
        category: data.category,
        sha256,
        mimeType,
        sizeBytes: file!.bytes.byteLength,
        originalName,
        uploadedBy: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "attachment.upload",
      entityType: "Household",
      entityId: household.id,
      countyCode: household.countyCode,
      after: { attachmentId: attachment.id, category: data.category, originalName, mimeType, sizeBytes: file!.bytes.byteLength, sha256 },
    });
    return attachment;
  });
}

/** A download passes the same scope check as its household. */
export async function getAttachmentForDownload(actor: Actor, attachmentId: string) {
  requirePermission(actor, "household.read");
  if (!z.uuid().safeParse(attachmentId).success) throw notFound("文件");
  const attachment = await db.attachment.findFirst({
    where: { id: attachmentId, household: householdScopeWhere(actor) },
    select: { sha256: true, mimeType: true, originalName: true },
  });
  if (!attachment) throw notFound("文件");
  return { ...attachment, content: await readContent(attachment.sha256) };
}
