import { z } from "zod";
import { todayString } from "@/lib/dates";
import { zEnum, zName, zOptionalText, zText, zUploadedFile, zVersion } from "@/lib/forms";
import { parseYuan } from "@/lib/income/money";
import { ZIdNumber } from "@/lib/members/schema";
import { ELIMINATION_METHOD, MONITORING_CATEGORY, MONITORING_SHEET_KIND, MONITORING_STEP, RISK_SOURCE } from "@/lib/monitoring/codes";
import { DEFAULT_DROP_PERMILLE, DEFAULT_ELIMINATION_MIN_MONTHS, DEFAULT_MONITORING_NOTICE_DAYS, DEFAULT_SELF_APPLICATION_DAYS } from "@/lib/monitoring/rules";
import { DEFAULT_MEDICAL_SHARE_PERMILLE } from "@/lib/monitoring/warnings-rules";

const zYear = z.coerce.number({ error: "请填写年度" }).int("年度应为整数").min(2021, "监测线从 2021 年起设置").max(2100, "年度不晚于 2100 年");
const zVersionOptional = z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").optional();

export const ZMonitoringLineInput = z.object({
  year: zYear,
  amount: z.string({ error: "请填写监测线金额" }).transform((text, context) => {
    const parsed = parseYuan(text);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (parsed.fen <= 0) {
      context.addIssue({ code: "custom", message: "监测线必须大于 0" });
      return z.NEVER;
    }
    return parsed.fen;
  }),
  version: zVersionOptional,
});

/** The stored monitoring settings (Setting key "monitoring"). */
export const ZMonitoringSettings = z.object({
  marginPermille: z.number().int().min(0).max(2000),
  /** 村内公示 of 识别纳入 and 风险消除, at least this many days. */
  noticeMinDays: z.number().int().min(1).max(30).default(DEFAULT_MONITORING_NOTICE_DAYS),
  /** Risks are not eliminated sooner than this many months after identification. */
  eliminationMinMonths: z.number().int().min(0).max(36).default(DEFAULT_ELIMINATION_MIN_MONTHS),
  /** 收入骤降: per-capita income this year at least this share (‰) below last year's. */
  dropPermille: z.number().int().min(10).max(1000).default(DEFAULT_DROP_PERMILLE),
  /** The township acts on a 农户自主申报 within this many days. */
  selfApplicationDays: z.number().int().min(1).max(30).default(DEFAULT_SELF_APPLICATION_DAYS),
  /** 医疗支出预警: 合规自付医疗费用 above this share (‰) of the household's net income. */
  medicalSharePermille: z.number().int().min(10).max(10000).default(DEFAULT_MEDICAL_SHARE_PERMILLE),
});
export type MonitoringSettings = z.infer<typeof ZMonitoringSettings>;

export const ZMonitoringSettingsInput = z.object({
  margin: z
    .string({ error: "请填写浮动比例" })
    .trim()
    .regex(/^\d{1,3}(\.\d)?$/, "浮动比例应为 0 到 200 之间的数，最多一位小数")
    .transform((text) => Math.round(Number(text) * 10))
    .refine((permille) => permille <= 2000, "浮动比例不超过 200%"),
  /** Left out (an older form): the stored value stays. */
  drop: z
    .string({ error: "请填写收入下降比例" })
    .trim()
    .regex(/^\d{1,3}(\.\d)?$/, "下降比例应为 1 到 100 之间的数，最多一位小数")
    .transform((text) => Math.round(Number(text) * 10))
    .refine((permille) => permille >= 10 && permille <= 1000, "下降比例应为 1 到 100 之间的数")
    .optional(),
  /** Left out (an older form): the stored value stays. */
  medicalShare: z
    .string({ error: "请填写医疗支出占比" })
    .trim()
    .regex(/^\d{1,4}(\.\d)?$/, "医疗支出占比应为 1 到 1000 之间的数，最多一位小数")
    .transform((text) => Math.round(Number(text) * 10))
    .refine((permille) => permille >= 10 && permille <= 10000, "医疗支出占比应为 1 到 1000 之间的数")
    .optional(),
  selfApplicationDays: z.coerce
    .number({ error: "请填写办理时限" })
    .int("办理时限应为整数天")
    .min(1, "办理时限至少 1 天")
    .max(30, "办理时限不超过 30 天")
    .optional(),
  version: z.coerce.number({ error: "版本号有误，请刷新后重试" }).int("版本号有误，请刷新后重试").min(0, "版本号有误，请刷新后重试").default(0),
});

export const ZRiskTypeAddInput = z.object({ label: zName("风险类型名称", 20) });
export const ZRiskTypeRetireInput = z.object({
  code: z.string({ error: "缺少风险类型" }).min(1, "缺少风险类型").max(40),
  retired: z.preprocess((value) => value === "true" || value === true, z.boolean()),
  version: zVersion,
});

