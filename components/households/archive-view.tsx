import {
  EDUCATION_LEVEL,
  FUEL_TYPE,
  HEALTH,
  HOUSEHOLD_ATTRIBUTE,
  HOUSEHOLD_STATUS,
  HOUSING_GRADE,
  IDENTIFICATION_STANDARD,
  LABOUR_SKILL,
  MEMBER_STATUS,
  POVERTY_CAUSE,
  RELATION,
  ROAD_TYPE,
  SCHOOL_STATUS,
  SCHOOLING_EXEMPTION,
} from "@/lib/domain/codes";
import type { HouseholdArchive } from "@/lib/households/get-household-archive";
import { formatFen } from "@/lib/income/money";

const yesNo = (value: boolean) => (value ? "是" : "否");
const label = (set: { labels: Record<string, string> }, code: string | null | undefined) => (code ? (set.labels[code] ?? code) : "—");

export function BasicInfo({ archive }: { archive: Pick<HouseholdArchive, "household"> }) {
  const h = archive.household;
  const items: [string, React.ReactNode][] = [
    [
      "户编号",
      <span key="no" className="font-mono">
        {h.householdNo}
      </span>,
    ],
    ["所属", `${h.township.name} ${h.village.name}${h.villageGroup ? ` ${h.villageGroup}` : ""}`],
    ["住址", h.address],
    ["联系电话", h.phone ?? "—"],
    ["贫困户属性", label(HOUSEHOLD_ATTRIBUTE, h.attribute)],
    ["识别标准 / 年度", `${label(IDENTIFICATION_STANDARD, h.identificationStandard)} / ${h.identificationYear}`],
    ["主要致贫原因", label(POVERTY_CAUSE, h.primaryCause)],
    ["其他致贫原因", h.otherCauses.length ? h.otherCauses.map((cause) => label(POVERTY_CAUSE, cause)).join("、") : "无"],
    ["帮扶责任人", `${h.helper.displayName}${h.helper.phone ? `（${h.helper.phone}）` : ""}`],
    ["状态", `${label(HOUSEHOLD_STATUS, h.status)}${h.exitYear ? `（${h.exitYear} 年脱贫）` : ""}`],
    ["耕地 / 林地", `${h.farmlandMu} 亩 / ${h.forestMu} 亩`],
    ["住房", `${h.housingAreaM2} ㎡，${label(HOUSING_GRADE, h.housingGrade)}`],
    ["饮水", `安全：${yesNo(h.drinkingWaterSafe)}；困难：${yesNo(h.drinkingWaterDifficult)}`],
    ["用电 / 广播电视", `${yesNo(h.hasElectricity)} / ${yesNo(h.hasBroadcastTv)}`],
    ["入户路 / 距主干路", `${label(ROAD_TYPE, h.roadType)} / ${h.distanceToRoadKm} 公里`],
    ["卫生厕所 / 燃料", `${yesNo(h.hasSanitaryToilet)} / ${label(FUEL_TYPE, h.fuelType)}`],
    ["加入合作社", yesNo(h.inCooperative)],
    ["不愁吃 / 不愁穿", `${yesNo(h.foodSecure)} / ${yesNo(h.clothingSecure)}`],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 print:grid-cols-2">
      {items.map(([term, value]) => (
        <div key={term} className="flex gap-2 border-b border-slate-100 py-1">
          <dt className="w-32 shrink-0 text-slate-500">{term}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type MemberRow = HouseholdArchive["members"][number];

export function memberSummary(member: MemberRow): string {
  const parts = [
    label(EDUCATION_LEVEL, member.educationLevel),
    label(SCHOOL_STATUS, member.schoolStatus),
    member.schoolingExemption !== "NONE" ? label(SCHOOLING_EXEMPTION, member.schoolingExemption) : null,
    label(HEALTH, member.health) + (member.disabilityGrade ? `（${member.disabilityGrade}）` : ""),
    label(LABOUR_SKILL, member.labourSkill),
    member.workMonths ? `务工 ${member.workMonths} 个月` : null,
  ];
  return parts.filter(Boolean).join("，");
}

export function insuranceSummary(member: MemberRow): string {
  const parts = [
    member.basicMedicalInsurance ? "基本医保" : null,
    member.seriousIllnessInsurance ? "大病保险" : null,
    member.pensionInsurance ? "养老保险" : null,
    member.minimumLiving ? "低保" : null,
    member.extremeSupport ? "特困供养" : null,
  ];
  return parts.filter(Boolean).join("、") || "无";
}

export const memberStatusText = (member: MemberRow) =>
  member.status === "PRESENT" ? "在户" : `${label(MEMBER_STATUS, member.status)}（${member.statusDate}）`;

export const relationText = (member: MemberRow) => label(RELATION, member.relation);

export function IncomeYear({ income }: { income: HouseholdArchive["incomes"][number] }) {
  const below = income.comparison.status === "AT_OR_BELOW";
  return (
    <div
      className={`rounded-md border p-3 text-sm ${below ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
      data-testid={`income-${income.record.year}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{income.record.year} 年</span>
        <span>
          人均纯收入{" "}
          <strong className={below ? "text-red-700" : ""}>{income.result.perCapitaFen === null ? "—" : `${formatFen(income.result.perCapitaFen)} 元`}</strong>
          {" · "}贫困线 {income.lineFen === null ? <span className="text-amber-700">未设置</span> : `${formatFen(income.lineFen)} 元`}
        </span>
      </div>
      <p className="mt-1 break-all text-xs text-slate-600">{income.result.formula}</p>
      <p className="mt-1 text-xs">
        政策性收入占比：{income.result.policyShare.percent ?? "—"}（转移性收入 {formatFen(income.result.transferFen)} 元）
      </p>
      <p className={`mt-1 text-xs ${below ? "font-medium text-red-700" : "text-slate-600"}`}>{income.comparison.message}</p>
      {income.record.medicalOutOfPocketFen !== null ? (
        <p className="mt-1 text-xs text-slate-600">合规自付医疗费用 {formatFen(income.record.medicalOutOfPocketFen)} 元（不计入收入）</p>
      ) : null}
    </div>
  );
}
