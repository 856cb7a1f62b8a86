import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { ZSignVillageStep } from "./schema";
import { checkVillageCanAct } from "./village";
import { loadVillageContext } from "./village-context";
import { assertVillageVersion, guardedVillageUpdate, villageChainActor, villageRefusal } from "./village-guards";

/**
 * Signs a step of the village exit sheet: 乡镇提出 (township), 县扶贫办审定 (county office) or the
 * signature of the 包片县级领导 responsible for the village's township. The two county steps
 * follow the notice in either order; 已出列 is a separate act (mark-village-exited.ts).
 */
export async function signVillageStep(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villageExit.act");
  const data = parseInput(ZSignVillageStep, input);
  await db.$transaction(async (tx) => {
    const context = await loadVillageContext(tx, actor, data.sheetId);
    const { sheet, content, state } = context;
    const check = checkVillageCanAct({ state, currentContentHash: content.hash, step: data.step, action: "SIGN", actor: villageChainActor(actor, sheet), criteriaMet: content.allMet });
    if (!check.ok) throw villageRefusal(check, content.criteria);
    assertVillageVersion(sheet, data.version);
    const signedAt = new Date();
    await guardedVillageUpdate(tx, sheet, { status: "IN_PROGRESS" });
    await tx.villageExitSignature.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, step: data.step, userId: actor.userId, role: actor.role, opinion: data.opinion ?? null, contentHash: content.hash, signedAt },
    });
    await recordAudit(tx, actor, {
      action: "villageExit.sign",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { step: data.step, round: sheet.round, contentHash: content.hash, opinion: data.opinion ?? null },
    });
  });
}
