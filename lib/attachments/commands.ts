import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { db, type Db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { detectEvidenceType, formatBytes } from "@/lib/attachments/file-type";
import { readContent, storeContent } from "@/lib/attachments/storage";
import { zUploadedFile } from "@/lib/forms";
import { householdInScope } from "@/lib/households/access";

export const EVIDENCE_CATEGORIES = [
  "户籍证明",
  "住房照片",
  "收入证明",
  "医疗证明",
  "残疾证",
  "就学证明",
  "签字表格",
  "走访照片",
  "措施佐证",
  "公示照片",
  "其他",
] as const;

const ZUpload = z.object({
  householdId: z.uuid("户档不存在"),
  category: z.enum(EVIDENCE_CATEGORIES, { error: "请选择材料类别" }),
  // Size and type are judged by checkEvidenceFile once the household is in scope.
  file: zUploadedFile.nullish(),
});

export type UploadedFile = { name: string; bytes: Uint8Array };

/** What an attachment belongs to besides its household: a measure, a visit, an exit sheet — or nothing (the household's own evidence). */
export type AttachmentOwner = { type: "HOUSEHOLD" | "MEASURE" | "VISIT" | "EXIT_SHEET" | "QUALITY_MARK"; id: string | null };

/** Checks size and content type before anything is stored; refused uploads leave no file and no row. */
export function checkEvidenceFile(file: UploadedFile | null | undefined, maxBytes = env().ATTACHMENT_MAX_BYTES) {
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

/**
 * Checks an evidence file by its content and stores it by its hash (before its row commits:
 * content-addressed, so a retry stores nothing twice); returns what its row records.
 */
export async function storeEvidenceFile(file: UploadedFile | null | undefined) {
  const mimeType = checkEvidenceFile(file ?? null);
  const stored = file!;
  return {
    mimeType,
    sha256: await storeContent(stored.bytes),
    sizeBytes: stored.bytes.byteLength,
    originalName: stored.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 120) || "未命名",
  };
}

const isDb = (client: Db | Tx): client is Db => "$transaction" in client;

/**
 * For features that attach files to their own records (visit photos, exit-sheet evidence): the
 * household's scope first, then the file's checks, then the content stored by its hash, then the
 * row and its audit — in the given transaction, or in one of its own when given the client.
 * `category` is one of EVIDENCE_CATEGORIES, chosen by the calling feature, not by the form.
 */
export async function storeAttachment(
  client: Db | Tx,
  actor: Actor,
  input: { householdId: string; category: string; file?: UploadedFile | null; owner: AttachmentOwner },
): Promise<{ id: string; householdId: string }> {
  requirePermission(actor, "attachment.upload");
  const household = await householdInScope(client, actor, input.householdId);
  const { mimeType, sha256, sizeBytes, originalName } = await storeEvidenceFile(input.file);
  const write = async (tx: Tx) => {
    const attachment = await tx.attachment.create({
      data: {
        countyCode: household.countyCode,
        householdId: household.id,
        ownerType: input.owner.type,
        ownerId: input.owner.id,
        category: input.category,
        sha256,
        mimeType,
        sizeBytes,
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
      after: { attachmentId: attachment.id, category: input.category, originalName, mimeType, sizeBytes, sha256 },
    });
    return { id: attachment.id, householdId: household.id };
  };
  return isDb(client) ? client.$transaction(write) : write(client);
}

/** 佐证材料 of the household itself, uploaded from its page. The file is stored before its row commits (content-addressed, so a retry stores nothing twice). */
export const uploadAttachment = defineCommand({
  permission: "attachment.upload",
  input: ZUpload,
  transaction: "inside-body",
  run: ({ actor, input, db }) => storeAttachment(db, actor, { ...input, owner: { type: "HOUSEHOLD", id: null } }),
});

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
