/**
 * M-: rules on one 在户 member. The ID checks are lib/members/id-number.ts and the member form's
 * warnings are lib/members/rules.ts, called here, not re-written.
 */
import { ageOn } from "@/lib/dates";
import { LABOUR_SKILL, RELATION, SCHOOL_STATUS, type SchoolStatus } from "@/lib/domain/codes";
import { validateIdNumber } from "@/lib/members/id-number";
import { memberWarnings, type MemberFacts, type MemberWarningCode } from "@/lib/members/rules";
import { memberHit, memberName, type HouseholdRule, type QualityHit, type QualitySeverity } from "./define";
import { presentMembers, type HouseholdQualityFacts, type QualityContext, type QualityMember } from "./facts";

function memberFacts(member: QualityMember): MemberFacts {
  return {
    name: member.name,
    relation: member.relation,
    gender: member.gender,
    birthDate: member.birthDate,
    schoolStatus: member.schoolStatus,
    schoolingExemption: member.schoolingExemption,
    labourSkill: member.labourSkill,
    workMonths: member.workMonths,
    status: member.status,
  };
}

/** The one 在户 户主, or null when there is none or more than one. */
export function presentHead(facts: HouseholdQualityFacts): QualityMember | null {
  const heads = presentMembers(facts).filter((member) => member.relation === "HEAD");
  return heads.length === 1 ? heads[0] : null;
}

function todayDate(today: string): Date {
  const [year, month, day] = today.split("-").map(Number);
  return new Date(year, month - 1, day);
}

/** The codes of the rules made of the member form's warnings (the archive page already shows those warnings itself). */
export const MEMBER_WARNING_RULES: string[] = [];

/** A rule made of one code of the member form's warnings (lib/members/rules.ts). */
function fromMemberWarning(
  code: string,
  warning: MemberWarningCode,
  head: { title: string; explanation: string; severity: QualitySeverity; fields: readonly string[] },
  field: string,
): HouseholdRule {
  MEMBER_WARNING_RULES.push(code);
  return {
    code,
    level: "MEMBER",
    ...head,
    check(facts, context) {
      const householdHead = presentHead(facts);
      const headFacts = householdHead ? memberFacts(householdHead) : null;
      return presentMembers(facts).flatMap((member) =>
        memberWarnings(memberFacts(member), { head: headFacts }, { today: todayDate(context.today), compulsorySchoolAge: context.compulsorySchoolAge })
          .filter((w) => w.code === warning)
          .map((w) => memberHit(facts, member, field, w.message)),
      );
    },
  };
}

/** A rule over each 在户 member with a known age (today). */
function eachMember(
  head: Omit<HouseholdRule, "level" | "check">,
  field: string,
  test: (member: QualityMember, age: number, context: QualityContext, facts: HouseholdQualityFacts) => string | null,
): HouseholdRule {
  return {
    ...head,
    level: "MEMBER",
    check(facts, context) {
      const hits: QualityHit[] = [];
      for (const member of presentMembers(facts)) {
        const age = ageOn(member.birthDate, context.today);
        if (age === null) continue;
        const message = test(member, age, context, facts);
        if (message) hits.push(memberHit(facts, member, field, message));
      }
      return hits;
    },
  };
}

const IN_SCHOOL = (status: SchoolStatus) => status !== "NOT_IN_SCHOOL";
const WORKING = (member: QualityMember) => member.workStatus !== "NONE";
const ABLE = (member: QualityMember) => member.labourSkill === "GENERAL" || member.labourSkill === "SKILLED";
const school = (member: QualityMember) => SCHOOL_STATUS.label(member.schoolStatus);
const labour = (member: QualityMember) => LABOUR_SKILL.label(member.labourSkill);

function idOf(member: QualityMember, today: string) {
  return validateIdNumber(member.idNumber, todayDate(today));
}

const MOBILE_OR_LANDLINE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export { MOBILE_OR_LANDLINE };

const SCHOOL_AGE_LIMITS: { code: string; status: SchoolStatus; min?: number; max?: number }[] = [
  { code: "M-018", status: "PRIMARY", max: 15 },
  { code: "M-019", status: "JUNIOR", min: 10 },
  { code: "M-020", status: "PRIMARY", min: 5 },
  { code: "M-021", status: "SENIOR", min: 13 },
  { code: "M-022", status: "UNDERGRADUATE", min: 16 },
  { code: "M-023", status: "JUNIOR", max: 19 },
  { code: "M-024", status: "SECONDARY_VOCATIONAL", min: 13 },
  { code: "M-025", status: "HIGHER_VOCATIONAL", min: 15 },
];

