import { z } from "zod";
import { SATISFACTION } from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import { zName, zOptionalText, zUploadedFile } from "@/lib/forms";

/** The question asked for 群众认可度, unless the inspector asked another. */
export const DEFAULT_SATISFACTION_QUESTION = "您对本村（本户）脱贫攻坚工作和帮扶成效满意吗？";

const CRITERIA = Object.keys(EXIT_CRITERION_LABELS) as [ExitCriterionCode, ...ExitCriterionCode[]];
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const zYesNo = (message: string) => z.preprocess(blankToUndefined, z.enum(["YES", "NO"], { error: message }).optional());
const zList = z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()));

/** 入户核查 of one pick. Which answers are required depends on the kind and on whether the household was met (checked in superRefine). */
export const ZRecordFieldCheck = z
  .object({
    roundId: z.uuid({ error: "抽查轮次不存在" }),
    kind: z.enum(["EXITED", "LISTED"], { error: "抽查对象有误" }),
    entryId: z.uuid({ error: "抽中户不存在" }),
    visitedOn: z.iso.date({ error: "请填写核查日期（年-月-日）" }),
    atHome: z.preprocess(blankToUndefined, z.enum(["YES", "NO"], { error: "请选择是否见到农户" })),
    meetsStandard: zYesNo("请选择是否符合退出标准"),
    failedCriteria: zList.pipe(z.array(z.enum(CRITERIA, { error: "请选择有效的退出标准" }))),
    shouldRegister: zYesNo("请选择是否应纳入建档立卡"),
    satisfaction: z.preprocess(blankToUndefined, z.enum(SATISFACTION.codes, { error: "请选择群众认可度" }).optional()),
    question: zOptionalText(200, "询问内容不超过 200 个字"),
    note: zOptionalText(1000, "核查情况不超过 1000 个字"),
    people: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "家庭人口应为整数" }).int("家庭人口应为整数").min(1, "家庭人口至少 1 人").max(30, "家庭人口不超过 30 人").optional(),
    ),
    responsibleUnit: z.preprocess(blankToUndefined, zName("责任单位", 60).optional()),
    responsiblePerson: z.preprocess(blankToUndefined, zName("责任人", 40).optional()),
    deadline: z.preprocess(blankToUndefined, z.iso.date({ error: "请填写整改期限（年-月-日）" }).optional()),
    photos: z.array(zUploadedFile).max(9, "一次最多上传 9 张照片").default([]),
  })
  .superRefine((input, context) => {
    const need = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (input.atHome === "NO") return;
    if (!input.satisfaction) need("satisfaction", "请选择群众认可度");
    if (input.kind === "EXITED") {
      if (!input.meetsStandard) need("meetsStandard", "请选择是否符合退出标准");
      if (input.meetsStandard === "NO" && input.failedCriteria.length === 0) need("failedCriteria", "请选择不符合的退出标准（至少一项）");
    } else {
      if (!input.shouldRegister) need("shouldRegister", "请选择是否应纳入建档立卡");
      if (!input.people) need("people", "请填写家庭人口");
    }
    const raises = (input.kind === "EXITED" && input.meetsStandard === "NO") || (input.kind === "LISTED" && input.shouldRegister === "YES");
    if (raises) {
      if (!input.responsibleUnit) need("responsibleUnit", "请填写整改责任单位");
      if (!input.responsiblePerson) need("responsiblePerson", "请填写整改责任人");
      if (!input.deadline) need("deadline", "请填写整改期限");
    }
  });

/** A correction or addition to a recorded field check (the check itself never changes). */
export const ZAddFieldCheckNote = z.object({
  fieldCheckId: z.uuid({ error: "核查记录不存在" }),
  note: z
    .string({ error: "请填写更正或补充说明" })
    .refine((text) => text.trim().length > 0, "请填写更正或补充说明")
    .refine((text) => text.length <= 1000, "说明不超过 1000 个字"),
});
