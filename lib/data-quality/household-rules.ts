/** H-: rules on the household record (the 户主 checks come from lib/members/rules.ts householdWarnings). */
import { ageOn } from "@/lib/dates";
import { HOUSING_GRADE, POVERTY_CAUSE } from "@/lib/domain/codes";
import { householdWarnings, type HouseholdWarningCode } from "@/lib/members/rules";
import { householdHit, type HouseholdRule } from "./define";
import { presentMembers, type HouseholdQualityFacts, type QualityContext } from "./facts";
import { MOBILE_OR_LANDLINE } from "./member-rules";

function headWarning(facts: HouseholdQualityFacts, context: QualityContext, code: HouseholdWarningCode): string | null {
  const members = facts.members.map((m) => ({ ...m, workMonths: null }));
  const [year, month, day] = context.today.split("-").map(Number);
  return (
    householdWarnings(members, { today: new Date(year, month - 1, day), compulsorySchoolAge: context.compulsorySchoolAge }).find((w) => w.code === code)
      ?.message ?? null
  );
}

/** A household rule that yields at most one hit. */
function householdCheck(
  head: Omit<HouseholdRule, "level" | "check">,
  field: string,
  test: (facts: HouseholdQualityFacts, context: QualityContext) => string | null,
): HouseholdRule {
  return {
    ...head,
    level: "HOUSEHOLD",
    check(facts, context) {
      const message = test(facts, context);
      return message ? [householdHit(facts, field, message)] : [];
    },
  };
}

const OPEN = (facts: HouseholdQualityFacts) => facts.household.status === "REGISTERED" || facts.household.status === "RETURNED";
const causesOf = (facts: HouseholdQualityFacts) => [facts.household.primaryCause, ...facts.household.otherCauses];
const hasCause = (facts: HouseholdQualityFacts, cause: string) => causesOf(facts).includes(cause as never);
const HOUSING_ITEMS = ["危房改造", "易地扶贫搬迁"];

