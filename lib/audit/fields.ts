import { z } from "zod";
import { formatDateTime } from "@/lib/dates";
import { formatFen } from "@/lib/income/money";

/**
 * The kinds of value an audit payload holds, each with its zod shape and how a reader sees it.
 * The zod shape accepts what a command passes (a Date, a Prisma Decimal) and what the audit
 * table gives back (the same values as JSON), so one definition serves writing and reading.
 */

/** Names of the users and regions an audit row refers to by id or code, loaded by the reader. */
export type AuditNames = {
  user(id: string): string | undefined;
  region(code: string): string | undefined;
};

/** "hidden": an identifier or file detail the reader never sees (uuids, hashes, MIME type, byte count). */
export type AuditFieldKind =
  "text" | "code" | "codes" | "list" | "flag" | "fen" | "integer" | "decimal" | "date" | "moment" | "user" | "region" | "regions" | "hidden";

export type AuditField<S extends z.ZodType = z.ZodType> = {
  kind: AuditFieldKind;
  label: string;
  schema: S;
  /** For codes: the vocabulary's Chinese labels. */
  labels?: Record<string, string>;
  /** Ids or codes the reader must look up to show this value. */
  refersTo?: "user" | "region";
  show(value: unknown, names: AuditNames): string;
};

export const EMPTY = "（空）";
const NONE = "（无）";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

function shown<S extends z.ZodType>(
  kind: AuditFieldKind,
  label: string,
  schema: S,
  show: (value: NonNullable<unknown>, names: AuditNames) => string,
  extra: Pick<AuditField, "refersTo" | "labels"> = {},
): AuditField<S> {
  return { kind, label, schema, ...extra, show: (value, names) => (value === null || value === undefined || value === "" ? EMPTY : show(value, names)) };
}

/** Free text as entered (names, reasons, opinions, masked ID numbers). */
export const text = (label: string) => shown("text", label, nullable(z.string()), String);

/** A code of a closed vocabulary, shown by its Chinese label. */
export const code = (label: string, labels: Record<string, string>) =>
  shown("code", label, nullable(z.string()), (value) => labels[String(value)] ?? String(value), { labels });

/** Several codes of one vocabulary, joined with 、. */
export const codes = (label: string, labels: Record<string, string>) =>
  shown(
    "codes",
    label,
    nullable(z.array(z.string())),
    (value) => (Array.isArray(value) && value.length ? value.map((item) => labels[String(item)] ?? String(item)).join("、") : NONE),
    { labels },
  );

/** Free-text items (e.g. "CAUSE:CATEGORY" pairs) with a function that names each one. */
export const list = (label: string, name: (item: string) => string = (item) => item) =>
  shown("list", label, nullable(z.array(z.string())), (value) =>
    Array.isArray(value) && value.length ? value.map((item) => name(String(item))).join("、") : NONE,
  );

export const flag = (label: string) => shown("flag", label, nullable(z.boolean()), (value) => (value ? "是" : "否"));

/** Money in integer fen, shown in yuan. */
export const fen = (label: string) =>
  shown("fen", label, nullable(z.number().int()), (value) => (typeof value === "number" ? `${formatFen(value)} 元` : String(value)));

/** A whole number: a year, a count, a round. */
export const integer = (label: string) => shown("integer", label, nullable(z.number().int()), String);

/** A decimal (area, distance): a number, a string as typed, or a Prisma Decimal (stored as its string). */
export const decimal = (label: string) =>
  shown("decimal", label, nullable(z.union([z.number(), z.string(), z.custom<{ toFixed(digits?: number): string }>(isDecimal)])), String);

/** A calendar date: "YYYY-MM-DD", a Date at UTC midnight, or its ISO string once stored. */
export const date = (label: string) =>
  shown("date", label, nullable(z.union([z.string(), z.date()])), (value) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10));

/** A moment, shown in the county's time. */
export const moment = (label: string) =>
  shown("moment", label, nullable(z.union([z.string(), z.date()])), (value) => {
    const when = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(when.getTime()) ? String(value) : formatDateTime(when);
  });

/** A user id, shown as the user's name (never the id). */
export const user = (label: string) =>
  shown("user", label, nullable(z.string()), (value, names) => names.user(String(value)) ?? "（未知用户）", { refersTo: "user" });

/** A 12-digit region code, shown as the region's name. */
export const region = (label: string) =>
  shown("region", label, nullable(z.string()), (value, names) => names.region(String(value)) ?? String(value), { refersTo: "region" });

/** Several region codes, shown as names. */
export const regions = (label: string) =>
  shown(
    "regions",
    label,
    nullable(z.array(z.string())),
    (value, names) => (Array.isArray(value) && value.length ? value.map((item) => names.region(String(item)) ?? String(item)).join("、") : NONE),
    {
      refersTo: "region",
    },
  );

/** Recorded for the trail, never shown: ids, hashes, MIME types, byte counts. */
export function hidden<S extends z.ZodType>(schema: S): AuditField<z.ZodNullable<S>> {
  return { kind: "hidden", label: "", schema: schema.nullable(), show: () => "" };
}

export const hiddenId = () => hidden(z.string());
export const hiddenIds = () => hidden(z.array(z.string()));
export const hiddenNumber = () => hidden(z.number());

function isDecimal(value: unknown): value is { toFixed(digits?: number): string } {
  return value !== null && typeof value === "object" && "toFixed" in value && typeof (value as { toFixed: unknown }).toFixed === "function";
}
