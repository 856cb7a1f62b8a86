import { z } from "zod";
import { FUNDING_SOURCE, MEASURE_CATEGORY, MEASURE_STATUS, POVERTY_CAUSE } from "@/lib/domain/codes";
import { zEnum, zIdempotencyKey, zName, zOptionalText, zStringList, zText, zUploadedFile, zVersion, zVersionOrNew } from "@/lib/forms";
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
  responsibleUnit: zName("帮扶单位", 60),
  note: zOptionalText(500, "备注不超过 500 个字符"),
};

export const ZAddMeasure = z
  .object({
    householdId: z.uuid("户档不存在"),
    idempotencyKey: zIdempotencyKey,
    /** A measure is recorded either as planned or as already under way. */
    status: z.preprocess(
      (value) => (value === "" || value === undefined ? "PLANNED" : value),
      z.enum(["PLANNED", "ACTIVE"], { error: "初始状态只能是计划或实施中" }),
    ),
    ...measureFields,
  })
  .refine((value) => !value.endDate || value.endDate >= value.startDate, { message: "结束日期不能早于开始日期", path: ["endDate"] });

export const ZChangeMeasureStatus = z.object({
  measureId: z.uuid("措施不存在"),
  version: zVersion,
  status: zEnum(MEASURE_STATUS.codes, "请选择状态"),
  outcomeFen: zYuanToFen("增收金额", { optional: true }),
});

export const ZSavePlan = z.object({
  householdId: z.uuid("户档不存在"),
  year: z.coerce.number({ error: "请填写年度" }).int().min(2013, "年度不早于 2013 年").max(2100, "年度有误"),
  version: zVersionOrNew,
  targetPerCapitaFen: zYuanToFen("目标人均纯收入"),
  plannedExitYear: z.coerce.number({ error: "请填写计划脱贫年度" }).int().min(2013, "计划脱贫年度不早于 2013 年").max(2100, "计划脱贫年度有误"),
  plannedMeasures: zText("计划措施", 1000),
});

export const ZRecordVisit = z.object({
  householdId: z.uuid("户档不存在"),
  idempotencyKey: zIdempotencyKey,
  visitedOn: ZDate,
  findings: zText("走访发现的情况", 2000),
  actions: z.string().max(2000, "帮扶措施不超过 2000 个字").default(""),
  /** 走访照片: each is checked by content before anything is written. */
  photos: z.array(zUploadedFile).default([]),
});

export const ZReassignHelper = z.object({
  householdId: z.uuid("户档不存在"),
  version: zVersion,
  helperId: z.uuid("请选择新的帮扶责任人"),
  reason: zText("更换原因", 500, { min: 2 }),
});

export const ZCatalogueItemRef = z.object({ itemId: z.uuid("措施不存在"), version: z.coerce.number().int().min(1) });
export type TCatalogueItemRef = z.infer<typeof ZCatalogueItemRef>;

export const ZCatalogueItem = z.object({
  category: zEnum(MEASURE_CATEGORY.codes, "请选择措施类别"),
  name: zName("措施名称", 40),
});

export const ZFitMatrix = z.object({
  /** Checkbox values "CAUSE:CATEGORY". */
  pairs: zStringList.pipe(z.array(z.string().regex(/^[A-Z_]+:[A-Z_]+$/, "匹配项有误"))),
});
