import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/actions";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";
import { householdInScope } from "@/lib/households/access";
import { FIELD_LABELS, SUBJECT_FIELDS, formatFieldValue } from "@/lib/households/field-labels";

export type HistoryEntry = {
  id: string;
  occurredAt: Date;
  actorName: string;
  actorRole: string;
  action: string;
  subject: string | null;
  changes: { field: string; before: string; after: string }[];
};

/** The household's audit trail in Chinese: who changed what, when, old → new. */
export async function findHouseholdHistory(actor: Actor, householdId: string, limit = 200): Promise<HistoryEntry[]> {
  requirePermission(actor, "household.read");
  await householdInScope(db, actor, householdId);
  const rows = await db.auditEvent.findMany({
    where: { entityType: "Household", entityId: householdId },
    orderBy: { id: "desc" },
    take: limit,
  });
  const helperIds = new Set<string>();
  for (const row of rows) {
    for (const side of [row.before, row.after] as (Record<string, unknown> | null)[]) {
      if (typeof side?.helperId === "string") helperIds.add(side.helperId);
    }
  }
  const helpers = await db.user.findMany({ where: { id: { in: [...helperIds] } }, select: { id: true, displayName: true } });
  const helperNames = new Map(helpers.map((helper) => [helper.id, helper.displayName]));
  const show = (field: string, value: unknown) =>
    field === "helperId" && typeof value === "string" ? (helperNames.get(value) ?? value) : formatFieldValue(field, value);
  return rows.map((row) => {
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    // An unchanged name only says whose record it is; it is the subject, not a change.
    const isSubjectName = (field: string) => field === "name" && before.name === after.name;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !SUBJECT_FIELDS.has(field) && !isSubjectName(field));
    const subjectName = (after.name ?? before.name ?? after.originalName) as string | undefined;
    return {
      id: row.id.toString(),
      occurredAt: row.occurredAt,
      actorName: row.actorName ?? "系统",
      actorRole: row.actorRole ? ROLE.label(row.actorRole as Role) : "",
      action: AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action,
      subject: subjectName ?? null,
      changes: fields.map((field) => ({
        field: FIELD_LABELS[field] ?? field,
        before: field in before ? show(field, before[field]) : "",
        after: field in after ? show(field, after[field]) : "",
      })),
    };
  });
}
