import { z } from "zod";
import { MEASURE_CATEGORY } from "@/lib/domain/codes";
import { zEnum, zStringList, zVersion } from "@/lib/forms";

/** One risk type's fitting categories (checkbox values), saved with the row's version. */
export const ZRiskFitInput = z.object({
  code: z.string({ error: "缺少风险类型" }).min(1, "缺少风险类型").max(40),
  categories: zStringList.pipe(z.array(zEnum(MEASURE_CATEGORY.codes, "措施类别有误")).min(1, "至少选择一个措施类别").max(MEASURE_CATEGORY.codes.length)),
  version: zVersion,
});
export type TRiskFitInput = z.infer<typeof ZRiskFitInput>;

export const ZUnmatchedFilter = z.object({
  township: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  village: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  riskType: z
    .string()
    .regex(/^[A-Z0-9_]{1,40}$/)
    .optional()
    .catch(undefined),
});
export type TUnmatchedFilter = z.infer<typeof ZUnmatchedFilter>;
