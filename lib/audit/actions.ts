import { AUDIT_ACTIONS, AUDIT_EVENTS, type AuditAction } from "@/lib/audit/events";

export type { AuditAction } from "@/lib/audit/events";

/** Every audited action with the Chinese wording shown in histories (from lib/audit/events.ts). */
export const AUDIT_ACTION_LABELS = Object.fromEntries(AUDIT_ACTIONS.map((action) => [action, AUDIT_EVENTS[action].label])) as Record<AuditAction, string>;
