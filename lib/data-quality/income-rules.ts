/** I-: rules on the latest income record; the arithmetic is lib/income/rules.ts. */
import { ageOn } from "@/lib/dates";
import { computeIncome, isAboveLine, type IncomeComponents } from "@/lib/income/rules";
import { formatFen } from "@/lib/income/money";
import { householdHit, type HouseholdRule } from "./define";
import { presentMembers, type HouseholdQualityFacts, type QualityContext, type QualityIncome } from "./facts";

export function incomeComponents(income: QualityIncome): IncomeComponents {
  return {
    wageFen: income.wageFen,
    businessIncomeFen: income.businessIncomeFen,
    businessExpenseFen: income.businessExpenseFen,
    propertyFen: income.propertyFen,
    transfer: {
      minimumLivingFen: income.minimumLivingFen,
      extremePovertySupportFen: income.extremePovertySupportFen,
      pensionFen: income.pensionFen,
      familyPlanningFen: income.familyPlanningFen,
      ecologicalCompensationFen: income.ecologicalCompensationFen,
      otherTransferFen: income.otherTransferFen,
    },
  };
}

const OPEN = (facts: HouseholdQualityFacts) => facts.household.status === "REGISTERED" || facts.household.status === "RETURNED";

function incomeCheck(
  head: Omit<HouseholdRule, "level" | "check">,
  field: string,
  test: (income: QualityIncome, facts: HouseholdQualityFacts, context: QualityContext) => string | null,
): HouseholdRule {
  return {
    ...head,
    level: "INCOME",
    check(facts, context) {
      if (!facts.income) return [];
      const message = test(facts.income, facts, context);
      return message ? [householdHit(facts, field, `${facts.income.year}年度：${message}`)] : [];
    },
  };
}

const yuan = (fen: number) => `${formatFen(fen)}元`;
const ableWorkers = (facts: HouseholdQualityFacts, today: string) =>
  presentMembers(facts).filter((m) => {
    const age = ageOn(m.birthDate, today);
    return age !== null && age >= 16 && age <= 59 && (m.labourSkill === "GENERAL" || m.labourSkill === "SKILLED");
  });

