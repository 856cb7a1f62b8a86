import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db";
import type { AuditAction } from "@/lib/audit/actions";
import { redactForAudit } from "@/lib/audit/redact";

export type AuditEventInput = {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  countyCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

type Who = Pick<Actor, "userId" | "displayName" | "ip"> & { role: string };

/**
 * Writes one audit row. Call it with the transaction client of the change it describes,
 * so that the change and its record commit or roll back together.
 */
export async function recordAudit(client: Tx | Db, actor: Who | null, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? null,
      actorRole: actor?.role ?? null,
      ip: actor?.ip ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      countyCode: event.countyCode ?? null,
      before: event.before ? (redactForAudit(event.before) as object) : undefined,
      after: event.after ? (redactForAudit(event.after) as object) : undefined,
    },
  });
}
