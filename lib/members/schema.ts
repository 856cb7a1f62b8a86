import { z } from "zod";
import { EDUCATION_LEVEL, HEALTH, LABOUR_SKILL, RELATION, SCHOOL_STATUS, SCHOOLING_EXEMPTION, WORK_STATUS } from "@/lib/domain/codes";
import { todayString } from "@/lib/dates";
import { zCheckbox, zEnum, zIdempotencyKey, zName, zOptionalName, zVersion } from "@/lib/forms";
import { validateIdNumber } from "@/lib/members/id-number";

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((text) => !Number.isNaN(Date.parse(text)), "不是有效日期");

/** The ID number is checked against GB 11643 and normalised (x → X); the reason is exact. */
export const ZIdNumber = z.string({ error: "请填写身份证号码" }).transform((text, context) => {
  const result = validateIdNumber(text, new Date());
  if (!result.ok) {
    context.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  }
  return result.value;
});

export const ZMemberFields = z.object({
  name: zName("姓名", 40),
  idNumber: ZIdNumber,
  relation: zEnum(RELATION.codes, "请选择与户主关系"),
  ethnicity: zName("民族", 20).default("汉族"),
  educationLevel: zEnum(EDUCATION_LEVEL.codes, "请选择文化程度"),
  schoolStatus: zEnum(SCHOOL_STATUS.codes, "请选择在校生状况"),
  schoolingExemption: zEnum(SCHOOLING_EXEMPTION.codes, "请选择未在校原因").default("NONE"),
  health: zEnum(HEALTH.codes, "请选择健康状况"),
  disabilityGrade: zOptionalName("残疾等级", 10),
  labourSkill: zEnum(LABOUR_SKILL.codes, "请选择劳动技能"),
  workStatus: zEnum(WORK_STATUS.codes, "请选择务工状况").default("NONE"),
  workMonths: z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : value),
    z.coerce.number({ error: "务工时间应为整数月" }).int("务工时间应为整数月").min(0, "务工时间不能为负").max(24, "务工时间不超过 24 个月").nullable(),
  ),
  basicMedicalInsurance: zCheckbox,
  seriousIllnessInsurance: zCheckbox,
  pensionInsurance: zCheckbox,
  minimumLiving: zCheckbox,
  extremeSupport: zCheckbox,
});
export type TMemberFields = z.infer<typeof ZMemberFields>;

export const ZAddMember = ZMemberFields.extend({
  householdId: z.uuid("户档不存在"),
  joinedOn: z.preprocess((value) => (value === "" ? undefined : value), ZDate.optional()),
  /** The form's one-time key: a new member saved offline and sent again is added once (lib/offline). */
  idempotencyKey: zIdempotencyKey,
});

export const ZUpdateMember = ZMemberFields.extend({
  memberId: z.uuid("成员不存在"),
  version: zVersion,
});

export const ZEndMembership = z.object({
  memberId: z.uuid("成员不存在"),
  version: zVersion,
  status: z.enum(["DECEASED", "MOVED_OUT"], { error: "请选择减少原因（死亡或迁出）" }),
  statusDate: ZDate.refine((text) => text <= todayString(), "日期不能晚于今天"),
});

export const ZChangeHead = z.object({
  memberId: z.uuid("成员不存在"),
  version: zVersion,
  formerHeadRelation: zEnum(RELATION.codes, "请选择原户主与新户主的关系").refine((relation) => relation !== "HEAD", "原户主不能仍是户主"),
});
