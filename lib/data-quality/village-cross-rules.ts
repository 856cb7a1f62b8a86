/** V-: the household against its village's recorded conditions; C-: rules over the county's households. */
import { RELATION } from "@/lib/domain/codes";
import { householdHit, memberHit, memberName, type CrossRule, type HouseholdRule, type QualityHit } from "./define";
import { presentMembers, type CrossFacts, type HouseholdQualityFacts } from "./facts";

function villageCheck(head: Omit<HouseholdRule, "level" | "check">, field: string, test: (facts: HouseholdQualityFacts) => string | null): HouseholdRule {
  return {
    ...head,
    level: "VILLAGE",
    check(facts) {
      const message = facts.village ? test(facts) : null;
      return message ? [householdHit(facts, field, message)] : [];
    },
  };
}

export const VILLAGE_RULES: HouseholdRule[] = [
  villageCheck(
    {
      code: "V-001",
      title: "村已通动力电，户未通生活用电",
      explanation: "村退出核验表登记已通动力电，本户却登记未通生活用电，二者需核实一致。",
      severity: "SUSPECT",
      fields: ["户.是否通生活用电", "村.通动力电"],
    },
    "hasElectricity",
    (facts) => (facts.village!.powerSupply && !facts.household.hasElectricity ? "村已通动力电，本户登记未通生活用电" : null),
  ),
  villageCheck(
    {
      code: "V-002",
      title: "村已实现安全饮水，户饮水不安全",
      explanation: "村退出核验表登记已实现安全饮水，本户却登记饮水不安全。",
      severity: "SUSPECT",
      fields: ["户.饮水是否安全", "村.安全饮水"],
    },
    "drinkingWaterSafe",
    (facts) => (facts.village!.safeWater && !facts.household.drinkingWaterSafe ? "村已实现安全饮水，本户登记饮水不安全" : null),
  ),
  villageCheck(
    {
      code: "V-003",
      title: "村已出列，户仍饮水困难",
      explanation: "贫困村已出列，本户却仍登记饮水困难，请核实。",
      severity: "SUSPECT",
      fields: ["户.饮水是否困难", "村.出列"],
    },
    "drinkingWaterDifficult",
    (facts) => (facts.village!.exited && facts.household.drinkingWaterDifficult ? "村已出列，本户仍登记饮水困难" : null),
  ),
];

