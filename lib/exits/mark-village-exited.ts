import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZMarkVillageExited } from "./schema";
import { canMarkVillageExited } from "./village";
import { loadVillageContext } from "./village-context";
import { assertVillageVersion, guardedVillageUpdate } from "./village-guards";

/** 公告出列 is announced by the county office. */
export const VILLAGE_EXIT_ANNOUNCERS: readonly Role[] = ["COUNTY_OFFICE"];

/**
 * 已出列: only when every criterion holds on the current data and every step is valid — in
 * particular the signature of the 包片县级领导 of the township (canMarkVillageExited).
 */
export async function markVillageExited(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villageExit.act");
  const data = parseInput(ZMarkVillageExited, input);
  await db.$transaction(async (tx) => {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    if (!VILLAGE_EXIT_ANNOUNCERS.includes(actor.role)) throw forbidden("贫困村出列由县扶贫办公告");
    const { sheet, content, state } = context;
    if (sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "该村已出列");
    const check = canMarkVillageExited({ state, currentContentHash: content.hash, criteriaMet: content.allMet });
    if (!check.ok) throw new AppError("RULE_VIOLATION", check.message);
    assertVillageVersion(sheet, data.version);
    const exitedAt = new Date();
    await guardedVillageUpdate(tx, sheet, { status: "APPROVED", exitedAt });
    await recordAudit(tx, actor, {
      action: "villageExit.markExited",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status },
      after: { status: "APPROVED", exitedAt: exitedAt.toISOString(), contentHash: content.hash, villageCode: sheet.villageCode, assessmentYear: sheet.assessmentYear },
    });
  });
}
