import "server-only";
import { z } from "zod";
import { readContent } from "@/lib/attachments/storage";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { villageSheetScopeWhere } from "@/lib/auth/scope";

/** A village evidence file, for download: the same scope check as its sheet. */
export async function getVillageEvidenceForDownload(actor: Actor, evidenceId: string) {
  requirePermission(actor, "villageExit.read");
  if (!z.uuid().safeParse(evidenceId).success) throw notFound("文件");
  const evidence = await db.villageExitEvidence.findFirst({
    where: { id: evidenceId, sheet: villageSheetScopeWhere(actor) },
    select: { sha256: true, mimeType: true, originalName: true },
  });
  if (!evidence) throw notFound("文件");
  return { ...evidence, content: await readContent(evidence.sha256) };
}