export const INCOME_RULES: HouseholdRule[] = [
  {
    code: "I-001",
    level: "INCOME",
    title: "未脱贫户没有近两年的收入记录",
    explanation: "未脱贫户每年都应核算收入；没有今年或上一年度的收入记录，无法判断是否达标。",
    severity: "SUSPECT",
    fields: ["收入.年度"],
    check: (facts, context) => {
      const year = Number(context.today.slice(0, 4));
      if (!OPEN(facts) || (facts.income && facts.income.year >= year - 1)) return [];
      return [householdHit(facts, "income", facts.income ? `最近的收入记录是${facts.income.year}年度` : "没有任何年度的收入记录")];
    },
  },
  incomeCheck(
    {
      code: "I-002",
      title: "人均纯收入远高于贫困线却未脱贫",
      explanation: "人均纯收入超过当年贫困线的配置倍数（默认2倍）仍未脱贫，请核对收入或启动退出程序。",
      severity: "SUSPECT",
      fields: ["收入.各项收入", "成员.状态", "户.状态"],
    },
    "netIncome",
    (income, facts, context) => {
      const line = context.povertyLines.get(income.year);
      const people = presentMembers(facts).length;
      if (!OPEN(facts) || line === undefined || people === 0) return null;
      const result = computeIncome(incomeComponents(income), people);
      // Exact: net × 100 > line × percent × people (the comparison of isAboveLine, scaled by the configured percentage).
      const percent = context.limits.perCapitaLinePercent;
      return isAboveLine(result.netIncomeFen * 100, people, line * percent)
        ? `人均纯收入${yuan(result.perCapitaFen!)}，超过贫困线${yuan(line)}的${percent / 100}倍，仍未脱贫`
        : null;
    },
  ),
  incomeCheck(
    {
      code: "I-003",
      title: "转移性收入占比超过50%",
      explanation: "政策性（转移性）收入占家庭纯收入一半以上，脱贫不稳定，应重点关注增收措施。",
      severity: "SUSPECT",
      fields: ["收入.转移性收入", "收入.各项收入"],
    },
    "transfer",
    (income) => {
      const result = computeIncome(incomeComponents(income), 1);
      return result.netIncomeFen > 0 && result.transferFen * 2 > result.netIncomeFen ? `转移性收入占比${result.policyShare.percent}，超过50%` : null;
    },
  ),
  incomeCheck(
    {
      code: "I-004",
      title: "生产经营性支出大于收入",
      explanation: "生产经营性支出超过生产经营性收入，请核对是否漏填收入或多填支出。",
      severity: "SUSPECT",
      fields: ["收入.生产经营性收入", "收入.生产经营性支出"],
    },
    "businessExpense",
    (income) =>
      income.businessExpenseFen > income.businessIncomeFen
        ? `生产经营性支出${yuan(income.businessExpenseFen)}大于生产经营性收入${yuan(income.businessIncomeFen)}`
        : null,
  ),
  incomeCheck(
    {
      code: "I-005",
      title: "有劳动力却没有任何收入",
      explanation: "户内有16–59岁的劳动力，全年各项收入却都是0。",
      severity: "SUSPECT",
      fields: ["收入.各项收入", "成员.劳动技能"],
    },
    "netIncome",
    (income, facts, context) => {
      const gross = income.wageFen + income.businessIncomeFen + income.propertyFen + computeIncome(incomeComponents(income), 1).transferFen;
      const able = ableWorkers(facts, context.today);
      return gross === 0 && able.length > 0 ? `有${able.length}名劳动力，全年收入为0` : null;
    },
  ),
  incomeCheck(
    {
      code: "I-006",
      title: "有工资性收入却没有务工成员",
      explanation: "填了工资性收入，在户成员却都是“未务工”。",
      severity: "SUSPECT",
      fields: ["收入.工资性收入", "成员.务工状况"],
    },
    "wage",
    (income, facts) =>
      income.wageFen > 0 && !presentMembers(facts).some((m) => m.workStatus !== "NONE") ? `工资性收入${yuan(income.wageFen)}，但没有务工的在户成员` : null,
  ),
  incomeCheck(
    {
      code: "I-007",
      title: "有务工成员却没有工资性收入",
      explanation: "有成员务工，工资性收入却是0。",
      severity: "SUSPECT",
      fields: ["收入.工资性收入", "成员.务工状况"],
    },
    "wage",
    (income, facts) => {
      const workers = presentMembers(facts).filter((m) => m.workStatus !== "NONE");
      return income.wageFen === 0 && workers.length > 0 ? `${workers.map((m) => m.name).join("、")}务工，工资性收入却为0` : null;
    },
  ),
  incomeCheck(
    { code: "I-008", title: "家庭纯收入为负数", explanation: "各项收入减去生产经营性支出后为负数，请核对。", severity: "ERROR", fields: ["收入.各项收入"] },
    "netIncome",
    (income) => {
      const net = computeIncome(incomeComponents(income), 1).netIncomeFen;
      return net < 0 ? `家庭纯收入${yuan(net)}` : null;
    },
  ),
  incomeCheck(
    {
      code: "I-009",
      title: "有低保金却没有享受低保的成员",
      explanation: "收入中有低保金，在户成员却没有人享受低保。",
      severity: "SUSPECT",
      fields: ["收入.低保金", "成员.享受低保"],
    },
    "minimumLiving",
    (income, facts) =>
      income.minimumLivingFen > 0 && !presentMembers(facts).some((m) => m.minimumLiving)
        ? `低保金${yuan(income.minimumLivingFen)}，但没有享受低保的在户成员`
        : null,
  ),
  incomeCheck(
    {
      code: "I-010",
      title: "享受低保却没有低保金",
      explanation: "有成员享受低保，收入中的低保金却是0。",
      severity: "SUSPECT",
      fields: ["收入.低保金", "成员.享受低保"],
    },
    "minimumLiving",
    (income, facts) => (income.minimumLivingFen === 0 && presentMembers(facts).some((m) => m.minimumLiving) ? "有成员享受低保，低保金却为0" : null),
  ),
  incomeCheck(
    {
      code: "I-011",
      title: "有特困供养金却没有特困供养成员",
      explanation: "收入中有特困供养金，在户成员却没有人享受特困供养。",
      severity: "SUSPECT",
      fields: ["收入.特困供养金", "成员.享受特困供养"],
    },
    "extremePovertySupport",
    (income, facts) =>
      income.extremePovertySupportFen > 0 && !presentMembers(facts).some((m) => m.extremeSupport)
        ? `特困供养金${yuan(income.extremePovertySupportFen)}，但没有享受特困供养的在户成员`
        : null,
  ),
  incomeCheck(
    {
      code: "I-012",
      title: "享受特困供养却没有特困供养金",
      explanation: "有成员享受特困供养，收入中的特困供养金却是0。",
      severity: "SUSPECT",
      fields: ["收入.特困供养金", "成员.享受特困供养"],
    },
    "extremePovertySupport",
    (income, facts) =>
      income.extremePovertySupportFen === 0 && presentMembers(facts).some((m) => m.extremeSupport) ? "有成员享受特困供养，特困供养金却为0" : null,
  ),
  incomeCheck(
    {
      code: "I-013",
      title: "有养老金却没有60岁以上成员",
      explanation: "城乡居民养老金从60周岁起领取，户内却没有60岁以上的在户成员。",
      severity: "SUSPECT",
      fields: ["收入.养老金", "成员.出生日期"],
    },
    "pension",
    (income, facts, context) =>
      income.pensionFen > 0 && !presentMembers(facts).some((m) => (ageOn(m.birthDate, context.today) ?? 0) >= 60)
        ? `养老金${yuan(income.pensionFen)}，但没有60岁以上的在户成员`
        : null,
  ),
  incomeCheck(
    {
      code: "I-014",
      title: "有参保的60岁以上成员却没有养老金",
      explanation: "60岁以上成员参加了城乡居民养老保险，收入中养老金却是0。",
      severity: "SUSPECT",
      fields: ["收入.养老金", "成员.养老保险", "成员.出生日期"],
    },
    "pension",
    (income, facts, context) => {
      const elder = presentMembers(facts).find((m) => m.pensionInsurance && (ageOn(m.birthDate, context.today) ?? 0) >= 60);
      return income.pensionFen === 0 && elder ? `${elder.name}60岁以上且参加养老保险，养老金却为0` : null;
    },
  ),
  incomeCheck(
    { code: "I-015", title: "收入年度晚于今年", explanation: "收入记录的年度不能晚于今年。", severity: "ERROR", fields: ["收入.年度"] },
    "year",
    (income, _facts, context) => (income.year > Number(context.today.slice(0, 4)) ? `收入年度${income.year}年晚于今年` : null),
  ),
  incomeCheck(
    {
      code: "I-016",
      title: "有生态补偿金却没有林地",
      explanation: "生态补偿金一般随林地（公益林、退耕还林）发放，本户林地面积为0。",
      severity: "SUSPECT",
      fields: ["收入.生态补偿金", "户.林地面积"],
    },
    "ecologicalCompensation",
    (income, facts) =>
      income.ecologicalCompensationFen > 0 && facts.household.forestMu === 0 ? `生态补偿金${yuan(income.ecologicalCompensationFen)}，林地面积却为0` : null,
  ),
  incomeCheck(
    {
      code: "I-017",
      title: "有生产经营性收入却没有土地和产业措施",
      explanation: "有生产经营性收入，却没有耕地、林地，也没有产业帮扶措施，请核对收入来源。",
      severity: "SUSPECT",
      fields: ["收入.生产经营性收入", "户.耕地面积", "户.林地面积", "帮扶措施.类别"],
    },
    "businessIncome",
    (income, facts) =>
      income.businessIncomeFen > 0 &&
      facts.household.farmlandMu === 0 &&
      facts.household.forestMu === 0 &&
      !facts.measures.some((m) => m.category === "INDUSTRY")
        ? `生产经营性收入${yuan(income.businessIncomeFen)}，但没有耕地、林地和产业措施`
        : null,
  ),
];
