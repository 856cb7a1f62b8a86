import { z } from "zod";
import { zVersion, zVersionOrNew } from "@/lib/forms";

/** The years a 年度减贫任务 can be set for (the table's CHECK says the same). */
export const TARGET_YEARS = { min: 2010, max: 2100 } as const;
export const MAX_TARGET_HOUSEHOLDS = 100_000;
export const MAX_TARGET_PEOPLE = 1_000_000;

/**
 * A whole number typed into a form. Unlike `z.coerce.number()`, a blank field is "missing" (not 0), and
 * "1e3", "0x10" or "12.0" are refused: a target is typed as digits.
 */
const zCount = (label: string, unit: string, max: number) =>
  z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      const text = value.trim();
      if (text === "") return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为整数（${unit}）`) })
      .int(`${label}应为整数（${unit}）`)
      .min(0, `${label}不能为负数`)
      .max(max, `${label}不能超过 ${max.toLocaleString("zh-CN")} ${unit}`),
  );

const zYear = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN) : value),
  z
    .number({ error: (issue) => (issue.input === undefined ? "请选择年度" : "年度应为四位数字") })
    .int("年度应为四位数字")
    .min(TARGET_YEARS.min, `年度不早于 ${TARGET_YEARS.min} 年`)
    .max(TARGET_YEARS.max, `年度不晚于 ${TARGET_YEARS.max} 年`),
);

const zTargetRegion = z.string({ error: "请选择乡镇或村" }).regex(/^\d{12}$/, "请选择乡镇或村");

export const ZSaveReductionTarget = z
  .object({
    regionCode: zTargetRegion,
    year: zYear,
    households: zCount("脱贫户数", "户", MAX_TARGET_HOUSEHOLDS),
    people: zCount("脱贫人数", "人", MAX_TARGET_PEOPLE),
    /** 0: the region has no target for the year yet. */
    version: zVersionOrNew,
  })
  .refine((target) => target.people >= target.households, { path: ["people"], message: "脱贫人数不能少于脱贫户数（每户至少 1 人）" });
export type TSaveReductionTarget = z.infer<typeof ZSaveReductionTarget>;

export const ZClearReductionTarget = z.object({ regionCode: zTargetRegion, year: zYear, version: zVersion });
export type TClearReductionTarget = z.infer<typeof ZClearReductionTarget>;

/** The year a page asks for (?year=), else the given default. */
export function targetYearFrom(text: string | undefined, fallback: number): number {
  const parsed = zYear.safeParse(text);
  return parsed.success ? parsed.data : fallback;
}
