/**
 * The hash a "已核实无误" mark keeps (docs/decisions/021-quality-verified-marks.md): the SHA-256 of the canonical JSON of
 * the values of the fields the rule declares it reads (`rule.fields`, "表.列" in the archive's words), for the household
 * or member of the hit. While the hash of the current data equals the stored one the hit stays quiet; when any of those
 * values changes the hash changes and the hit reopens. Pure: no I/O.
 *
 * - 成员.* fields: for a hit on a member, that member's values, plus the present 户主's when the rule compares with the
 *   户主 (it reads 成员.与户主关系); for a hit on the household, every member's values (by member id).
 * - 户.*, 收入.*, 核验表.*, 村.* fields: the household's row, its latest income, latest exit sheet, its village's conditions.
 * - 帮扶措施.* fields: every measure's values (by measure id).
 * The unit test checks that every field any rule declares has a reader here, so no rule is left unhashable.
 */
import { createHash } from "node:crypto";
import type { QualityRule } from "./define";
import type { CrossFacts, HouseholdQualityFacts, QualityIncome, QualityMember } from "./facts";

/** What the fingerprint reads: a household's facts (household-level rules) or its thin cross facts (C- rules). */
export type FingerprintFacts = HouseholdQualityFacts | CrossFacts;

type Member = Partial<QualityMember> & { id: string };
type Reader =
  | { of: "member"; keys: readonly (keyof QualityMember)[] }
  | { of: "household"; keys: readonly string[] }
  | { of: "income"; read: (income: QualityIncome) => unknown }
  | { of: "measures"; keys: readonly string[] }
  | { of: "exitSheet"; keys: readonly string[] }
  | { of: "village"; keys: readonly string[] };

const member = (...keys: (keyof QualityMember)[]): Reader => ({ of: "member", keys });
const household = (...keys: string[]): Reader => ({ of: "household", keys });
const measures = (...keys: string[]): Reader => ({ of: "measures", keys });
const exitSheet = (...keys: string[]): Reader => ({ of: "exitSheet", keys });
const income = (read: (income: QualityIncome) => unknown): Reader => ({ of: "income", read });

/** Every field label a rule may declare, and where its value is. */
export const FIELD_READERS: Readonly<Record<string, Reader>> = {
  "成员.姓名": member("name"),
  "成员.证件号码": member("idNumber"),
  "成员.性别": member("gender"),
  "成员.出生日期": member("birthDate"),
  "成员.与户主关系": member("relation"),
  "成员.文化程度": member("educationLevel"),
  "成员.在校生状况": member("schoolStatus"),
  "成员.免于就学": member("schoolingExemption"),
  "成员.健康状况": member("health"),
  "成员.残疾等级": member("disabilityGrade"),
  "成员.劳动技能": member("labourSkill"),
  "成员.务工状况": member("workStatus"),
  "成员.务工时间": member("workMonths"),
  "成员.基本医疗保险": member("basicMedicalInsurance"),
  "成员.大病保险": member("seriousIllnessInsurance"),
  "成员.养老保险": member("pensionInsurance"),
  "成员.享受低保": member("minimumLiving"),
  "成员.享受特困供养": member("extremeSupport"),
  "成员.状态": member("status"),
  "成员.状态日期": member("statusDate"),
  "成员.加入日期": member("joinedOn"),
  "户.状态": household("status"),
  "户.贫困户属性": household("attribute"),
  "户.识别年度": household("identificationYear"),
  "户.脱贫年度": household("exitYear"),
  "户.返贫原因": household("returnedReason"),
  "户.致贫原因": household("primaryCause", "otherCauses"),
  "户.主要致贫原因": household("primaryCause"),
  "户.其他致贫原因": household("otherCauses"),
  "户.联系电话": household("phone"),
  "户.帮扶责任人": household("helperId"),
  "户.耕地面积": household("farmlandMu"),
  "户.林地面积": household("forestMu"),
  "户.是否通生活用电": household("hasElectricity"),
  "户.饮水是否安全": household("drinkingWaterSafe"),
  "户.饮水是否困难": household("drinkingWaterDifficult"),
  "户.与村主干路距离": household("distanceToRoadKm"),
  "户.入户路类型": household("roadType"),
  "户.住房面积": household("housingAreaM2"),
  "户.住房安全等级": household("housingGrade"),
  "户.主要燃料类型": household("fuelType"),
  "户.不愁吃": household("foodSecure"),
  "户.不愁穿": household("clothingSecure"),
  "收入.年度": income((row) => row.year),
  "收入.各项收入": income((row) => row),
  "收入.工资性收入": income((row) => row.wageFen),
  "收入.生产经营性收入": income((row) => row.businessIncomeFen),
  "收入.生产经营性支出": income((row) => row.businessExpenseFen),
  "收入.低保金": income((row) => row.minimumLivingFen),
  "收入.特困供养金": income((row) => row.extremePovertySupportFen),
  "收入.养老金": income((row) => row.pensionFen),
  "收入.生态补偿金": income((row) => row.ecologicalCompensationFen),
  "收入.转移性收入": income((row) => [
    row.minimumLivingFen,
    row.extremePovertySupportFen,
    row.pensionFen,
    row.familyPlanningFen,
    row.ecologicalCompensationFen,
    row.otherTransferFen,
  ]),
  帮扶措施: measures("category", "item", "status", "addressedCauses", "startDate", "endDate", "outcomeFen"),
  "帮扶措施.类别": measures("category"),
  "帮扶措施.项目": measures("item"),
  "帮扶措施.状态": measures("status"),
  "帮扶措施.针对原因": measures("addressedCauses"),
  "帮扶措施.开始日期": measures("startDate"),
  "帮扶措施.结束日期": measures("endDate"),
  "帮扶措施.成效": measures("outcomeFen"),
  "核验表.状态": exitSheet("status"),
  "核验表.年度": exitSheet("assessmentYear"),
  "核验表.签字": exitSheet("id", "invalidSignatureCount"),
  "核验表.公示开始日期": exitSheet("noticePostedOn"),
  "核验表.公示结束日期": exitSheet("noticeClosedOn"),
  // signatures void because the archive changed since they were made — the sign-off chain's own evaluation.
  户档数据: exitSheet("id", "assessmentYear", "status", "invalidSignatureCount"),
  "村.通动力电": { of: "village", keys: ["powerSupply"] },
  "村.安全饮水": { of: "village", keys: ["safeWater"] },
  "村.出列": { of: "village", keys: ["exited"] },
};

