import { z } from "zod";
import { todayString } from "@/lib/dates";
import { zEnum, zName, zOptionalText, zUploadedFile, zVersion } from "@/lib/forms";
import { MONITORING_CATEGORY } from "@/lib/monitoring/codes";

export const ZScreenIncomeWarningsInput = z.object({
  year: z.coerce.number({ error: "请填写年度" }).int("年度应为整数").min(2021, "收入预警从 2021 年起筛查").max(2100, "年度不晚于 2100 年"),
});

/**
 * 核实预警: 纳入监测 (with the category and the risk the new monitoring object starts with; a household
 * already monitored is only linked) or 无需纳入 with a note saying why.
 */
export const ZCheckWarningInput = z.discriminatedUnion(
  "outcome",
  [
    z.object({
      outcome: z.literal("MONITORED"),
      warningId: z.string({ error: "预警不存在" }).uuid("预警不存在"),
      version: zVersion,
      category: zEnum(MONITORING_CATEGORY.codes, "请选择监测对象类别"),
      riskType: z.string({ error: "请选择风险类型" }).min(1, "请选择风险类型").max(40, "请选择风险类型"),
      note: zOptionalText(200, "说明不超过 200 字"),
    }),
    z.object({
      outcome: z.literal("NOT_NEEDED"),
      warningId: z.string({ error: "预警不存在" }).uuid("预警不存在"),
      version: zVersion,
      note: z.string({ error: "请填写无需纳入的理由" }).trim().min(1, "请填写无需纳入的理由").max(200, "理由不超过 200 字"),
    }),
  ],
  { error: "请选择核实结果" },
);

export const DEPARTMENT_KINDS = ["MEDICAL", "CIVIL_AFFAIRS", "DISABLED", "OTHER"] as const;

/** 部门筛查名单: which department, and the .xlsx file (judged by its bytes in the command). */
export const ZDepartmentListInput = z.object({
  department: zEnum(DEPARTMENT_KINDS, "请选择部门"),
  file: zUploadedFile,
});

/** The two channels a cadre records by hand: 农户自主申报 (on the household's behalf) and 基层干部排查. */
export const MANUAL_WARNING_SOURCES = ["SELF_APPLICATION", "CADRE_VISIT"] as const;
export type ManualWarningSource = (typeof MANUAL_WARNING_SOURCES)[number];

/** 登记预警: a household of the archive by 户编号, the day the household applied (or the visit found it), and what was reported. */
export const ZRaiseWarningInput = z.object({
  source: zEnum(MANUAL_WARNING_SOURCES, "请选择预警来源"),
  householdNo: zName("户编号", 16),
  raisedOn: z
    .string({ error: "请填写申报或排查日期" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
    .refine((text) => !Number.isNaN(Date.parse(text)), "不是有效日期")
    .refine((text) => text <= todayString(), "日期不能晚于今天")
    .refine((text) => text >= "2021-01-01", "日期不早于 2021 年"),
  reason: z.string({ error: "请填写申报或排查情况" }).trim().min(1, "请填写申报或排查情况").max(200, "情况说明不超过 200 字"),
});
