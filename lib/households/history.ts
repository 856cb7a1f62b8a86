import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { auditNames, auditReferences, describeAuditEvent, type AuditChange } from "@/lib/audit/describe";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";
import { householdInScope } from "@/lib/households/access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const references = auditReferences(rows);
  // Only well-formed ids reach the uuid column; anything else simply has no name.
  const userIds = references.userIds.filter((id) => UUID.test(id));
  const [users, regions] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [],
    references.regionCodes.length ? db.region.findMany({ where: { code: { in: references.regionCodes } }, select: { code: true, name: true } }) : [],
  ]);
  const names = auditNames(users, regions);
  return rows.map((row) => ({
    id: row.id.toString(),
    occurredAt: row.occurredAt,
    actorName: row.actorName ?? "系统",
    actorRole: row.actorRole ? ROLE.label(row.actorRole as Role) : "",
    ...describeAuditEvent(row, names),
  }));
}
