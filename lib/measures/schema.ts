import { z } from "zod";
import { FUNDING_SOURCE, MEASURE_CATEGORY, MEASURE_STATUS, POVERTY_CAUSE } from "@/lib/domain/codes";
import { zEnum, zStringList } from "@/lib/forms";
import { parseYuan } from "@/lib/income/money";

const ZDate = z.string({ error: "请填写日期" }).regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
const optionalDate = z.preprocess((value) => (value === "" ? undefined : value), ZDate.optional());

/** Yuan as typed → integer fen (never a float). */
export const zYuanToFen = (label: string, { optional = false } = {}) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? (optional ? undefined : "0") : value),
    z
      .string()
      .transform((text, context) => {
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
      })
      .optional(),
  );

const measureFields = {
  itemId: z.uuid("请选择具体措施"),
  addressedCauses: zStringList.pipe(z.array(zEnum(POVERTY_CAUSE.codes, "致贫原因有误"))),
  startDate: ZDate,
  endDate: optionalDate,
  amountFen: zYuanToFen("金额"),
  fundingSource: zEnum(FUNDING_SOURCE.codes, "请选择资金来源"),
  responsibleUnit: z.string({ error: "请填写帮扶单位" }).trim().min(1, "请填写帮扶单位").max(60, "帮扶单位不超过 60 个字符"),
  note: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(500, "备注不超过 500 个字符").optional()),
};

export const ZAddMeasure = z
  .object({
    householdId: z.uuid("户档不存在"),
    /** A measure is recorded either as planned or as already under way. */
    status: z.preprocess((value) => (value === "" || value === undefined ? "PLANNED" : value), z.enum(["PLANNED", "ACTIVE"], { error: "初始状态只能是计划或实施中" })),
    ...measureFields,
  })
  .refine((value) => !value.endDate || value.endDate >= value.startDate, { message: "结束日期不能早于开始日期", path: ["endDate"] });

export const ZUpdateMeasure = z
  .object({ measureId: z.uuid("措施不存在"), version: z.coerce.number().int().min(1), ...measureFields })
  .refine((value) => !value.endDate || value.endDate >= value.startDate, { message: "结束日期不能早于开始日期", path: ["endDate"] });

export const ZChangeMeasureStatus = z.object({
  measureId: z.uuid("措施不存在"),
  version: z.coerce.number().int().min(1),
  status: zEnum(MEASURE_STATUS.codes, "请选择状态"),
  outcomeFen: zYuanToFen("增收金额", { optional: true }),
});

export const ZSavePlan = z.object({
  householdId: z.uuid("户档不存在"),
  year: z.coerce.number({ error: "请填写年度" }).int().min(2013, "年度不早于 2013 年").max(2100, "年度有误"),
  version: z.coerce.number().int().min(0).default(0),
  targetPerCapitaFen: zYuanToFen("目标人均纯收入"),
  plannedExitYear: z.coerce.number({ error: "请填写计划脱贫年度" }).int().min(2013, "计划脱贫年度不早于 2013 年").max(2100, "计划脱贫年度有误"),
  plannedMeasures: z.string({ error: "请填写计划措施" }).trim().min(1, "请填写计划措施").max(1000, "计划措施不超过 1000 个字符"),
});

export const ZRecordVisit = z.object({
  householdId: z.uuid("户档不存在"),
  visitedOn: ZDate,
  findings: z.string({ error: "请填写走访发现的情况" }).trim().min(1, "请填写走访发现的情况").max(2000, "不超过 2000 个字符"),
  actions: z.string().trim().max(2000, "不超过 2000 个字符").default(""),
});

export const ZReassignHelper = z.object({
  householdId: z.uuid("户档不存在"),
  version: z.coerce.number().int().min(1),
  helperId: z.uuid("请选择新的帮扶责任人"),
  reason: z.string({ error: "请填写更换原因" }).trim().min(2, "请填写更换原因（至少 2 个字）").max(500, "原因不超过 500 个字符"),
});

export const ZCatalogueItem = z.object({
  category: zEnum(MEASURE_CATEGORY.codes, "请选择措施类别"),
  name: z.string({ error: "请填写措施名称" }).trim().min(1, "请填写措施名称").max(40, "措施名称不超过 40 个字符"),
});

export const ZFitMatrix = z.object({
  /** Checkbox values "CAUSE:CATEGORY". */
  pairs: zStringList.pipe(z.array(z.string().regex(/^[A-Z_]+:[A-Z_]+$/, "匹配项有误"))),
});