const zFoundOn = z
  .string({ error: "请填写发现日期" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((text) => !Number.isNaN(Date.parse(text)), "不是有效日期")
  .refine((text) => text <= todayString(), "发现日期不能晚于今天")
  .refine((text) => text >= "2021-01-01", "发现日期不早于 2021 年");

const ZRiskFields = {
  riskType: z.string({ error: "请选择风险类型" }).min(1, "请选择风险类型").max(40, "请选择风险类型"),
  foundOn: zFoundOn,
  source: zEnum(RISK_SOURCE.codes, "请选择发现渠道"),
  riskNote: zOptionalText(200, "说明不超过 200 字"),
};

/**
 * A new monitoring object with its first risk: a household of the archive by 户编号, or one never
 * 建档立卡 described by its village, head, ID number, address and size.
 */
export const ZCreateMonitoringObjectInput = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("ARCHIVE"),
      householdNo: zName("户编号", 16),
      category: zEnum(MONITORING_CATEGORY.codes, "请选择监测对象类别"),
      note: zOptionalText(200, "备注不超过 200 字"),
      ...ZRiskFields,
    }),
    z.object({
      kind: z.literal("OUTSIDE"),
      villageCode: z.string({ error: "请选择所在村" }).regex(/^\d{12}$/, "请选择所在村"),
      headName: zName("户主姓名", 20),
      headIdNumber: ZIdNumber,
      address: zText("住址", 100),
      people: z.coerce.number({ error: "请填写家庭人口" }).int("家庭人口应为整数").min(1, "家庭人口至少 1 人").max(30, "家庭人口不超过 30 人"),
      category: zEnum(MONITORING_CATEGORY.codes, "请选择监测对象类别"),
      note: zOptionalText(200, "备注不超过 200 字"),
      ...ZRiskFields,
    }),
  ],
  { error: "请选择纳入方式" },
);

export const ZAddRiskInput = z.object({ objectId: z.string().uuid("监测对象不存在"), version: zVersion, ...ZRiskFields });

// ---------------------------------------------------------------------------
// The procedures (lib/monitoring/chains.ts)
// ---------------------------------------------------------------------------

const zSheetId = z.string({ error: "程序不存在" }).uuid("程序不存在");
const zSheetVersion = zVersion;
const zOpinion = zOptionalText(500, "意见不超过 500 字");

export const ZOpenMonitoringSheet = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("IDENTIFY"), objectId: z.string().uuid("监测对象不存在"), version: zVersion }),
    z.object({
      kind: z.literal("ELIMINATE"),
      objectId: z.string().uuid("监测对象不存在"),
      version: zVersion,
      method: zEnum(ELIMINATION_METHOD.codes, "请选择消除方式"),
    }),
  ],
  { error: "请选择要开始的程序" },
);

export const ZSignMonitoringStep = z.object({
  sheetId: zSheetId,
  version: zSheetVersion,
  step: zEnum(MONITORING_STEP.codes, "环节有误"),
  opinion: zOpinion,
});

export const ZRecordMonitoringStep = z.object({
  sheetId: zSheetId,
  version: zSheetVersion,
  step: zEnum(MONITORING_STEP.codes, "环节有误"),
  opinion: z.string({ error: "请填写登记内容" }).trim().min(1, "请填写登记内容").max(500, "登记内容不超过 500 字"),
});

const zDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
    .refine((text) => !Number.isNaN(Date.parse(text)), "不是有效日期");

export const ZStartMonitoringNotice = z.object({ sheetId: zSheetId, version: zSheetVersion, postedOn: zDate("公示张贴日期") });
export const ZCloseMonitoringNotice = z.object({ sheetId: zSheetId, version: zSheetVersion, opinion: zOpinion });
export const ZRejectMonitoringSheet = z.object({
  sheetId: zSheetId,
  version: zSheetVersion,
  step: zEnum(MONITORING_STEP.codes, "环节有误"),
  reason: z.string({ error: "退回须填写理由" }).trim().min(1, "退回须填写理由").max(500, "退回理由不超过 500 字"),
});
export const ZMonitoringObjection = z.object({
  sheetId: zSheetId,
  version: zSheetVersion,
  raisedOn: zDate("异议提出日期"),
  content: z.string({ error: "请填写异议内容" }).trim().min(1, "请填写异议内容").max(1000, "异议内容不超过 1000 字"),
});
export const ZResolveMonitoringObjection = z.object({
  objectionId: z.string().uuid("异议记录不存在"),
  version: zVersion,
  resolution: z.string({ error: "请填写处理结果" }).trim().min(1, "请填写处理结果").max(1000, "处理结果不超过 1000 字"),
});
export const ZMonitoringConsent = z.object({ sheetId: zSheetId, file: zUploadedFile.nullish() });
export const ZResolveRisk = z.object({
  objectId: z.string().uuid("监测对象不存在"),
  version: zVersion,
  riskId: z.string().uuid("风险不存在"),
  resolvedOn: zDate("风险消除日期").refine((text) => text <= todayString(), "消除日期不能晚于今天"),
});

export const MONITORING_SHEET_KINDS = MONITORING_SHEET_KIND.codes;
