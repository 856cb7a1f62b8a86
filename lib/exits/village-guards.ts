import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sheetStale } from "./guards";
import type { VillageChainCheck } from "./village";
import type { VillageSheetRow } from "./village-context";

/** The township proposes, fills in the conditions and uploads the evidence (乡镇提出). */
export const VILLAGE_SHEET_EDITORS: readonly Role[] = ["TOWNSHIP_CADRE"];

export function assertVillageEditor(actor: Actor): void {
  if (!VILLAGE_SHEET_EDITORS.includes(actor.role)) throw forbidden("贫困村退出核验表由乡镇干部填报");
}

export function villageChainActor(actor: Actor, sheet: Pick<VillageSheetRow, "townshipCode">) {
  return { userId: actor.userId, role: actor.role, coversVillage: true, isResponsibleLeader: actor.leaderTownships.includes(sheet.townshipCode) };
}

export function villageRefusal(check: Exclude<VillageChainCheck, { ok: true }>, criteria?: { met: boolean; label: string; reason: string }[]): AppError {
  switch (check.code) {
    case "WRONG_ROLE":
    case "OUT_OF_SCOPE":
      return new AppError("FORBIDDEN", check.message);
    case "REASON_REQUIRED":
      return new AppError("VALIDATION", check.message, { reason: [check.message] });
    case "CRITERIA_NOT_MET": {
      const failed = (criteria ?? []).filter((criterion) => !criterion.met).map((criterion) => `${criterion.label}未达标：${criterion.reason}`);
      return new AppError("RULE_VIOLATION", failed.length ? `${check.message}。${failed.join("；")}` : check.message);
    }
    default:
      return new AppError("RULE_VIOLATION", check.message);
  }
}

export function assertVillageVersion(sheet: { version: number }, version: number): void {
  if (sheet.version !== version) throw sheetStale();
}

/** The atomic guard of the village sheet, as for the household sheet. */
export async function guardedVillageUpdate(tx: Tx, sheet: { id: string; version: number }, data: Prisma.VillageExitSheetUncheckedUpdateManyInput): Promise<void> {
  const result = await tx.villageExitSheet.updateMany({ where: { id: sheet.id, version: sheet.version }, data: { ...data, version: { increment: 1 }, updatedAt: new Date() } });
  if (result.count !== 1) throw sheetStale();
}
