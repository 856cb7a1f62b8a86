import { z } from "zod";

/** Form helpers shared by the zod schemas: FormData gives strings, checkboxes give "on" or nothing. */
export const zCheckbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const zOptionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().max(max, message).optional());

/** A non-negative decimal with at most two places, kept as a string for Prisma Decimal. */
export const zDecimal2 = (label: string, max: number) =>
  z.preprocess(
    (value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? "0" : String(value).trim()),
    z
      .string()
      .regex(/^\d+(\.\d{1,2})?$/, `${label}应为不小于 0 的数字，最多两位小数`)
      .refine((text) => Number(text) <= max, `${label}不能超过 ${max}`),
  );

export const zStringList = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value.filter((item) => item !== "") : [value]),
  z.array(z.string()),
);

export const zEnum = <const T extends readonly [string, ...string[]]>(codes: T, message: string) => z.enum(codes, { error: message });
