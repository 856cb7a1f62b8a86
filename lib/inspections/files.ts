import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { findingScopeWhere, inspectionScopeWhere } from "@/lib/auth/scope";
import type { UploadedFile } from "@/lib/attachments/commands";
import { checkEvidenceFile, storeEvidenceFile } from "@/lib/attachments/commands";
import { readContent } from "@/lib/attachments/storage";
import { db, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

/** Files of field checks (photos) and rectification reports (evidence); these need not belong to an archive household. */
export type InspectionFileOwner = { type: "FIELD_CHECK" | "FINDING_REPORT"; id: string; countyCode: string };

export const MAX_FILES_PER_RECORD = 9;

/** Checks every file before any is stored (one bad file refuses the lot), then stores them with the record. */
export async function storeInspectionFiles(tx: Tx, actor: Actor, owner: InspectionFileOwner, files: readonly UploadedFile[]): Promise<number> {
  if (files.length > MAX_FILES_PER_RECORD) {
    const message = `一次最多上传 ${MAX_FILES_PER_RECORD} 个文件`;
    throw new AppError("VALIDATION", message, { files: [message] });
  }
  for (const file of files) {
    try {
      checkEvidenceFile(file);
    } catch (error) {
      if (error instanceof AppError) throw new AppError("VALIDATION", `${file.name}：${error.message}`, { files: [`${file.name}：${error.message}`] });
      throw error;
    }
  }
  for (const file of files) {
    const stored = await storeEvidenceFile(file);
    await tx.inspectionFile.create({
      data: { countyCode: owner.countyCode, ownerType: owner.type, ownerId: owner.id, uploadedBy: actor.userId, ...stored },
    });
  }
  return files.length;
}

export type InspectionFileRow = { id: string; ownerId: string; originalName: string; mimeType: string; sizeBytes: number; uploadedAt: Date };

/** The files of the given owners, oldest first, grouped by owner id. */
export async function inspectionFilesOf(ownerType: InspectionFileOwner["type"], ownerIds: string[]): Promise<Map<string, InspectionFileRow[]>> {
  const grouped = new Map<string, InspectionFileRow[]>();
  if (ownerIds.length === 0) return grouped;
  const rows = await db.inspectionFile.findMany({
    where: { ownerType, ownerId: { in: ownerIds } },
    orderBy: { uploadedAt: "asc" },
    select: { id: true, ownerId: true, originalName: true, mimeType: true, sizeBytes: true, uploadedAt: true },
  });
  for (const row of rows) grouped.set(row.ownerId, [...(grouped.get(row.ownerId) ?? []), row]);
  return grouped;
}

/**
 * A download passes the scope of what the file belongs to: a field check's photo is the
 * inspection workspace's (county-wide readers); a report's evidence is its finding's.
 */
export async function getInspectionFileForDownload(actor: Actor, fileId: string) {
  if (!z.uuid().safeParse(fileId).success) throw notFound("文件");
  const file = await db.inspectionFile.findFirst({
    where: { id: fileId, countyCode: actor.countyCode },
    select: { ownerType: true, ownerId: true, sha256: true, mimeType: true, originalName: true },
  });
  if (!file) throw notFound("文件");
  const visible =
    file.ownerType === "FIELD_CHECK"
      ? can(actor, "inspection.read") && (await db.fieldCheck.count({ where: { id: file.ownerId, ...inspectionScopeWhere(actor) } })) > 0
      : can(actor, "finding.read") && (await db.findingReport.count({ where: { id: file.ownerId, finding: findingScopeWhere(actor) } })) > 0;
  if (!visible) throw notFound("文件");
  return { sha256: file.sha256, mimeType: file.mimeType, originalName: file.originalName, content: await readContent(file.sha256) };
}
