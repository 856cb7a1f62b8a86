import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { describeAuditEvent, type AuditChange } from "@/lib/audit/describe";
import { loadAuditNames } from "@/lib/audit/names";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";
import { householdInScope } from "@/lib/households/access";

export type HistoryEntry = {
  id: string;
  occurredAt: Date;
  actorName: string;
  actorRole: string;
  action: string;
  subject: string | null;
  changes: AuditChange[];
};

/** The household's audit trail in Chinese: who changed what, when, old → new (rendered from lib/audit/events.ts). */
export async function findHouseholdHistory(actor: Actor, householdId: string, loaded?: { household: { id: string } }, limit = 200): Promise<HistoryEntry[]> {
  requirePermission(actor, "household.read");
  // The household page passes the archive it already loaded within scope.
  if (loaded?.household.id !== householdId) await householdInScope(db, actor, householdId);
  const rows = await db.auditEvent.findMany({
    where: { entityType: "Household", entityId: householdId },
    orderBy: { id: "desc" },
    take: limit,
  });
  const names = await loadAuditNames(rows);
  return rows.map((row) => ({
    id: row.id.toString(),
    occurredAt: row.occurredAt,
    actorName: row.actorName ?? "系统",
    actorRole: row.actorRole ? ROLE.label(row.actorRole as Role) : "",
    ...describeAuditEvent(row, names),
  }));
}
