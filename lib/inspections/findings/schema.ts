import { z } from "zod";
import { FINDING_SOURCE } from "@/lib/domain/codes";
import { zCheckbox, zName, zOptionalText, zText, zUploadedFile, zVersion } from "@/lib/forms";
import { zSearchText } from "@/lib/search";

/** What every way of raising a finding asks (from a review item, a field check, or by hand). */
export const ZFindingDetails = z.object({
  categoryCode: z.string({ error: "请选择问题类别" }).min(1, "请选择问题类别").max(40, "请选择问题类别"),
  description: zText("问题描述", 1000),
  responsibleUnit: zName("责任单位", 60),
  responsiblePerson: zName("责任人", 40),
  deadline: z.iso.date({ error: "请填写整改期限（年-月-日）" }),
});
export type FindingDetails = z.output<typeof ZFindingDetails>;

const zFindingId = z.uuid("问题不存在");
const zRegionCode = z
  .string({ error: "请选择乡镇或村" })
  .trim()
  .regex(/^\d{12}$/, "请选择乡镇或村");

/** A finding the inspector enters by hand (finding.raise): on a household (by 户编号), a village or a township. */
export const ZRaiseFinding = ZFindingDetails.extend({
  targetKind: z.enum(["HOUSEHOLD", "REGION"], { error: "请选择问题涉及的对象" }),
  householdNo: z.preprocess((value) => (typeof value === "string" ? value.trim() : value), z.string().max(40, "户编号不超过 40 个字符").optional()),
  regionCode: z.preprocess((value) => (value === "" ? undefined : value), zRegionCode.optional()),
}).superRefine((value, context) => {
  if (value.targetKind === "HOUSEHOLD" && !value.householdNo) context.addIssue({ code: "custom", path: ["householdNo"], message: "请填写户编号" });
  if (value.targetKind === "REGION" && !value.regionCode) context.addIssue({ code: "custom", path: ["regionCode"], message: "请选择乡镇或村" });
});

/** 整改报告 (finding.rectify): what was done, with evidence files. */
export const ZSubmitFindingReport = z.object({
  findingId: zFindingId,
  version: zVersion,
  content: zText("整改情况", 2000),
  files: z.array(zUploadedFile).default([]),
});

/** 销号 or 退回 of the waiting report (finding.decide); a return needs its reason. */
export const ZDecideFindingReport = z
  .object({
    findingId: zFindingId,
    version: zVersion,
    decision: z.enum(["ACCEPT", "RETURN"], { error: "请选择销号或退回" }),
    reason: zOptionalText(500, "退回理由不超过 500 个字"),
  })
  .superRefine((value, context) => {
    if (value.decision === "RETURN" && !value.reason?.trim()) context.addIssue({ code: "custom", path: ["reason"], message: "请填写退回理由" });
  });

/** What the 问题清单 filters by (from the URL; anything unusable is ignored). */
export const FINDING_LIST_STATUS = {
  NOT_CLOSED: "未销号（全部）",
  OPEN: "待整改",
  RETURNED: "已退回待重新整改",
  SUBMITTED: "已提交整改（待销号）",
  CLOSED: "已销号",
} as const;
export type FindingListStatus = keyof typeof FINDING_LIST_STATUS;

const optionalCode = (pattern: RegExp) =>
  z.preprocess((value) => (typeof value === "string" && pattern.test(value) ? value : undefined), z.string().optional());

export const ZFindingFilter = z.object({
  status: z
    .enum(Object.keys(FINDING_LIST_STATUS) as [FindingListStatus, ...FindingListStatus[]])
    .optional()
    .catch(undefined),
  category: optionalCode(/^[A-Z0-9_]{1,40}$/),
  source: z.enum(FINDING_SOURCE.codes).optional().catch(undefined),
  township: optionalCode(/^\d{12}$/),
  village: optionalCode(/^\d{12}$/),
  overdue: z.preprocess((value) => value === "1", z.boolean()),
  q: zSearchText,
});
export type FindingFilter = z.output<typeof ZFindingFilter>;

// 问题类别 (findingCategory.manage)
const zCategoryCode = z.string({ error: "问题类别不存在" }).regex(/^[A-Z0-9_]{1,40}$/, "问题类别不存在");
export const ZAddFindingCategory = z.object({ name: zName("类别名称", 30) });
export const ZRenameFindingCategory = z.object({ code: zCategoryCode, version: zVersion, name: zName("类别名称", 30) });
export const ZMoveFindingCategory = z.object({ code: zCategoryCode, version: zVersion, direction: z.enum(["UP", "DOWN"], { error: "请选择上移或下移" }) });
export const ZSetFindingCategoryRetired = z.object({ code: zCategoryCode, version: zVersion, retired: zCheckbox });
