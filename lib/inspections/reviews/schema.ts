import { z } from "zod";
import { REVIEW_CHECKLIST_ITEM, type ReviewChecklistItem } from "@/lib/domain/codes";
import { zOptionalText } from "@/lib/forms";
import { zSearchText } from "@/lib/search";

/**
 * The review form posts one group per checklist item ("INCOME.result", "INCOME.note",
 * "INCOME.category"), the overall opinion, and — once for every 不合格 item — the deadline,
 * responsible unit and person of the findings they raise.
 */
const ZChecklistAnswer = z.object({
  result: z.enum(["PASS", "FAIL"], { error: "请选择合格或不合格" }),
  note: zOptionalText(500, "说明不超过 500 个字"),
  category: z.preprocess((value) => (value === "" ? undefined : value), z.string().max(40, "请选择问题类别").optional()),
});

const answers = Object.fromEntries(REVIEW_CHECKLIST_ITEM.codes.map((code) => [code, ZChecklistAnswer])) as Record<ReviewChecklistItem, typeof ZChecklistAnswer>;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const ZSaveReview = z
  .object({
    sheetId: z.uuid("核验表不存在"),
    note: zOptionalText(1000, "审查意见不超过 1000 个字"),
    responsibleUnit: z.preprocess(blankToUndefined, z.string().trim().max(60, "责任单位不超过 60 个字符").optional()),
    responsiblePerson: z.preprocess(blankToUndefined, z.string().trim().max(40, "责任人不超过 40 个字符").optional()),
    deadline: z.preprocess(blankToUndefined, z.iso.date({ error: "请填写整改期限（年-月-日）" }).optional()),
    ...answers,
  })
  .superRefine((value, context) => {
    const failed = REVIEW_CHECKLIST_ITEM.codes.filter((code) => value[code]?.result === "FAIL");
    for (const code of failed) {
      if (!value[code].note?.trim()) context.addIssue({ code: "custom", path: [`${code}.note`], message: "不合格项请说明问题" });
      if (!value[code].category) context.addIssue({ code: "custom", path: [`${code}.category`], message: "请选择问题类别" });
    }
    if (failed.length === 0) return;
    if (!value.responsibleUnit) context.addIssue({ code: "custom", path: ["responsibleUnit"], message: "有不合格项时请填写责任单位" });
    if (!value.responsiblePerson) context.addIssue({ code: "custom", path: ["responsiblePerson"], message: "有不合格项时请填写责任人" });
    if (!value.deadline) context.addIssue({ code: "custom", path: ["deadline"], message: "有不合格项时请填写整改期限" });
  });
export type SaveReviewInput = z.output<typeof ZSaveReview>;

/** The stage of a sheet the queue filters by (from stored columns, so it filters in the database). */
export const REVIEW_STAGE = {
  BEFORE_NOTICE: "评议、核实与认可",
  NOTICE: "村内公示中",
  AFTER_NOTICE: "乡镇审核、县审定",
  APPROVED: "已审定",
} as const;
export type ReviewStage = keyof typeof REVIEW_STAGE;

export const ZReviewQueueFilter = z.object({
  township: z.preprocess((value) => (typeof value === "string" && /^\d{12}$/.test(value) ? value : undefined), z.string().optional()),
  village: z.preprocess((value) => (typeof value === "string" && /^\d{12}$/.test(value) ? value : undefined), z.string().optional()),
  year: z.coerce.number().int().min(2013).max(2100).optional().catch(undefined),
  stage: z
    .enum(Object.keys(REVIEW_STAGE) as [ReviewStage, ...ReviewStage[]])
    .optional()
    .catch(undefined),
  reviewed: z.enum(["NONE", "CHANGED", "DONE"]).optional().catch(undefined),
  q: zSearchText,
});
export type ReviewQueueFilter = z.output<typeof ZReviewQueueFilter>;
