import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { diffFields } from "@/lib/audit/redact";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZUpdateVillageExitSheet } from "./schema";
import { villageSheetInScope } from "./village-context";
import { assertVillageEditor, assertVillageVersion, guardedVillageUpdate } from "./village-guards";

/**
 * The township corrects the village conditions. The content changes, so signatures made on
 * the old content are shown as 已失效 and the chain resumes from the first invalid step.
 */
export async function updateVillageConditions(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villageExit.act");
  assertVillageEditor(actor);
  const data = parseInput(ZUpdateVillageExitSheet, input);
  await db.$transaction(async (tx) => {
    const sheet = await villageSheetInScope(tx, actor, data.sheetId);
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列，不能再修改");
    assertVillageVersion(sheet, data.version);
    const { sheetId: _id, version: _version, collectiveIncome, ...flags } = data;
    const next = { collectiveIncomeFen: collectiveIncome, ...flags };
    const diff = diffFields(sheet as unknown as Record<string, unknown>, next);
    await guardedVillageUpdate(tx, sheet, next);
    await recordAudit(tx, actor, { action: "villageExit.update", entityType: "VillageExitSheet", entityId: sheet.id, countyCode: sheet.countyCode, before: diff.before, after: diff.after });
  });
}
