import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertSheetVersion, refusalError } from "@/lib/sign-off/refusal";
import { checkVillageCanAct, type CheckVillageCanActInput, type VillageChainActor } from "./rules";
import type { VillageContext, VillageSheetRow } from "./context";

/** The actor as the village chain sees them; the sheet was loaded within the actor's scope. */
export function villageChainActor(actor: Actor, sheet: Pick<VillageSheetRow, "townshipCode">): VillageChainActor {
  return { userId: actor.userId, role: actor.role, coversVillage: true, isResponsibleLeader: actor.leaderTownships.includes(sheet.townshipCode) };
}

/** The village chain decides whether this actor may act on this step now; the form must show the current version. */
export function authorizeVillageAction(
  actor: Actor,
  context: VillageContext,
  { version, ...request }: Pick<CheckVillageCanActInput, "step" | "action" | "reason"> & { version: number },
): void {
  const { sheet, content, state } = context;
  const check = checkVillageCanAct({
    ...request,
    state,
    currentContentHash: content.hash,
    actor: villageChainActor(actor, sheet),
    criteriaMet: content.allMet,
  });
  if (!check.ok) throw refusalError(check, { criteria: content.criteria });
  assertSheetVersion(sheet, version);
}
