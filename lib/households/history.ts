import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { auditHistory, type HistoryEntry } from "@/lib/audit/history";
import { db } from "@/lib/db";
import { householdInScope } from "@/lib/households/access";

export type { HistoryEntry };

/** The household's audit trail in Chinese: who changed what, when, old → new (rendered from lib/audit/events.ts). */
export async function findHouseholdHistory(actor: Actor, householdId: string, loaded?: { household: { id: string } }, limit = 200): Promise<HistoryEntry[]> {
  requirePermission(actor, "household.read");
  // The household page passes the archive it already loaded within scope.
  if (loaded?.household.id !== householdId) await householdInScope(db, actor, householdId);
  return auditHistory("Household", householdId, limit);
}