function pick(row: object | null | undefined, keys: readonly string[]): unknown {
  if (!row) return null;
  return Object.fromEntries(keys.map((key) => [key, (row as Record<string, unknown>)[key] ?? null]));
}

function byId<T extends { id: string }>(rows: readonly T[], keys: readonly string[]): unknown {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((row) => [row.id, pick(row, keys)]);
}

/** JSON with object keys sorted at every level (so the same values always give the same text). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

/** The values a hit's rule read, labelled by field; throws on a field without a reader (a catalogue mistake the unit test catches). */
export function fieldValues(rule: Pick<QualityRule, "code" | "fields" | "level">, facts: FingerprintFacts, memberId: string | null): Record<string, unknown> {
  const members = facts.members as readonly Member[];
  // A C- rule's facts hold only the members of its group, so it hashes the hit's member alone.
  const comparesWithHead = rule.level !== "CROSS" && rule.fields.includes("成员.与户主关系");
  const memberRows =
    memberId === null ? members : members.filter((one) => one.id === memberId || (comparesWithHead && one.relation === "HEAD" && one.status === "PRESENT"));
  const full = facts as Partial<HouseholdQualityFacts>;
  const values: Record<string, unknown> = {};
  for (const field of rule.fields) {
    const reader = FIELD_READERS[field];
    if (!reader) throw new Error(`规则 ${rule.code} 读取的字段“${field}”没有登记读取方式（lib/data-quality/fingerprint.ts）`);
    switch (reader.of) {
      case "member":
        values[field] = byId(memberRows, reader.keys);
        break;
      case "household":
        values[field] = pick(facts.household, reader.keys);
        break;
      case "income":
        values[field] = full.income ? reader.read(full.income) : null;
        break;
      case "measures":
        values[field] = byId(full.measures ?? [], reader.keys);
        break;
      case "exitSheet":
        values[field] = pick(full.exitSheet, reader.keys);
        break;
      case "village":
        values[field] = pick(full.village, reader.keys);
        break;
    }
  }
  return values;
}

/** SHA-256 (hex) of the canonical JSON of the rule, the hit's member and field, and the values of the fields the rule reads. */
export function hitFingerprint(
  rule: Pick<QualityRule, "code" | "fields" | "level">,
  facts: FingerprintFacts,
  hit: { memberId: string | null; field: string },
): string {
  const content = { rule: rule.code, household: facts.household.id, member: hit.memberId, field: hit.field, values: fieldValues(rule, facts, hit.memberId) };
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}
