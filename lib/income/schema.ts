import { z } from "zod";
import { zVersionOrNew } from "@/lib/forms";
import { parseYuan } from "@/lib/income/money";

/** One money field in yuan as typed ("1,234.56"), turned into integer fen; empty means 0. */
const zYuan = (label: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? "0" : value),
    z.string().transform((text, context) => {
      const parsed = parseYuan(text);
      if (!parsed.ok) {
        context.addIssue({ code: "custom", message: `${label}：${parsed.message}` });
        return z.NEVER;
      }
      if (parsed.fen > 2_000_000_000) {
        context.addIssue({ code: "custom", message: `${label}超出可登记范围` });
        return z.NEVER;
      }
      return parsed.fen;
    }),
  );

/** The income components (docs/domain.md §4), with their Chinese names, in the order of the form. */
export const INCOME_FIELDS = [
  ["wageFen", "工资性收入"],
  ["businessIncomeFen", "生产经营性收入"],
  ["businessExpenseFen", "生产经营性支出"],
  ["propertyFen", "财产性收入"],
  ["minimumLivingFen", "低保金"],
  ["extremePovertySupportFen", "特困供养金"],
  ["pensionFen", "养老金"],
  ["familyPlanningFen", "计划生育金"],
  ["ecologicalCompensationFen", "生态补偿金"],
  ["otherTransferFen", "其他转移性收入"],
] as const;

export type IncomeField = (typeof INCOME_FIELDS)[number][0];

/**
 * 合规自付医疗费用: what the household itself paid that year for eligible medical care after insurance. Not an
 * income component and not an expense of the net income (computeIncome never sees it); only the 预警 "自付医疗
 * 费用 above a share of income" reads it (lib/monitoring/warnings-rules.ts). Empty means not entered (null).
 */
export const MEDICAL_FIELD = ["medicalOutOfPocketFen", "合规自付医疗费用"] as const;

const zOptionalYuan = (label: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value),
    z
      .string()
      .nullable()
      .transform((text, context) => {
        if (text === null) return null;
        const parsed = parseYuan(text);
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message: `${label}：${parsed.message}` });
          return z.NEVER;
        }
        if (parsed.fen > 2_000_000_000) {
          context.addIssue({ code: "custom", message: `${label}超出可登记范围` });
          return z.NEVER;
        }
        return parsed.fen;
      }),
  );

export const ZSaveIncome = z.object({
  householdId: z.uuid("户档不存在"),
  year: z.coerce.number({ error: "请填写年度" }).int("年度应为整数").min(2013, "年度不早于 2013 年").max(2100, "年度有误"),
  version: zVersionOrNew,
  ...(Object.fromEntries(INCOME_FIELDS.map(([field, label]) => [field, zYuan(label)])) as Record<IncomeField, ReturnType<typeof zYuan>>),
  medicalOutOfPocketFen: zOptionalYuan(MEDICAL_FIELD[1]),
});
