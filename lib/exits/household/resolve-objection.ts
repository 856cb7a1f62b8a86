import "server-only";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError, notFound, staleVersion } from "@/lib/errors";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZResolveObjection } from "../schema";
import { assertNoticeOpen, assertObjectionRole } from "./notice-guards";
import { loadSheetContext } from "./sheet-context";

/** Records how an objection raised during 村内公示 was resolved (核实、答复). */
export const resolveObjection = defineCommand({
  permission: "exit.act",
  input: ZResolveObjection,
  async run({ actor, input: data, tx }) {
    const objection = await tx.exitObjection.findFirst({
      where: { id: data.objectionId, sheet: exitSheetScopeWhere(actor) },
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
    await guardedSheetUpdate(tx.exitSheet, context.sheet, {});
    await recordAudit(tx, actor, {
      action: "exit.resolveObjection",
      entityType: "ExitSheet",
      entityId: context.sheet.id,
      countyCode: context.sheet.countyCode,
      before: { objectionId: objection.id, content: objection.content },
      after: { objectionId: objection.id, resolution: data.resolution },
    });
    return { sheetId: context.sheet.id };
  },
});
