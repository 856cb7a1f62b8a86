import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

// zod's own messages (for the rare check that has no message of ours) in Chinese.
z.config(z.locales.zhCN());

const NUL_MESSAGE = "不能包含空字符（NUL），请删除后重新输入";

/** Paths of every string in the input that contains NUL, which PostgreSQL cannot store. */
function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path.join(".") || "_");
  } else if (Array.isArray(value)) {
    value.forEach((item) => nulPaths(item, path, found));
  } else if (value && typeof value === "object" && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
  }
  return found;
}

/** Parses command input with a zod schema; failures become one VALIDATION error with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const withNul = nulPaths(input);
  if (withNul.length > 0) {
    throw new AppError("VALIDATION", `输入有误：${NUL_MESSAGE}`, Object.fromEntries(withNul.map((path) => [path, [NUL_MESSAGE]])));
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = Object.create(null);
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "输入有误";
  throw new AppError("VALIDATION", `输入有误：${first}`, { ...fieldErrors });
}

type FormObject = Record<string, unknown>;

// Names that would reach Object.prototype (or a constructor) when used as a property key.
const FORBIDDEN_KEY_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

function refuseForbiddenKey(key: string): void {
  if (key.split(".").some((segment) => FORBIDDEN_KEY_SEGMENTS.has(segment))) {
    throw new AppError("VALIDATION", "表单包含无效的字段名，已拒绝提交");
  }
}

/**
 * FormData → object with no prototype; repeated keys become arrays, empty strings stay
 * empty strings. Field names are client-controlled: any name that could reach a prototype
 * is refused, and the result is built on `Object.create(null)` so no name can.
 */
export function formDataToObject(formData: FormData, { omit = [] }: { omit?: readonly string[] } = {}): FormObject {
  const out: FormObject = Object.create(null);
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    refuseForbiddenKey(key);
    if (omit.includes(key)) continue;
    const values = formData.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** Nested form fields arrive as "household.address", "head.name"…: one level of groups. */
export function nestFormFields(flat: FormObject): FormObject {
  const out: FormObject = Object.create(null);
  for (const [key, value] of Object.entries(flat)) {
    refuseForbiddenKey(key);
    const [group, field] = key.split(".", 2);
    if (!field) {
      out[key] = value;
      continue;
    }
    const existing = out[group];
    const nested: FormObject = existing && typeof existing === "object" ? (existing as FormObject) : Object.create(null);
    nested[field] = value;
    out[group] = nested;
  }
  return out;
}
