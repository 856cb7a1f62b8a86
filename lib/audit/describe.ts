import { auditEventDefinition } from "@/lib/audit/events";
import type { AuditNames } from "@/lib/audit/fields";

/** A stored audit row, as far as rendering needs it. */
export type AuditRow = { action: string; entityId?: string | null; before: unknown; after: unknown };

export type AuditChange = { field: string; before: string; after: string };

/** An audit row in the reader's words: what was done, to which record, and each field old → new. */
export type DescribedAuditEvent = { action: string; subject: string | null; changes: AuditChange[] };

type Payload = Record<string, unknown>;

const asPayload = (value: unknown): Payload | null => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Payload) : null);

/**
 * Renders one row from its action's definition (lib/audit/events.ts): fields in the definition's
 * order, hidden fields (ids, hashes, file details) never shown, fields the definition does not
 * know never shown. A field present on both sides with the same shown value is not a change, so
 * a new record lists its values and an edit lists only what moved.
 */
export function describeAuditEvent(row: AuditRow, names: AuditNames): DescribedAuditEvent {
  const definition = auditEventDefinition(row.action);
  if (!definition) return { action: row.action, subject: null, changes: [] };
  const before = asPayload(row.before);
  const after = asPayload(row.after);
  const has = (side: Payload | null, key: string): side is Payload => side !== null && Object.hasOwn(side, key);
  const subjectFields = new Set<string>(definition.subject ?? []);

  const subjectShown = [...subjectFields]
    .map((key) => {
      const field = definition.fields[key];
      const side = has(after, key) ? after : has(before, key) ? before : null;
      return field && side ? field.show(side[key], names) : null;
    })
    .filter((value): value is string => value !== null);
  const subject = definition.subjectText ? definition.subjectText(subjectShown, row.entityId ?? null) : subjectShown.join(" ") || null;

  const changes: AuditChange[] = [];
  for (const [key, field] of Object.entries(definition.fields)) {
    if (field.kind === "hidden") continue;
    const inBefore = has(before, key);
    const inAfter = has(after, key);
    if (!inBefore && !inAfter) continue;
    const shownBefore = inBefore ? field.show(before[key], names) : "";
    const shownAfter = inAfter ? field.show(after[key], names) : "";
    if (inBefore && inAfter && shownBefore === shownAfter) continue;
    // A subject field that did not change only says whose record this is.
    if (subjectFields.has(key) && !(inBefore && inAfter)) continue;
    changes.push({ field: field.label, before: shownBefore, after: shownAfter });
  }
  return { action: definition.label, subject, changes };
}

/** The user ids and region codes the rows refer to, for the reader to look their names up. */
export function auditReferences(rows: readonly AuditRow[]): { userIds: string[]; regionCodes: string[] } {
  const userIds = new Set<string>();
  const regionCodes = new Set<string>();
  for (const row of rows) {
    const definition = auditEventDefinition(row.action);
    if (!definition) continue;
    for (const side of [asPayload(row.before), asPayload(row.after)]) {
      if (!side) continue;
      for (const [key, field] of Object.entries(definition.fields)) {
        if (!field.refersTo || !Object.hasOwn(side, key)) continue;
        const target = field.refersTo === "user" ? userIds : regionCodes;
        for (const value of [side[key]].flat()) if (typeof value === "string") target.add(value);
      }
    }
  }
  return { userIds: [...userIds], regionCodes: [...regionCodes] };
}

/** Names from loaded rows; anything not loaded is unknown (and the field shows a placeholder, never the id). */
export function auditNames(users: readonly { id: string; displayName: string }[], regions: readonly { code: string; name: string }[]): AuditNames {
  const userNames = new Map(users.map((row) => [row.id, row.displayName]));
  const regionNames = new Map(regions.map((row) => [row.code, row.name]));
  return { user: (id) => userNames.get(id), region: (code) => regionNames.get(code) };
}
