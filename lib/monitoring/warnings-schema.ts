import { z } from "zod";
import { zEnum, zOptionalText, zUploadedFile, zVersion } from "@/lib/forms";
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