export const MEMBER_RULES: HouseholdRule[] = [
  {
    code: "M-001",
    level: "MEMBER",
    title: "身份证号码无效",
    explanation: "身份证号码位数、地区码、出生日期或第18位校验码不正确，请对照身份证原件逐位核对。",
    severity: "ERROR",
    fields: ["成员.证件号码"],
    check: (facts, context) =>
      presentMembers(facts).flatMap((member) => {
        const result = idOf(member, context.today);
        return result.ok ? [] : [memberHit(facts, member, "idNumber", `${memberName(member)}的身份证号码无效：${result.message}`)];
      }),
  },
  {
    code: "M-002",
    level: "MEMBER",
    title: "身份证号码与性别不符",
    explanation: "身份证号码第17位单数为男、双数为女，与登记的性别不一致。",
    severity: "ERROR",
    fields: ["成员.证件号码", "成员.性别"],
    check: (facts, context) =>
      presentMembers(facts).flatMap((member) => {
        const result = idOf(member, context.today);
        return result.ok && result.gender !== member.gender
          ? [memberHit(facts, member, "gender", `${memberName(member)}的身份证号码表明为${result.gender === "MALE" ? "男" : "女"}性，登记的性别不同`)]
          : [];
      }),
  },
  {
    code: "M-003",
    level: "MEMBER",
    title: "身份证号码与出生日期不符",
    explanation: "身份证号码第7–14位是出生日期，与登记的出生日期不一致。",
    severity: "ERROR",
    fields: ["成员.证件号码", "成员.出生日期"],
    check: (facts, context) =>
      presentMembers(facts).flatMap((member) => {
        const result = idOf(member, context.today);
        return result.ok && result.birthDate !== member.birthDate
          ? [memberHit(facts, member, "birthDate", `${memberName(member)}的身份证号码表明出生于${result.birthDate}，登记为${member.birthDate}`)]
          : [];
      }),
  },
  {
    code: "M-004",
    level: "MEMBER",
    title: "出生日期晚于今天",
    explanation: "出生日期不能晚于今天，无法计算年龄。",
    severity: "ERROR",
    fields: ["成员.出生日期"],
    check: (facts, context) =>
      presentMembers(facts)
        .filter((member) => ageOn(member.birthDate, context.today) === null)
        .map((member) => memberHit(facts, member, "birthDate", `${memberName(member)}的出生日期${member.birthDate}晚于今天或无效`)),
  },
  eachMember(
    {
      code: "M-005",
      title: "年龄超过110岁",
      explanation: "在户成员年龄超过110岁，多为出生日期录错或成员已死亡未注销。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.状态"],
    },
    "birthDate",
    (m, age) => (age > 110 ? `${memberName(m)}${age}岁，请核对出生日期或是否已死亡` : null),
  ),
  fromMemberWarning(
    "M-006",
    "RELATION_GENDER_MISMATCH",
    { title: "与户主关系与性别不符", explanation: "如“之子”登记为女性、“之母”登记为男性。", severity: "ERROR", fields: ["成员.与户主关系", "成员.性别"] },
    "relation",
  ),
  fromMemberWarning(
    "M-007",
    "SPOUSE_SAME_GENDER",
    { title: "配偶与户主性别相同", explanation: "配偶与户主性别相同，请核对性别或与户主关系。", severity: "ERROR", fields: ["成员.与户主关系", "成员.性别"] },
    "relation",
  ),
  fromMemberWarning(
    "M-008",
    "HEAD_UNDER_16",
    {
      title: "户主未满16周岁",
      explanation: "户主应为成年家庭成员，未满16周岁多为出生日期或关系录错。",
      severity: "SUSPECT",
      fields: ["成员.与户主关系", "成员.出生日期"],
    },
    "birthDate",
  ),
  fromMemberWarning(
    "M-009",
    "SPOUSE_AGE_GAP",
    {
      title: "配偶与户主年龄相差超过30岁",
      explanation: "夫妻年龄相差过大，请核对出生日期或与户主关系。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.与户主关系"],
    },
    "birthDate",
  ),
  fromMemberWarning(
    "M-010",
    "WORK_MONTHS_OVER_12",
    { title: "务工时间超过12个月", explanation: "务工时间按年度填写，最多12个月。", severity: "ERROR", fields: ["成员.务工时间"] },
    "workMonths",
  ),
  fromMemberWarning(
    "M-011",
    "WORK_MONTHS_INVALID",
    { title: "务工时间不是有效月数", explanation: "务工时间应为0–12的整数。", severity: "ERROR", fields: ["成员.务工时间"] },
    "workMonths",
  ),
  fromMemberWarning(
    "M-012",
    "COMPULSORY_AGE_NOT_IN_SCHOOL",
    {
      title: "义务教育适龄儿童为非在校生",
      explanation: "处于义务教育年龄却登记为“非在校生”，且没有送教上门或因病休学记录，是控辍保学的重点核查对象。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.在校生状况", "成员.免于就学"],
    },
    "schoolStatus",
  ),
  fromMemberWarning(
    "M-013",
    "CHILD_NOT_MARKED_NO_LABOUR",
    {
      title: "未满16周岁未标为无劳动力",
      explanation: "未满16周岁的成员劳动技能应为“无劳动力”。",
      severity: "ERROR",
      fields: ["成员.出生日期", "成员.劳动技能"],
    },
    "labourSkill",
  ),
  eachMember(
    {
      code: "M-014",
      title: "之父、之母比户主年轻",
      explanation: "父母的年龄应大于户主，请核对出生日期或与户主关系。",
      severity: "ERROR",
      fields: ["成员.与户主关系", "成员.出生日期"],
    },
    "relation",
    (m, _age, _context, facts) => {
      const head = presentHead(facts);
      return head && (m.relation === "FATHER" || m.relation === "MOTHER") && m.birthDate >= head.birthDate
        ? `${memberName(m)}是户主的${RELATION.label(m.relation)}，但出生于${m.birthDate}，不早于户主（${head.birthDate}）`
        : null;
    },
  ),
  eachMember(
    {
      code: "M-015",
      title: "之子、之女比户主年长",
      explanation: "子女的年龄应小于户主，请核对出生日期或与户主关系。",
      severity: "ERROR",
      fields: ["成员.与户主关系", "成员.出生日期"],
    },
    "relation",
    (m, _age, _context, facts) => {
      const head = presentHead(facts);
      return head && (m.relation === "SON" || m.relation === "DAUGHTER") && m.birthDate <= head.birthDate
        ? `${memberName(m)}是户主的${RELATION.label(m.relation)}，但出生于${m.birthDate}，不晚于户主（${head.birthDate}）`
        : null;
    },
  ),
  eachMember(
    {
      code: "M-016",
      title: "孙辈比户主年长",
      explanation: "之孙子、之孙女的年龄应远小于户主。",
      severity: "ERROR",
      fields: ["成员.与户主关系", "成员.出生日期"],
    },
    "relation",
    (m, _age, _context, facts) => {
      const head = presentHead(facts);
      return head && (m.relation === "GRANDSON" || m.relation === "GRANDDAUGHTER") && m.birthDate <= head.birthDate
        ? `${memberName(m)}是户主的${RELATION.label(m.relation)}，但出生于${m.birthDate}，不晚于户主（${head.birthDate}）`
        : null;
    },
  ),
  eachMember(
    {
      code: "M-017",
      title: "配偶未满20周岁",
      explanation: "法定婚龄男22周岁、女20周岁，未满20周岁的配偶请核对出生日期或与户主关系。",
      severity: "SUSPECT",
      fields: ["成员.与户主关系", "成员.出生日期"],
    },
    "birthDate",
    (m, age) => (m.relation === "SPOUSE" && age < 20 ? `配偶${memberName(m)}只有${age}岁` : null),
  ),
  ...SCHOOL_AGE_LIMITS.map(({ code, status, min, max }) =>
    eachMember(
      {
        code,
        title: min !== undefined ? `${SCHOOL_STATUS.label(status)}在读成员未满${min}周岁` : `${SCHOOL_STATUS.label(status)}在读成员已满${max! + 1}周岁`,
        explanation: `在校生状况为“${SCHOOL_STATUS.label(status)}”，但年龄${min !== undefined ? `小于${min}岁` : `大于${max}岁`}，与学段不符，请核对出生日期或在校生状况。`,
        severity: "SUSPECT" as const,
        fields: ["成员.出生日期", "成员.在校生状况"],
      },
      "schoolStatus",
      (m, age) =>
        m.schoolStatus === status && ((min !== undefined && age < min) || (max !== undefined && age > max))
          ? `${memberName(m)}${age}岁，在校生状况为“${school(m)}”`
          : null,
    ),
  ),
  eachMember(
    {
      code: "M-026",
      title: "学前儿童已超过入学年龄",
      explanation: "过了义务教育起始年龄一年以上仍登记为“学前”，请核对是否已入学。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.在校生状况"],
    },
    "schoolStatus",
    (m, age, context) => (m.schoolStatus === "PRESCHOOL" && age > context.compulsorySchoolAge.from ? `${memberName(m)}${age}岁，仍登记为“学前”` : null),
  ),
  eachMember(
    {
      code: "M-027",
      title: "70岁以上为普通或技能劳动力",
      explanation: "70周岁以上的老人一般不再是普通劳动力或技能劳动力，请核对劳动技能。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.劳动技能"],
    },
    "labourSkill",
    (m, age) => (age > 70 && ABLE(m) ? `${memberName(m)}${age}岁，劳动技能为“${labour(m)}”` : null),
  ),
  eachMember(
    {
      code: "M-028",
      title: "无劳动力或丧失劳动力却在务工",
      explanation: "务工状况与劳动技能矛盾。",
      severity: "SUSPECT",
      fields: ["成员.务工状况", "成员.劳动技能"],
    },
    "workStatus",
    (m) => (WORKING(m) && (m.labourSkill === "NONE" || m.labourSkill === "LOST") ? `${memberName(m)}劳动技能为“${labour(m)}”，却登记为务工` : null),
  ),
  eachMember(
    {
      code: "M-029",
      title: "务工成员未填务工时间",
      explanation: "登记为务工的成员应填写务工时间（月）。",
      severity: "SUSPECT",
      fields: ["成员.务工状况", "成员.务工时间"],
    },
    "workMonths",
    (m) => (WORKING(m) && !m.workMonths ? `${memberName(m)}登记为务工，但务工时间为空或0个月` : null),
  ),
  eachMember(
    {
      code: "M-030",
      title: "未务工成员填了务工时间",
      explanation: "务工状况为“未务工”，务工时间应为空或0。",
      severity: "SUSPECT",
      fields: ["成员.务工状况", "成员.务工时间"],
    },
    "workMonths",
    (m) => (!WORKING(m) && (m.workMonths ?? 0) > 0 ? `${memberName(m)}未务工，却填了${m.workMonths}个月务工时间` : null),
  ),
  eachMember(
    {
      code: "M-031",
      title: "未满16周岁在务工",
      explanation: "未满16周岁的成员不应务工，请核对务工状况或出生日期。",
      severity: "ERROR",
      fields: ["成员.出生日期", "成员.务工状况"],
    },
    "workStatus",
    (m, age) => (WORKING(m) && age < 16 ? `${memberName(m)}${age}岁，登记为务工` : null),
  ),
  eachMember(
    {
      code: "M-032",
      title: "在校学生在务工",
      explanation: "在校生（小学至高中、中职）同时登记为务工，请核对。",
      severity: "SUSPECT",
      fields: ["成员.在校生状况", "成员.务工状况"],
    },
    "workStatus",
    (m) =>
      WORKING(m) && ["PRIMARY", "JUNIOR", "SENIOR", "SECONDARY_VOCATIONAL"].includes(m.schoolStatus)
        ? `${memberName(m)}在读“${school(m)}”，同时登记为务工`
        : null,
  ),
  eachMember(
    {
      code: "M-033",
      title: "残疾成员未填残疾等级",
      explanation: "健康状况为“残疾”的成员应填写残疾等级（以残疾证为准）。",
      severity: "ERROR",
      fields: ["成员.健康状况", "成员.残疾等级"],
    },
    "disabilityGrade",
    (m) => (m.health === "DISABLED" && !m.disabilityGrade?.trim() ? `${memberName(m)}健康状况为残疾，但未填残疾等级` : null),
  ),
  eachMember(
    {
      code: "M-034",
      title: "非残疾成员填了残疾等级",
      explanation: "填了残疾等级，健康状况却不是“残疾”。",
      severity: "SUSPECT",
      fields: ["成员.健康状况", "成员.残疾等级"],
    },
    "health",
    (m) => (m.health !== "DISABLED" && m.disabilityGrade?.trim() ? `${memberName(m)}填了残疾等级“${m.disabilityGrade}”，健康状况却不是残疾` : null),
  ),
  eachMember(
    {
      code: "M-035",
      title: "在户成员未参加基本医疗保险",
      explanation: "基本医疗有保障要求在户成员都参加城乡居民基本医疗保险。",
      severity: "SUSPECT",
      fields: ["成员.基本医疗保险"],
    },
    "basicMedicalInsurance",
    (m) => (!m.basicMedicalInsurance ? `${memberName(m)}未参加城乡居民基本医疗保险` : null),
  ),
  eachMember(
    {
      code: "M-036",
      title: "参加大病保险却未参加基本医疗保险",
      explanation: "大病保险以基本医疗保险为前提，不能单独参加。",
      severity: "ERROR",
      fields: ["成员.基本医疗保险", "成员.大病保险"],
    },
    "seriousIllnessInsurance",
    (m) => (m.seriousIllnessInsurance && !m.basicMedicalInsurance ? `${memberName(m)}登记参加了大病保险，却未参加基本医疗保险` : null),
  ),
  eachMember(
    {
      code: "M-037",
      title: "在户成员未参加大病保险",
      explanation: "基本医疗有保障要求在户成员都参加大病保险。",
      severity: "SUSPECT",
      fields: ["成员.大病保险"],
    },
    "seriousIllnessInsurance",
    (m) => (m.basicMedicalInsurance && !m.seriousIllnessInsurance ? `${memberName(m)}未参加大病保险` : null),
  ),
  eachMember(
    {
      code: "M-038",
      title: "16–59岁非在校成员未参加养老保险",
      explanation: "16至59周岁、不在校的成员应参加城乡居民基本养老保险（贫困人口由政府代缴）。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.在校生状况", "成员.养老保险"],
    },
    "pensionInsurance",
    (m, age) => (age >= 16 && age <= 59 && !IN_SCHOOL(m.schoolStatus) && !m.pensionInsurance ? `${memberName(m)}${age}岁，未参加城乡居民基本养老保险` : null),
  ),
  eachMember(
    {
      code: "M-039",
      title: "同时享受低保和特困供养",
      explanation: "低保和特困供养不能同时享受。",
      severity: "ERROR",
      fields: ["成员.享受低保", "成员.享受特困供养"],
    },
    "extremeSupport",
    (m) => (m.minimumLiving && m.extremeSupport ? `${memberName(m)}同时登记享受低保和特困供养` : null),
  ),
  eachMember(
    {
      code: "M-040",
      title: "一般贫困户成员享受低保",
      explanation: "户内有成员享受低保，贫困户属性却是“一般贫困户”。",
      severity: "SUSPECT",
      fields: ["成员.享受低保", "户.贫困户属性"],
    },
    "minimumLiving",
    (m, _age, _context, facts) => (m.minimumLiving && facts.household.attribute === "GENERAL" ? `${memberName(m)}享受低保，本户属性却是一般贫困户` : null),
  ),
  eachMember(
    {
      code: "M-041",
      title: "非特困供养户成员享受特困供养",
      explanation: "户内有成员享受特困供养，贫困户属性却不是“特困供养贫困户”。",
      severity: "SUSPECT",
      fields: ["成员.享受特困供养", "户.贫困户属性"],
    },
    "extremeSupport",
    (m, _age, _context, facts) =>
      m.extremeSupport && facts.household.attribute !== "EXTREME" ? `${memberName(m)}享受特困供养，本户属性却不是特困供养贫困户` : null,
  ),
  {
    code: "M-042",
    level: "MEMBER",
    title: "死亡或迁出成员没有日期",
    explanation: "成员死亡或迁出应登记日期（有进有出）。",
    severity: "ERROR",
    fields: ["成员.状态", "成员.状态日期"],
    check: (facts) =>
      facts.members
        .filter((m) => m.status !== "PRESENT" && !m.statusDate)
        .map((m) => memberHit(facts, m, "statusDate", `${memberName(m)}已${m.status === "DECEASED" ? "死亡" : "迁出"}，但未登记日期`)),
  },
  {
    code: "M-043",
    level: "MEMBER",
    title: "死亡或迁出日期早于出生日期",
    explanation: "状态日期不能早于出生日期。",
    severity: "ERROR",
    fields: ["成员.状态日期", "成员.出生日期"],
    check: (facts) =>
      facts.members
        .filter((m) => m.status !== "PRESENT" && m.statusDate && m.statusDate < m.birthDate)
        .map((m) => memberHit(facts, m, "statusDate", `${memberName(m)}的状态日期${m.statusDate}早于出生日期${m.birthDate}`)),
  },
  eachMember(
    {
      code: "M-044",
      title: "加入本户日期早于出生日期",
      explanation: "新增成员的加入日期不能早于出生日期。",
      severity: "ERROR",
      fields: ["成员.加入日期", "成员.出生日期"],
    },
    "joinedOn",
    (m) => (m.joinedOn && m.joinedOn < m.birthDate ? `${memberName(m)}的加入日期${m.joinedOn}早于出生日期${m.birthDate}` : null),
  ),
  eachMember(
    {
      code: "M-045",
      title: "姓名含数字、字母或空格",
      explanation: "姓名应与身份证一致，一般不含数字、英文字母或空格。",
      severity: "SUSPECT",
      fields: ["成员.姓名"],
    },
    "name",
    (m) => (m.name.trim() === "" || /[0-9A-Za-z\s]/.test(m.name) ? `姓名“${m.name}”含数字、字母或空格` : null),
  ),
  eachMember(
    {
      code: "M-046",
      title: "学龄前儿童文化程度与年龄不符",
      explanation: "文化程度为“学龄前儿童”，年龄却已满8周岁。",
      severity: "SUSPECT",
      fields: ["成员.文化程度", "成员.出生日期"],
    },
    "educationLevel",
    (m, age) => (m.educationLevel === "PRESCHOOL" && age >= 8 ? `${memberName(m)}${age}岁，文化程度仍为“学龄前儿童”` : null),
  ),
  eachMember(
    {
      code: "M-047",
      title: "大专及以上文化程度年龄过小",
      explanation: "文化程度为“大专及以上”，年龄却未满17周岁。",
      severity: "SUSPECT",
      fields: ["成员.文化程度", "成员.出生日期"],
    },
    "educationLevel",
    (m, age) => (m.educationLevel === "COLLEGE" && age < 17 ? `${memberName(m)}${age}岁，文化程度为“大专及以上”` : null),
  ),
  eachMember(
    {
      code: "M-048",
      title: "健康成年人为无劳动力",
      explanation: "16–59周岁、健康、不在校的成员登记为“无劳动力”，请核对劳动技能。",
      severity: "SUSPECT",
      fields: ["成员.出生日期", "成员.健康状况", "成员.劳动技能"],
    },
    "labourSkill",
    (m, age) =>
      age >= 16 && age <= 59 && m.health === "HEALTHY" && !IN_SCHOOL(m.schoolStatus) && m.labourSkill === "NONE"
        ? `${memberName(m)}${age}岁、健康，却登记为无劳动力`
        : null,
  ),
  eachMember(
    {
      code: "M-049",
      title: "健康成员为丧失劳动力",
      explanation: "健康状况为“健康”，劳动技能却是“丧失劳动力”。",
      severity: "SUSPECT",
      fields: ["成员.健康状况", "成员.劳动技能"],
    },
    "labourSkill",
    (m, age) => (m.health === "HEALTHY" && m.labourSkill === "LOST" && age < 60 ? `${memberName(m)}${age}岁、健康，却登记为丧失劳动力` : null),
  ),
  eachMember(
    {
      code: "M-050",
      title: "身份证地区码不在本省",
      explanation: "身份证号码前两位不是本县所在省份，多为录错或外省嫁入未迁户口，请核对。",
      severity: "SUSPECT",
      fields: ["成员.证件号码"],
    },
    "idNumber",
    (m, _age, context, facts) => {
      const result = idOf(m, context.today);
      return result.ok && result.regionCode.slice(0, 2) !== facts.household.countyCode.slice(0, 2)
        ? `${memberName(m)}的身份证地区码${result.regionCode}不在本省`
        : null;
    },
  ),
];