/** Groups the county's households by a key; each group of more than `min` distinct households yields hits. */
function groupsOf<T>(entries: { key: string; householdId: string; value: T }[]): Map<string, { householdId: string; value: T }[]> {
  const groups = new Map<string, { householdId: string; value: T }[]>();
  for (const { key, ...entry } of entries) {
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  return groups;
}

const idKey = (member: { idNumber: string }) => member.idNumber.toUpperCase();
const nameBirthKey = (member: { name: string; birthDate: string }) => `${member.name.trim()}|${member.birthDate}`;
const headKeys = (facts: CrossFacts) =>
  presentMembers(facts)
    .filter((member) => member.relation === "HEAD")
    .map(nameBirthKey);
const otherKeys = (facts: CrossFacts) =>
  presentMembers(facts)
    .filter((member) => member.relation !== "HEAD")
    .map(nameBirthKey);

const distinctHouseholds = (group: { householdId: string }[]) => new Set(group.map((entry) => entry.householdId)).size;
const ACTIVE = (facts: CrossFacts) => facts.household.status !== "CANCELLED";

export const CROSS_RULES: CrossRule[] = [
  {
    code: "C-001",
    level: "CROSS",
    title: "同一身份证号码在两户",
    explanation: "同一个人不能在两户同时在户（数据库对新录入已拒绝，导入的历史数据仍在此列出）。",
    severity: "ERROR",
    fields: ["成员.证件号码", "成员.状态"],
    groupBy: "ID_NUMBER",
    groupKeys: (facts) => presentMembers(facts).map(idKey),
    check(county) {
      const entries = county
        .filter(ACTIVE)
        .flatMap((facts) => presentMembers(facts).map((member) => ({ key: idKey(member), householdId: facts.household.id, value: { facts, member } })));
      const hits: QualityHit[] = [];
      for (const [groupKey, group] of groupsOf(entries)) {
        if (distinctHouseholds(group) < 2) continue;
        const numbers = group.map((entry) => entry.value.facts.household.householdNo);
        for (const { value } of group)
          hits.push({
            ...memberHit(value.facts, value.member, "idNumber", `${memberName(value.member)}的身份证号码同时在户编号${numbers.join("、")}中`),
            groupKey,
          });
      }
      return hits;
    },
  },
  {
    code: "C-002",
    level: "CROSS",
    title: "同名同生日的户主在两户",
    explanation: "两户的户主姓名和出生日期完全相同，可能是同一人重复建档（证件号码录错）。",
    severity: "SUSPECT",
    fields: ["成员.姓名", "成员.出生日期", "成员.与户主关系"],
    groupBy: "NAME_BIRTH",
    groupKeys: headKeys,
    check(county) {
      const entries = county.filter(ACTIVE).flatMap((facts) =>
        presentMembers(facts)
          .filter((member) => member.relation === "HEAD")
          .map((member) => ({ key: nameBirthKey(member), householdId: facts.household.id, value: { facts, member } })),
      );
      const hits: QualityHit[] = [];
      for (const [groupKey, group] of groupsOf(entries)) {
        if (distinctHouseholds(group) < 2) continue;
        const numbers = group.map((entry) => entry.value.facts.household.householdNo);
        for (const { value } of group)
          hits.push({
            ...memberHit(
              value.facts,
              value.member,
              "name",
              `户主${memberName(value.member)}（${value.member.birthDate}）同名同生日的户主在户编号${numbers.join("、")}`,
            ),
            groupKey,
          });
      }
      return hits;
    },
  },
  {
    code: "C-003",
    level: "CROSS",
    title: "帮扶责任人联系的户数过多",
    explanation: "一名帮扶责任人联系的未脱贫户超过配置的上限（默认10户），难以落实帮扶。",
    severity: "SUSPECT",
    fields: ["户.帮扶责任人"],
    groupBy: "HELPER",
    groupKeys: (facts) => [facts.household.helperId],
    check(county, context) {
      const open = county.filter((facts) => facts.household.status === "REGISTERED" || facts.household.status === "RETURNED");
      const groups = groupsOf(open.map((facts) => ({ key: facts.household.helperId, householdId: facts.household.id, value: facts })));
      return [...groups]
        .filter(([, group]) => group.length > context.limits.householdsPerHelper)
        .flatMap(([groupKey, group]) =>
          group.map(({ value }) => ({
            ...householdHit(value, "helperId", `本户的帮扶责任人联系${group.length}户未脱贫户，超过${context.limits.householdsPerHelper}户`),
            groupKey,
          })),
        );
    },
  },
  {
    code: "C-004",
    level: "CROSS",
    title: "同一联系电话登记在多户",
    explanation: "同一个电话号码登记在超过配置户数（默认3户）的户上，多为填了村干部或帮扶人的电话。",
    severity: "SUSPECT",
    fields: ["户.联系电话"],
    groupBy: "PHONE",
    groupKeys: (facts) => (facts.household.phone?.trim() ? [facts.household.phone.trim()] : []),
    check(county, context) {
      const entries = county
        .filter((facts) => ACTIVE(facts) && facts.household.phone?.trim())
        .map((facts) => ({ key: facts.household.phone!.trim(), householdId: facts.household.id, value: facts }));
      return [...groupsOf(entries)]
        .filter(([, group]) => group.length > context.limits.householdsPerPhone)
        .flatMap(([groupKey, group]) =>
          group.map(({ value }) => ({ ...householdHit(value, "phone", `联系电话${value.household.phone}登记在${group.length}户上`), groupKey })),
        );
    },
  },
  {
    code: "C-005",
    level: "CROSS",
    title: "同名同生日的成员在两户",
    explanation: "两户各有一名姓名、出生日期相同的在户成员（非户主），可能是同一人重复登记。",
    severity: "SUSPECT",
    fields: ["成员.姓名", "成员.出生日期"],
    groupBy: "NAME_BIRTH",
    groupKeys: otherKeys,
    check(county) {
      const entries = county.filter(ACTIVE).flatMap((facts) =>
        presentMembers(facts)
          .filter((member) => member.relation !== "HEAD")
          .map((member) => ({ key: nameBirthKey(member), householdId: facts.household.id, value: { facts, member } })),
      );
      const hits: QualityHit[] = [];
      for (const [groupKey, group] of groupsOf(entries)) {
        if (distinctHouseholds(group) < 2) continue;
        for (const { value } of group)
          hits.push({
            ...memberHit(
              value.facts,
              value.member,
              "name",
              `${memberName(value.member)}（${RELATION.label(value.member.relation)}，${value.member.birthDate}）在${distinctHouseholds(group)}户中都有登记`,
            ),
            groupKey,
          });
      }
      return hits;
    },
  },
];
