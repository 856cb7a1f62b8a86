import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/** Parses command input with a zod schema; failures become one VALIDATION error with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0]?.message ?? "输入有误";
  throw new AppError("VALIDATION", `输入有误：${first}`, fieldErrors);
}

/** FormData → plain object; repeated keys become arrays, empty strings stay empty strings. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}
