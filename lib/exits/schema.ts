import { z } from "zod";
import { SHEET_FIGURE_CODES } from "@/lib/dashboard/drill-down";
import { zCheckbox, zEnum, zOptionalText, zText, zUploadedFile, zVersion, zVersionOrNew } from "@/lib/forms";
import { parseYuan } from "@/lib/income/money";
import { zSearchText } from "@/lib/search";
import { VILLAGE_EVIDENCE_CONDITION } from "@/lib/domain/codes";

/** The input of every exit command (Chinese messages are the single source for the forms). */

const isRealDate = (text: string) => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

export const zDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`)
    .refine(isRealDate, `${label}不是有效日期`);

const zSheetId = z.uuid("核验表不存在");
const zYear = z.coerce.number({ error: "请填写评估年度" }).int("年度应为整数").min(2013, "年度不早于 2013 年").max(2100, "年度有误");
const zOpinion = zOptionalText(500, "意见不超过 500 个字");

/** The steps a signer signs (the other two are recorded: consent and the notice). */
export const SIGNED_STEP_CODES = ["PROPOSE", "DEMOCRATIC_REVIEW", "WORK_TEAM_VERIFY", "TOWNSHIP_REVIEW", "COUNTY_APPROVAL"] as const;
export const EXIT_STEP_CODES = [
  "PROPOSE",
  "DEMOCRATIC_REVIEW",
  "WORK_TEAM_VERIFY",
  "HOUSEHOLD_CONSENT",
  "PUBLIC_NOTICE",
  "TOWNSHIP_REVIEW",
  "COUNTY_APPROVAL",
] as const;

export const ZOpenExitSheet = z.object({
  householdId: z.uuid("户档不存在"),
  assessmentYear: zYear,
  opinion: zOpinion,
});

export const ZSignStep = z
  .object({
    sheetId: zSheetId,
    version: zVersion,
    step: zEnum(SIGNED_STEP_CODES, "签署环节有误"),
    opinion: zOpinion,
    reviewDate: z.preprocess((value) => (value === "" ? undefined : value), zDate("评议日期").optional()),
    reviewPresent: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce.number({ error: "参会人数应为整数" }).int("参会人数应为整数").min(1, "参会人数至少 1 人").max(5000, "参会人数有误").optional(),
    ),
    reviewResult: zOptionalText(200, "评议结果不超过 200 个字"),
  })
  .superRefine((value, context) => {
    if (value.step !== "DEMOCRATIC_REVIEW") return;
    if (!value.reviewDate) context.addIssue({ code: "custom", path: ["reviewDate"], message: "请填写评议日期" });
    if (value.reviewPresent === undefined) context.addIssue({ code: "custom", path: ["reviewPresent"], message: "请填写参会人数" });
    if (!value.reviewResult) context.addIssue({ code: "custom", path: ["reviewResult"], message: "请填写评议结果" });
  });
export type TSignStep = z.output<typeof ZSignStep>;

export const ZRecordConsent = z.object({ sheetId: zSheetId, version: zVersion, opinion: zOpinion });

export const ZStartNotice = z.object({ sheetId: zSheetId, version: zVersion, postedOn: zDate("公示张贴日期") });

export const ZCloseNotice = z.object({ sheetId: zSheetId, version: zVersion, opinion: zOpinion });

export const ZRecordObjection = z.object({
  sheetId: zSheetId,
  version: zVersion,
  raisedOn: zDate("异议提出日期"),
  content: zText("异议内容", 1000),
});

export const ZResolveObjection = z.object({
  objectionId: z.uuid("异议记录不存在"),
  version: zVersion,
  resolution: zText("处理结果", 1000),
});

export const ZRejectSheet = z.object({
  sheetId: zSheetId,
  version: zVersion,
  step: zEnum(EXIT_STEP_CODES, "退回环节有误"),
  reason: zText("退回理由", 500),
});

export const SHEET_EVIDENCE_KINDS = ["CONSENT", "NOTICE_PHOTO"] as const;
export type SheetEvidenceKind = (typeof SHEET_EVIDENCE_KINDS)[number];
export const ZSheetEvidence = z.object({ sheetId: zSheetId, kind: zEnum(SHEET_EVIDENCE_KINDS, "材料类型有误"), file: zUploadedFile.nullable() });

export const EXIT_SHEET_STATUS_FILTER = ["IN_PROGRESS", "REJECTED", "APPROVED"] as const;
const optionalFilter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);
export const ZExitSheetFilter = z.object({
  q: zSearchText,
  status: optionalFilter(z.enum(EXIT_SHEET_STATUS_FILTER)),
  year: optionalFilter(z.coerce.number().int().min(2013).max(2100)),
  township: optionalFilter(z.string().regex(/^\d{12}$/)),
  village: optionalFilter(z.string().regex(/^\d{12}$/)),
  /** A dashboard figure (lib/dashboard/figures.ts) and its year: the sheets it counted. */
  figure: optionalFilter(z.enum(SHEET_FIGURE_CODES)),
  fy: optionalFilter(z.coerce.number().int().min(2010).max(2100)),
});
export type TExitSheetFilter = z.output<typeof ZExitSheetFilter>;

// ---------------------------------------------------------------------------
// Village exit
// ---------------------------------------------------------------------------

const zVillageCode = z.string({ error: "请选择村" }).regex(/^\d{12}$/, "请选择村");

export const ZSaveVillagePopulation = z.object({
  villageCode: zVillageCode,
  year: zYear,
  ruralPopulation: z.coerce
    .number({ error: "请填写农村户籍人口" })
    .int("农村户籍人口应为整数")
    .min(1, "农村户籍人口应大于 0")
    .max(1_000_000, "农村户籍人口有误"),
  /** 0 for a year not yet entered. */
  version: zVersionOrNew,
});

const zYuan = (label: string) =>
  z.string({ error: `请填写${label}` }).transform((text, context) => {
    const parsed = parseYuan(text);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", message: `${label}：${parsed.message}` });
      return z.NEVER;
    }
    return parsed.fen;
  });

export const ZVillageConditions = z.object({
  collectiveIncome: zYuan("村集体经济收入"),
  hardenedRoad: zCheckbox,
  powerSupply: zCheckbox,
  safeWater: zCheckbox,
  clinicFourRooms: zCheckbox,
  qualifiedDoctor: zCheckbox,
  cultureVenue: zCheckbox,
  broadband: zCheckbox,
});

export const ZCreateVillageExitSheet = ZVillageConditions.extend({ villageCode: zVillageCode, assessmentYear: zYear });
export const ZUpdateVillageExitSheet = ZVillageConditions.extend({ sheetId: zSheetId, version: zVersion });

export const VILLAGE_SIGN_STEP_CODES = ["TOWNSHIP_PROPOSE", "COUNTY_APPROVAL", "LEADER_SIGN"] as const;
export const VILLAGE_STEP_CODES = ["TOWNSHIP_PROPOSE", "TOWNSHIP_NOTICE", "COUNTY_APPROVAL", "LEADER_SIGN"] as const;

export const ZSignVillageStep = z.object({
  sheetId: zSheetId,
  version: zVersion,
  step: zEnum(VILLAGE_SIGN_STEP_CODES, "签署环节有误"),
  opinion: zOpinion,
});

export const ZRecordVillageNotice = z
  .object({
    sheetId: zSheetId,
    version: zVersion,
    postedOn: zDate("公示开始日期"),
    endedOn: zDate("公示结束日期"),
    opinion: zOpinion,
  })
  .refine((value) => value.endedOn >= value.postedOn, { path: ["endedOn"], message: "公示结束日期不能早于开始日期" });

export const ZRejectVillageSheet = z.object({
  sheetId: zSheetId,
  version: zVersion,
  step: zEnum(VILLAGE_STEP_CODES, "退回环节有误"),
  reason: zText("退回理由", 500),
});

export const ZMarkVillageExited = z.object({ sheetId: zSheetId, version: zVersion });

export const ZVillageEvidence = z.object({
  sheetId: zSheetId,
  condition: zEnum(VILLAGE_EVIDENCE_CONDITION.codes, "请选择佐证的条件"),
  file: zUploadedFile.nullable(),
});
