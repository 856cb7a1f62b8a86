import { maskIdNumber } from "@/lib/members/id-number";

const SECRET_KEYS = new Set(["password", "passwordHash", "newPassword"]);
/** Any field holding a 身份证号码 (idNumber, headIdNumber…) is stored masked. */
const isIdNumberKey = (key: string) => /idNumber$/i.test(key);

/** Audit rows keep what changed, never secrets, and ID numbers only masked. */
export function redactForAudit(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    if (isIdNumberKey(key) && typeof field === "string") out[key] = maskIdNumber(field);
    else if (field instanceof Date) out[key] = field.toISOString();
    else if (typeof field === "bigint") out[key] = field.toString();
    else out[key] = field;
  }
  return out;
}

/**
 * The fields whose values differ, as before/after halves (for update events). Both halves are
 * typed by the new values' fields, so an audit payload built from them is checked against the
 * action's definition; the old values come from the stored row (a Date, a Decimal) and are
 * accepted by the same field kinds.
 */
export function diffFields<T extends Record<string, unknown>>(before: Record<string, unknown>, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(normalise(before[key])) !== JSON.stringify(normalise(after[key]))) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b as Partial<T>, after: a as Partial<T> };
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && "toFixed" in value) return String(value);
  return value ?? null;
}
