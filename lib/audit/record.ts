import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db";
import { ZAuditEvent, type AuditEvent } from "@/lib/audit/events";
import { env } from "@/lib/env";
import { redactForAudit } from "@/lib/audit/redact";

export type { AuditEvent } from "@/lib/audit/events";

type Who = Pick<Actor, "userId" | "displayName" | "ip"> & { role: string };

/**
 * Writes one audit row. Call it with the transaction client of the change it describes,
 * so that the change and its record commit or roll back together. The event is checked
 * against its action's definition: a field the action does not define, or a value of the
 * wrong kind, does not compile.
 */
export async function recordAudit(client: Tx | Db, actor: Who | null, event: AuditEvent): Promise<void> {
  // Outside production every event is also checked at run time, so the test suites prove each
  // command writes exactly what its action defines (values a cast let through, a stray key).
  if (env().NODE_ENV !== "production") {
    const checked = ZAuditEvent.safeParse(event);
    if (!checked.success) throw new Error(`审计事件 ${event.action} 与其定义（lib/audit/events.ts）不符：${checked.error.message}`);
  }
  const before = event.before as Record<string, unknown> | null | undefined;
  const after = event.after as Record<string, unknown> | null | undefined;
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
      before: before ? (redactForAudit(before) as object) : undefined,
      after: after ? (redactForAudit(after) as object) : undefined,
    },
  });
}
