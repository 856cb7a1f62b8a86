import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, notFound, staleVersion } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { guardedSheetUpdate } from "./guards";
import { assertNoticeOpen, assertObjectionRole } from "./record-objection";
import { ZResolveObjection } from "./schema";
import { loadSheetContext, sheetScopeWhere } from "./sheet-context";

/** Records how an objection raised during 村内公示 was resolved (核实、答复). */
export async function resolveObjection(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "exit.act");
  const data = parseInput(ZResolveObjection, input);
  await db.$transaction(async (tx) => {
    const objection = await tx.exitObjection.findFirst({
      where: { id: data.objectionId, sheet: sheetScopeWhere(actor) },
      select: { id: true, sheetId: true, round: true, version: true, resolution: true, content: true },
    });
    if (!objection) throw notFound("异议记录");
    const context = await loadSheetContext(tx, actor, objection.sheetId);
    assertObjectionRole(actor);
    assertNoticeOpen(context);
    if (objection.round !== context.sheet.round) throw new AppError("RULE_VIOLATION", "该异议属于已退回的上一轮核验，不能再处理");
    if (objection.resolution !== null) throw new AppError("RULE_VIOLATION", "该异议已处理");
    if (objection.version !== data.version) throw staleVersion();

    const resolvedAt = new Date();
    const updated = await tx.exitObjection.updateMany({
      where: { id: objection.id, version: data.version, resolution: null },
      data: { resolution: data.resolution, resolvedBy: actor.userId, resolvedAt, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw staleVersion();
    await guardedSheetUpdate(tx, context.sheet, {});
    await recordAudit(tx, actor, {
      action: "exit.resolveObjection",
      entityType: "ExitSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      before: { objectionId: objection.id, content: objection.content },
      after: { objectionId: objection.id, resolution: data.resolution },
    });
  });
}
