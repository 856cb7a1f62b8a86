import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { assertSheetVersion } from "@/lib/sign-off/refusal";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZRecordObjection } from "../schema";
import { assertNoticeOpen, assertObjectionRole } from "./notice-guards";
import { loadSheetContext } from "./sheet-context";

/** An objection raised during 村内公示; the notice cannot close until it is resolved. */
export const recordObjection = defineCommand({
  permission: "exit.act",
  input: ZRecordObjection,
  async run({ actor, input: data, tx }) {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    assertObjectionRole(actor);
    const notice = assertNoticeOpen(context);
    assertSheetVersion(context.sheet, data.version);
    const { sheet, environment } = context;
    if (data.raisedOn > environment.today) throw new AppError("VALIDATION", "异议提出日期不能晚于今天", { raisedOn: ["异议提出日期不能晚于今天"] });
    if (data.raisedOn < notice.postedOn) {
      const message = `异议提出日期不能早于公示张贴日期（${notice.postedOn}）`;
      throw new AppError("VALIDATION", message, { raisedOn: [message] });
    }
    await guardedSheetUpdate(tx.exitSheet, sheet, {});
    const objection = await tx.exitObjection.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, raisedOn: fromDateString(data.raisedOn), content: data.content },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "exit.recordObjection",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { objectionId: objection.id, round: sheet.round, raisedOn: data.raisedOn, content: data.content },
    });
    return { id: objection.id, sheetId: sheet.id };
  },
});