export const HOUSEHOLD_RULES: HouseholdRule[] = [
  householdCheck(
    { code: "H-001", title: "没有户主", explanation: "每户必须有且只有一名在户户主。", severity: "ERROR", fields: ["成员.与户主关系", "成员.状态"] },
    "relation",
    (facts, context) => (presentMembers(facts).length > 0 ? headWarning(facts, context, "NO_HEAD") : null),
  ),
  householdCheck(
    { code: "H-002", title: "有两名以上户主", explanation: "每户只能有一名在户户主。", severity: "ERROR", fields: ["成员.与户主关系", "成员.状态"] },
    "relation",
    (facts, context) => headWarning(facts, context, "MULTIPLE_HEADS"),
  ),
  householdCheck(
    { code: "H-003", title: "有两名以上配偶", explanation: "与户主关系为“配偶”的在户成员只能有一名。", severity: "ERROR", fields: ["成员.与户主关系"] },
    "relation",
    (facts) => {
      const spouses = presentMembers(facts).filter((m) => m.relation === "SPOUSE");
      return spouses.length > 1 ? `本户有${spouses.length}名在户配偶（${spouses.map((m) => m.name).join("、")}）` : null;
    },
  ),
  householdCheck(
    {
      code: "H-004",
      title: "在档户没有在户成员",
      explanation: "未脱贫户至少应有一名在户成员；全部死亡或迁出的户应办理注销。",
      severity: "ERROR",
      fields: ["成员.状态", "户.状态"],
    },
    "members",
    (facts) => (OPEN(facts) && presentMembers(facts).length === 0 ? "本户没有在户成员" : null),
  ),
  householdCheck(
    {
      code: "H-005",
      title: "联系电话格式不正确",
      explanation: "手机号码应为1开头的11位数字，固定电话为区号加7–8位号码。",
      severity: "SUSPECT",
      fields: ["户.联系电话"],
    },
    "phone",
    (facts) => {
      const phone = facts.household.phone?.trim();
      return phone && !MOBILE_OR_LANDLINE.test(phone) ? `联系电话“${phone}”不是有效的手机或固定电话号码` : null;
    },
  ),
  householdCheck(
    { code: "H-006", title: "未填联系电话", explanation: "每户应登记一个能联系上的电话，便于走访和核查。", severity: "SUSPECT", fields: ["户.联系电话"] },
    "phone",
    (facts) => (!facts.household.phone?.trim() ? "本户未填联系电话" : null),
  ),
  householdCheck(
    {
      code: "H-007",
      title: "耕地面积过大",
      explanation: "贫困户耕地面积超过配置的上限（默认100亩），多为单位录错（平方米当亩）。",
      severity: "SUSPECT",
      fields: ["户.耕地面积"],
    },
    "farmlandMu",
    (facts, context) =>
      facts.household.farmlandMu > context.limits.farmlandMu ? `耕地面积${facts.household.farmlandMu}亩，超过${context.limits.farmlandMu}亩` : null,
  ),
  householdCheck(
    { code: "H-008", title: "林地面积过大", explanation: "林地面积超过1000亩，请核对单位。", severity: "SUSPECT", fields: ["户.林地面积"] },
    "forestMu",
    (facts) => (facts.household.forestMu > 1000 ? `林地面积${facts.household.forestMu}亩，超过1000亩` : null),
  ),
  householdCheck(
    { code: "H-009", title: "住房面积过小", explanation: "住房面积不足10平方米（含未填写），请核对。", severity: "SUSPECT", fields: ["户.住房面积"] },
    "housingAreaM2",
    (facts) => (facts.household.housingAreaM2 < 10 ? `住房面积${facts.household.housingAreaM2}平方米，不足10平方米` : null),
  ),
  householdCheck(
    { code: "H-010", title: "住房面积过大", explanation: "住房面积超过300平方米，与贫困户身份不符，请核对。", severity: "SUSPECT", fields: ["户.住房面积"] },
    "housingAreaM2",
    (facts) => (facts.household.housingAreaM2 > 300 ? `住房面积${facts.household.housingAreaM2}平方米，超过300平方米` : null),
  ),
  householdCheck(
    {
      code: "H-011",
      title: "C级或D级危房没有危房改造措施",
      explanation: "住房安全等级为C级或D级的未脱贫户，应有危房改造或易地扶贫搬迁措施（计划、实施中或已完成）。",
      severity: "SUSPECT",
      fields: ["户.住房安全等级", "帮扶措施.项目", "帮扶措施.状态"],
    },
    "housingGrade",
    (facts) => {
      const grade = facts.household.housingGrade;
      if (!OPEN(facts) || (grade !== "C" && grade !== "D")) return null;
      const has = facts.measures.some((m) => m.status !== "TERMINATED" && HOUSING_ITEMS.includes(m.item));
      return has ? null : `住房安全等级为${HOUSING_GRADE.label(grade)}，没有危房改造或易地扶贫搬迁措施`;
    },
  ),
  householdCheck(
    {
      code: "H-012",
      title: "危房改造已完成但仍为D级",
      explanation: "危房改造已完成，住房安全等级应重新鉴定，不应仍为D级。",
      severity: "SUSPECT",
      fields: ["户.住房安全等级", "帮扶措施.项目", "帮扶措施.状态"],
    },
    "housingGrade",
    (facts) => {
      const done = facts.measures.find((m) => m.status === "COMPLETED" && m.item === "危房改造");
      return done && facts.household.housingGrade === "D" ? `危房改造已完成${done.endDate ? `（${done.endDate}）` : ""}，住房安全等级仍为D级` : null;
    },
  ),
  householdCheck(
    { code: "H-013", title: "未评定住房安全等级", explanation: "每户都应有住房安全等级（A/B/C/D）。", severity: "ERROR", fields: ["户.住房安全等级"] },
    "housingGrade",
    (facts) => (facts.household.housingGrade === null ? "未评定住房安全等级" : null),
  ),
  householdCheck(
    {
      code: "H-014",
      title: "与村主干路距离过远",
      explanation: "与村主干路距离超过50公里，多为单位录错（米当公里）。",
      severity: "SUSPECT",
      fields: ["户.与村主干路距离"],
    },
    "distanceToRoadKm",
    (facts) => (facts.household.distanceToRoadKm > 50 ? `与村主干路距离${facts.household.distanceToRoadKm}公里` : null),
  ),
  householdCheck(
    {
      code: "H-015",
      title: "饮水安全却又饮水困难",
      explanation: "“饮水是否安全”为是，“饮水是否困难”也为是，请核对。",
      severity: "SUSPECT",
      fields: ["户.饮水是否安全", "户.饮水是否困难"],
    },
    "drinkingWaterDifficult",
    (facts) => (facts.household.drinkingWaterSafe && facts.household.drinkingWaterDifficult ? "饮水安全与饮水困难同时为“是”" : null),
  ),
  householdCheck(
    {
      code: "H-016",
      title: "未通生活用电却以电为主要燃料",
      explanation: "未通生活用电，主要燃料却是“电”。",
      severity: "ERROR",
      fields: ["户.是否通生活用电", "户.主要燃料类型"],
    },
    "fuelType",
    (facts) => (!facts.household.hasElectricity && facts.household.fuelType === "ELECTRIC" ? "未通生活用电，主要燃料却是电" : null),
  ),
  householdCheck(
    {
      code: "H-017",
      title: "其他致贫原因重复主要致贫原因",
      explanation: "其他致贫原因不应再选主要致贫原因。",
      severity: "SUSPECT",
      fields: ["户.主要致贫原因", "户.其他致贫原因"],
    },
    "otherCauses",
    (facts) =>
      facts.household.otherCauses.includes(facts.household.primaryCause)
        ? `其他致贫原因中重复了主要致贫原因“${POVERTY_CAUSE.label(facts.household.primaryCause)}”`
        : null,
  ),
  householdCheck(
    { code: "H-018", title: "识别年度不合理", explanation: "识别年度应在2014年（建档立卡开始）到今年之间。", severity: "ERROR", fields: ["户.识别年度"] },
    "identificationYear",
    (facts, context) => {
      const year = facts.household.identificationYear;
      return year < 2014 || year > Number(context.today.slice(0, 4)) ? `识别年度为${year}年` : null;
    },
  ),
  householdCheck(
    { code: "H-019", title: "脱贫年度早于识别年度", explanation: "脱贫年度不能早于识别年度。", severity: "ERROR", fields: ["户.脱贫年度", "户.识别年度"] },
    "exitYear",
    (facts) =>
      facts.household.exitYear !== null && facts.household.exitYear < facts.household.identificationYear
        ? `脱贫年度${facts.household.exitYear}年早于识别年度${facts.household.identificationYear}年`
        : null,
  ),
  householdCheck(
    { code: "H-020", title: "已脱贫户没有脱贫年度", explanation: "已脱贫户应有脱贫年度。", severity: "ERROR", fields: ["户.状态", "户.脱贫年度"] },
    "exitYear",
    (facts) => (facts.household.status === "EXITED" && facts.household.exitYear === null ? "已脱贫，但没有脱贫年度" : null),
  ),
  householdCheck(
    { code: "H-021", title: "在档户填了脱贫年度", explanation: "从未脱贫的在档户不应有脱贫年度。", severity: "SUSPECT", fields: ["户.状态", "户.脱贫年度"] },
    "exitYear",
    (facts) => (facts.household.status === "REGISTERED" && facts.household.exitYear !== null ? `在档户填了脱贫年度${facts.household.exitYear}年` : null),
  ),
  householdCheck(
    { code: "H-022", title: "返贫户没有返贫原因", explanation: "返贫户应登记新的致贫（返贫）原因。", severity: "ERROR", fields: ["户.状态", "户.返贫原因"] },
    "returnedReason",
    (facts) => (facts.household.status === "RETURNED" && !facts.household.returnedReason?.trim() ? "已返贫，但没有登记返贫原因" : null),
  ),
  householdCheck(
    {
      code: "H-023",
      title: "低保贫困户没有享受低保的成员",
      explanation: "贫困户属性为“低保贫困户”，成员中却没有人享受低保。",
      severity: "SUSPECT",
      fields: ["户.贫困户属性", "成员.享受低保"],
    },
    "attribute",
    (facts) =>
      facts.household.attribute === "LOW_INCOME" && !presentMembers(facts).some((m) => m.minimumLiving) ? "低保贫困户，但在户成员中没有人享受低保" : null,
  ),
  householdCheck(
    {
      code: "H-024",
      title: "特困供养贫困户没有享受特困供养的成员",
      explanation: "贫困户属性为“特困供养贫困户”，成员中却没有人享受特困供养。",
      severity: "SUSPECT",
      fields: ["户.贫困户属性", "成员.享受特困供养"],
    },
    "attribute",
    (facts) =>
      facts.household.attribute === "EXTREME" && !presentMembers(facts).some((m) => m.extremeSupport) ? "特困供养贫困户，但在户成员中没有人享受特困供养" : null,
  ),
  householdCheck(
    {
      code: "H-025",
      title: "因病致贫却没有患病成员",
      explanation: "致贫原因有“因病”，在户成员中却没有长期慢性病或患有大病的人。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "成员.健康状况"],
    },
    "primaryCause",
    (facts) =>
      hasCause(facts, "ILLNESS") && !presentMembers(facts).some((m) => m.health === "CHRONIC" || m.health === "SERIOUS")
        ? "致贫原因有因病，但没有患长期慢性病或大病的在户成员"
        : null,
  ),
  householdCheck(
    {
      code: "H-026",
      title: "因残致贫却没有残疾成员",
      explanation: "致贫原因有“因残”，在户成员中却没有残疾人。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "成员.健康状况"],
    },
    "primaryCause",
    (facts) => (hasCause(facts, "DISABILITY") && !presentMembers(facts).some((m) => m.health === "DISABLED") ? "致贫原因有因残，但没有残疾的在户成员" : null),
  ),
  householdCheck(
    {
      code: "H-027",
      title: "因学致贫却没有在校生",
      explanation: "致贫原因有“因学”，在户成员中却没有在校生。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "成员.在校生状况"],
    },
    "primaryCause",
    (facts) =>
      hasCause(facts, "SCHOOLING") && !presentMembers(facts).some((m) => m.schoolStatus !== "NOT_IN_SCHOOL" && m.schoolStatus !== "PRESCHOOL")
        ? "致贫原因有因学，但没有在校读书的在户成员"
        : null,
  ),
  householdCheck(
    {
      code: "H-028",
      title: "缺劳力却有两名以上劳动力",
      explanation: "致贫原因有“缺劳力”，却有两名以上普通或技能劳动力。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "成员.劳动技能"],
    },
    "primaryCause",
    (facts) => {
      const able = presentMembers(facts).filter((m) => m.labourSkill === "GENERAL" || m.labourSkill === "SKILLED").length;
      return hasCause(facts, "LACK_LABOUR") && able >= 2 ? `致贫原因有缺劳力，但有${able}名普通或技能劳动力` : null;
    },
  ),
  householdCheck(
    {
      code: "H-029",
      title: "缺水致贫却饮水安全不困难",
      explanation: "致贫原因有“缺水”，饮水却安全且不困难。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "户.饮水是否安全", "户.饮水是否困难"],
    },
    "primaryCause",
    (facts) =>
      hasCause(facts, "LACK_WATER") && facts.household.drinkingWaterSafe && !facts.household.drinkingWaterDifficult
        ? "致贫原因有缺水，但饮水安全且不困难"
        : null,
  ),
  householdCheck(
    {
      code: "H-030",
      title: "交通条件落后却通硬化路且离主干路近",
      explanation: "致贫原因有“交通条件落后”，入户路却是硬化路且离村主干路不到1公里。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "户.入户路类型", "户.与村主干路距离"],
    },
    "primaryCause",
    (facts) =>
      hasCause(facts, "POOR_TRANSPORT") && facts.household.roadType === "HARDENED" && facts.household.distanceToRoadKm < 1
        ? "致贫原因有交通条件落后，但入户路已硬化且距主干路不到1公里"
        : null,
  ),
  householdCheck(
    {
      code: "H-031",
      title: "缺土地却耕地较多",
      explanation: "致贫原因有“缺土地”，耕地却超过10亩。",
      severity: "SUSPECT",
      fields: ["户.致贫原因", "户.耕地面积"],
    },
    "primaryCause",
    (facts) => (hasCause(facts, "LACK_LAND") && facts.household.farmlandMu > 10 ? `致贫原因有缺土地，但耕地${facts.household.farmlandMu}亩` : null),
  ),
  householdCheck(
    {
      code: "H-032",
      title: "特困供养户有青壮年劳动力",
      explanation: "特困供养对象应无劳动能力，户内却有16–59岁的普通或技能劳动力。",
      severity: "SUSPECT",
      fields: ["户.贫困户属性", "成员.劳动技能", "成员.出生日期"],
    },
    "attribute",
    (facts, context) => {
      if (facts.household.attribute !== "EXTREME") return null;
      const able = presentMembers(facts).find((m) => {
        const age = ageOn(m.birthDate, context.today);
        return age !== null && age >= 16 && age <= 59 && (m.labourSkill === "GENERAL" || m.labourSkill === "SKILLED");
      });
      return able ? `特困供养贫困户，但${able.name}是青壮年劳动力` : null;
    },
  ),
  householdCheck(
    { code: "H-033", title: "在户人口超过15人", explanation: "一户在户人口超过15人，多为分户未处理或重复录入。", severity: "SUSPECT", fields: ["成员.状态"] },
    "members",
    (facts) => (presentMembers(facts).length > 15 ? `在户人口${presentMembers(facts).length}人` : null),
  ),
];
