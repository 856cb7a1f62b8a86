import { z } from "zod";

/**
 * Form helpers shared by the zod schemas: FormData gives strings, checkboxes give "on" or nothing.
 *
 * The text policy (docs/domain.md, "输入"): names and codes are trimmed and refuse control
 * and invisible characters (they end up on printed sheets, in searches and in exports, where
 * an invisible character makes two equal names differ); free text is kept exactly as typed.
 * NUL is refused in every field by parseInput (PostgreSQL cannot store it).
 */

// Control (Cc), format (Cf: bidi overrides, zero-width characters, BOM), line/paragraph
// separators and lone surrogates. The middle dot (·) and characters beyond the BMP are letters.
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

export const hasHiddenCharacter = (text: string) => HIDDEN_CHARACTER.test(text);

const hiddenCharacterMessage = (label: string) => `${label}含有控制字符或不可见字符（如零宽字符、方向控制符），请删除后重新输入`;

/** A required name or code: trimmed, no hidden characters. */
export const zName = (label: string, max: number, { min = 1 }: { min?: number } = {}) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字符` : `请填写${label}`)
    .max(max, `${label}不超过 ${max} 个字符`)
    .refine((text) => !hasHiddenCharacter(text), hiddenCharacterMessage(label));

/** An optional name or code: blank means absent. */
export const zOptionalName = (label: string, max: number) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), zName(label, max).optional());

/** Required free text, stored as typed (only its emptiness is judged without surrounding blanks). */
export const zText = (label: string, max: number, { min = 1 }: { min?: number } = {}) =>
  z
    .string({ error: `请填写${label}` })
    .refine((text) => text.trim().length >= min, min > 1 ? `请填写${label}（至少 ${min} 个字）` : `请填写${label}`)
    .refine((text) => text.length <= max, `${label}不超过 ${max} 个字`);

/** Optional free text, stored as typed; blank means absent. */
export const zOptionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().max(max, message).optional());

/** The version an edit was made on; a record's first version is 1. */
export const zVersion = z.coerce.number({ error: "缺少版本号，请刷新后重试" }).int("版本号有误，请刷新后重试").min(1, "版本号有误，请刷新后重试");

/** For records created on first save: 0 means "not saved yet". */
export const zVersionOrNew = z.coerce
  .number({ error: "版本号有误，请刷新后重试" })
  .int("版本号有误，请刷新后重试")
  .min(0, "版本号有误，请刷新后重试")
  .default(0);

export const zCheckbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

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

/** A file read from the form by lib/commands/form-action.ts (its type is checked by content later). */
export const zUploadedFile = z.custom<{ name: string; bytes: Uint8Array }>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    (value as { bytes?: unknown }).bytes instanceof Uint8Array,
  "请选择要上传的文件",
);

/**
 * A form's one-time key (a UUID made when the form is shown): a retried or doubled submit
 * of the same form creates one record. Optional for callers that are not forms.
 */
export const zIdempotencyKey = z.preprocess((value) => (value === "" ? undefined : value), z.uuid("表单已失效，请刷新页面后重试").optional());
