import "server-only";
import { describeAuditEvent, type AuditChange } from "@/lib/audit/describe";
import { loadAuditNames } from "@/lib/audit/names";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";

export type HistoryEntry = {
  id: string;
  occurredAt: Date;
  actorName: string;
  actorRole: string;
  action: string;
  subject: string | null;
  changes: AuditChange[];
};

/** An entity's audit trail in Chinese, newest first (rendered from lib/audit/events.ts). The caller establishes scope first. */
export async function auditHistory(entityType: string, entityId: string, limit: number): Promise<HistoryEntry[]> {
  const rows = await db.auditEvent.findMany({ where: { entityType, entityId }, orderBy: { id: "desc" }, take: limit });
  const names = await loadAuditNames(rows);
  return rows.map((row) => ({
    id: row.id.toString(),
    occurredAt: row.occurredAt,
    actorName: row.actorName ?? "系统",
    actorRole: row.actorRole ? ROLE.label(row.actorRole as Role) : "",
    ...describeAuditEvent(row, names),
  }));
}
