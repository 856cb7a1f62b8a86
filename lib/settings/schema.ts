import { z } from "zod";
import { parseYuan } from "@/lib/income/money";

export const ZCountySettings = z.object({
  noticeMinDays: z.number().int().min(1).max(30),
  compulsorySchoolAge: z.object({ from: z.number().int().min(3).max(10), to: z.number().int().min(10).max(20) }),
  villageExitThresholdPermille: z.number().int().min(1).max(100),
  visitOverdueDays: z.number().int().min(1).max(365),
  /** 三率一度 thresholds in ‰ (lib/inspections/rates.ts#RateThresholds). */
  inspectionRateThresholds: z.object({
    wrongExitMaxPermille: z.number().int().min(1).max(1000),
    missedMaxPermille: z.number().int().min(1).max(1000),
    approvalMinPermille: z.number().int().min(1).max(1000),
    incidenceMaxPermille: z.number().int().min(1).max(1000),
  }),
  /** 疑点数据 limits (lib/data-quality/facts.ts#QualityLimits). */
  qualityLimits: z.object({
    farmlandMu: z.number().int().min(1).max(10_000),
    householdsPerPhone: z.number().int().min(1).max(100),
    householdsPerHelper: z.number().int().min(1).max(500),
    perCapitaLinePercent: z.number().int().min(110).max(1000),
  }),
});
export type CountySettings = z.infer<typeof ZCountySettings>;

export const ZPovertyLineInput = z.object({
  year: z.coerce.number({ error: "请填写年度" }).int("年度应为整数").min(2010, "年度不早于 2010 年").max(2100, "年度不晚于 2100 年"),
  amount: z.string({ error: "请填写贫困线金额" }).transform((text, context) => {
    const parsed = parseYuan(text);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (parsed.fen <= 0) {
      context.addIssue({ code: "custom", message: "贫困线必须大于 0" });
      return z.NEVER;
    }
    return parsed.fen;
  }),
  version: z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").optional(),
});

/** A percentage typed with at most one decimal (0.1 %–100 %), as whole ‰. */
const zPercentAsPermille = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{1,3}(\.\d)?$/, `${label}应为 0.1 到 100 之间的数，最多一位小数`)
    .transform((text) => Math.round(Number(text) * 10))
    .refine((permille) => permille >= 1 && permille <= 1000, `${label}应在 0.1% 到 100% 之间`);

/** 三率一度 thresholds as the settings form posts them (percentages), with the setting's version (0: never saved). */
export const ZRateThresholdsInput = z.object({
  wrongExitMaxPermille: zPercentAsPermille("错退率上限"),
  missedMaxPermille: zPercentAsPermille("漏评率上限"),
  approvalMinPermille: zPercentAsPermille("群众认可度下限"),
  incidenceMaxPermille: zPercentAsPermille("综合贫困发生率上限"),
  version: z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").default(0),
});

const zWhole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(min, `${label}应在 ${min} 到 ${max} 之间`)
    .max(max, `${label}应在 ${min} 到 ${max} 之间`);

/** 疑点数据 limits as the settings form posts them (the line multiple with at most one decimal, as a percentage), with the setting's version (0: never saved). */
export const ZQualityLimitsInput = z.object({
  farmlandMu: zWhole("耕地面积上限", 1, 10_000),
  householdsPerPhone: zWhole("同一联系电话的户数上限", 1, 100),
  householdsPerHelper: zWhole("帮扶责任人联系户数上限", 1, 500),
  perCapitaLinePercent: z
    .string({ error: "请填写倍数" })
    .trim()
    .regex(/^\d{1,2}(\.\d)?$/, "倍数应为 1.1 到 10 之间的数，最多一位小数")
    .transform((text) => Math.round(Number(text) * 100))
    .refine((percent) => percent >= 110 && percent <= 1000, "倍数应在 1.1 到 10 之间"),
  version: z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").default(0),
});

/** 走访提醒's limit: a household not visited for more than this many days is listed (1–365). */
export const ZVisitOverdueDaysInput = z.object({
  visitOverdueDays: z
    .string({ error: "请填写天数" })
    .trim()
    .regex(/^\d{1,3}$/, "天数应为 1 到 365 之间的整数")
    .transform(Number)
    .refine((days) => days >= 1 && days <= 365, "天数应为 1 到 365 之间的整数"),
  version: z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").default(0),
});
