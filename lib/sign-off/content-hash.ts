/**
 * What a signature is bound to: the canonical JSON of a sheet's content and its sha256. Pure.
 * The same content gives the same hash in any key order, so a signature stays valid exactly as
 * long as what was signed is unchanged.
 */
import { createHash } from "node:crypto";

function serialize(input: unknown): string | undefined {
  let value = input;
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("canonicalJson: bigint is not supported; convert it to a string first");
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? "null").join(",")}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const text = serialize(record[key]);
      return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
    });
  return `{${members.join(",")}}`;
}

/**
 * JSON with object keys sorted (recursively), arrays in order, and JSON.stringify's rules
 * otherwise: undefined/functions dropped from objects and written as null in arrays,
 * non-finite numbers as null, toJSON honoured (Dates become ISO strings).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? "null";
}

/** sha256 hex of the canonical JSON: the same content gives the same hash in any key order. */
export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

/** "3F9A0C21B7E4" style short form of a hash, for screens and paper. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12).toUpperCase();
}
