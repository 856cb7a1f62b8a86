/** Pure rules of 防止返贫动态监测 (docs/domain.md §19). No I/O: every figure comes in as an argument. */
import { formatYuan, type CriterionResult, type Fact } from "@/lib/exits/criterion";
import { evaluateClothing, evaluateEducation, evaluateFood, evaluateHousing, evaluateMedical, type ExitSnapshot } from "@/lib/exits/household/criteria";
import { isAboveLine, perCapitaFen } from "@/lib/income/rules";
import { MEASURE_CATEGORY, type MeasureCategory } from "@/lib/domain/codes";

/** A monitoring object carries at most this many 致贫/返贫风险. */
export const MAX_RISKS = 5;

/** 2021 monitoring line (元/人·年, in fen), seeded by the migration; later years are set by the county office. */
export const DEFAULT_MONITORING_LINE_FEN = 600_000;

/** The margin above the line within which a household still counts as at risk, in ‰ of the line (default 50 %: 1.5 × the line). */
export const DEFAULT_MARGIN_PERMILLE = 500;

export type LineLookup = { ok: true; year: number; amountFen: number } | { ok: false; year: number; message: string };

/** The monitoring line of a year; a year without a line is never guessed from another year. */
export function monitoringLineFor(year: number, lines: ReadonlyMap<number, number>): LineLookup {
  const amountFen = lines.get(year);
  if (amountFen === undefined) return { ok: false, year, message: `未设置 ${year} 年的监测线，无法按收入筛查该年度` };
  return { ok: true, year, amountFen };
}

/** The upper edge of the margin: line × (1 + margin), rounded down to the fen. */
export function marginCeilingFen(lineFen: number, marginPermille: number): number {
  return Math.floor((lineFen * (1000 + marginPermille)) / 1000);
}

export type IncomeBand = "BELOW_LINE" | "WITHIN_MARGIN" | "ABOVE_MARGIN" | "NO_MEMBERS";

/**
 * 人均纯收入 against the line, decided on exact totals like the exit check (lib/income/rules.ts#isAboveLine),
 * never on a rounded per-capita figure: net < line × members is BELOW_LINE; from exactly the line up to
 * and including line × (1 + margin) × members is WITHIN_MARGIN; above that, ABOVE_MARGIN.
 */
export function incomeBand(netIncomeFen: number, presentMembers: number, lineFen: number, marginPermille: number): IncomeBand {
  if (presentMembers <= 0) return "NO_MEMBERS";
  const net = BigInt(netIncomeFen) * 1000n;
  const line = BigInt(lineFen) * BigInt(presentMembers) * 1000n;
  if (net < line) return "BELOW_LINE";
  if (net <= BigInt(lineFen) * BigInt(presentMembers) * BigInt(1000 + marginPermille)) return "WITHIN_MARGIN";
  return "ABOVE_MARGIN";
}

/** Why a risk cannot be added (null: it can). */
export function riskRefusal(existing: readonly string[], adding: string, typeRetired: boolean): string | null {
  if (typeRetired) return "该风险类型已停用，请选择其他类型";
  if (existing.includes(adding)) return "该户已登记此类风险";
  if (existing.length >= MAX_RISKS) return `每户最多登记 ${MAX_RISKS} 项风险`;
  return null;
}

/**
 * A monitoring object outside the archive was never 建档立卡, so it has no registration year; it is
 * allowed and shown with this flag.
 */
export function registrationFlag(object: { householdId: string | null; identificationYear: number | null }): string | null {
  if (object.householdId === null) return "未建档立卡（无识别年度）";
  return object.identificationYear === null ? "无识别年度" : null;
}

// ---------------------------------------------------------------------------
// 风险消除 conditions (server-enforced; the 风险消除 chain's criteria)
// ---------------------------------------------------------------------------

/** How long after identification (its 公告) risks may be eliminated, by default. */
export const DEFAULT_ELIMINATION_MIN_MONTHS = 6;
/** 村内公示 of the monitoring procedures, by default. */
export const DEFAULT_MONITORING_NOTICE_DAYS = 5;

export const ELIMINATION_CRITERION_LABELS = {
  LABOUR: "有劳动能力",
  DURATION: "监测时长",
  INCOME: "收入稳定超过监测线",
  FOOD_WATER: "不愁吃、饮水安全",
  CLOTHING: "不愁穿",
  EDUCATION: "义务教育有保障",
  MEDICAL: "基本医疗有保障",
  HOUSING: "住房安全有保障",
  RISKS: "风险均已消除",
} as const;
export type EliminationCriterionCode = keyof typeof ELIMINATION_CRITERION_LABELS;
export type EliminationCriterion = CriterionResult<EliminationCriterionCode>;

/** Labour skills that mean no labour capacity (lib/domain/codes.ts LABOUR_SKILL). */
const NO_LABOUR_SKILLS: readonly string[] = ["NONE", "LOST"];

/** 整户无劳动力: the household has present members and none of them can work. */
export function hasNoLabour(presentMemberSkills: readonly string[]): boolean {
  return presentMemberSkills.length > 0 && presentMemberSkills.every((skill) => NO_LABOUR_SKILLS.includes(skill));
}

/** "2024-01-31" + 1 month → "2024-02-29": the same day of month, or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
}

export type EliminationFacts = {
  /** YYYY-MM-DD */
  today: string;
  /** When the current 识别纳入 was announced; null: never identified. */
  identifiedOn: string | null;
  minMonths: number;
  /** The latest year (last year) and the current year, each with its income record (null: none) and its monitoring line (null: none). */
  years: { year: number; income: { netIncomeFen: number; presentMembers: number } | null; lineFen: number | null }[];
  /** The household's 三保障 snapshot, evaluated with the exit criteria functions; null for a household outside the archive. */
  snapshot: ExitSnapshot | null;
  presentMemberSkills: string[];
  risks: { label: string; resolvedOn: string | null }[];
};

function criterion(code: EliminationCriterionCode, met: boolean, reason: string, facts: Fact[] = []): EliminationCriterion {
  return { code, label: ELIMINATION_CRITERION_LABELS[code], met, reason, facts };
}

function yearIncome(entry: EliminationFacts["years"][number]): { met: boolean; text: string; fact: Fact } {
  const { year, income, lineFen } = entry;
  if (lineFen === null) return { met: false, text: `未设置 ${year} 年的监测线，无法判断`, fact: { label: `${year}年`, value: "无监测线" } };
  if (!income) return { met: false, text: `没有 ${year} 年的收入记录`, fact: { label: `${year}年`, value: "无收入记录" } };
  if (income.presentMembers <= 0) return { met: false, text: `${year} 年在户人口为 0，无法计算人均纯收入`, fact: { label: `${year}年`, value: "无在户人口" } };
  const perCapita = perCapitaFen(income.netIncomeFen, income.presentMembers) ?? 0;
  const fact = { label: `${year}年人均纯收入`, value: `${formatYuan(perCapita)}（监测线 ${formatYuan(lineFen)}）` };
  if (isAboveLine(income.netIncomeFen, income.presentMembers, lineFen)) return { met: true, text: `${year} 年人均纯收入高于监测线`, fact };
  const at = BigInt(income.netIncomeFen) === BigInt(lineFen) * BigInt(income.presentMembers);
  return { met: false, text: at ? `${year} 年人均纯收入恰好等于监测线，须高于监测线` : `${year} 年人均纯收入低于监测线`, fact };
}

/**
 * Whether a monitored household's risks may be eliminated, every condition with its reason:
 * never for a household where no present member can work (it stays monitored under 综合保障);
 * not before `minMonths` after identification; income above the monitoring line in the latest
 * and the current year (exactly at the line is not above, like the exit check); 不愁吃 and safe
 * drinking water, 不愁穿, and the 三保障 as the exit criteria judge them; every risk resolved.
 */
export function eliminationCriteria(facts: EliminationFacts): EliminationCriterion[] {
  const results: EliminationCriterion[] = [];
  const noLabour = hasNoLabour(facts.presentMemberSkills);
  results.push(
    noLabour
      ? criterion("LABOUR", false, "整户无劳动力，纳入综合保障后继续监测，不能消除风险")
      : criterion("LABOUR", true, facts.presentMemberSkills.length ? "家中有劳动力" : "无在户成员的劳动能力记录"),
  );
  if (facts.identifiedOn === null) results.push(criterion("DURATION", false, "该户尚未完成识别纳入"));
  else {
    const earliest = addMonths(facts.identifiedOn, facts.minMonths);
    const facts_ = [{ label: "识别纳入日期", value: facts.identifiedOn }];
    results.push(
      facts.today >= earliest
        ? criterion("DURATION", true, `识别纳入已满 ${facts.minMonths} 个月`, facts_)
        : criterion("DURATION", false, `识别纳入（${facts.identifiedOn}）未满 ${facts.minMonths} 个月，最早可于 ${earliest} 消除`, facts_),
    );
  }
  const incomes = facts.years.map(yearIncome);
  const failedIncome = incomes.filter((entry) => !entry.met).map((entry) => entry.text);
  results.push(
    criterion(
      "INCOME",
      incomes.length > 0 && failedIncome.length === 0,
      failedIncome.length ? failedIncome.join("；") : `${facts.years.map((entry) => entry.year).join("、")} 年人均纯收入均高于监测线`,
      incomes.map((entry) => entry.fact),
    ),
  );
  const snapshot = facts.snapshot;
  if (!snapshot) {
    for (const code of ["FOOD_WATER", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING"] as const) {
      results.push(criterion(code, false, "未建档立卡户的三保障情况不在户档中，无法核验"));
    }
  } else {
    const exit = [
      ["FOOD_WATER", evaluateFood(snapshot)],
      ["CLOTHING", evaluateClothing(snapshot)],
      ["EDUCATION", evaluateEducation(snapshot)],
      ["MEDICAL", evaluateMedical(snapshot)],
      ["HOUSING", evaluateHousing(snapshot)],
    ] as const;
    for (const [code, result] of exit) results.push(criterion(code, result.met, result.reason, result.facts));
  }
  const open = facts.risks.filter((risk) => risk.resolvedOn === null).map((risk) => risk.label);
  results.push(
    open.length === 0
      ? criterion("RISKS", facts.risks.length > 0, facts.risks.length > 0 ? "各项风险均已消除" : "该户没有登记风险")
      : criterion("RISKS", false, `风险尚未消除：${open.join("、")}`),
  );
  return results;
}

// ---------------------------------------------------------------------------
// 预警 from the archive (pure; the screening job that stores them is not built yet)
// ---------------------------------------------------------------------------

/** A sharp drop: per-capita income this year below last year's by at least this share (‰), by default 30 %. */
export const DEFAULT_DROP_PERMILLE = 300;
/** The township acts on a self-application within this many days, by default. */
export const DEFAULT_SELF_APPLICATION_DAYS = 2;

export type YearIncome = { netIncomeFen: number; presentMembers: number };
export type IncomeWarning = { code: "BELOW_LINE" | "WITHIN_MARGIN" | "SHARP_DROP"; message: string };

/**
 * The income 预警 of one household for a year: below the monitoring line, or within the margin above it
 * (incomeBand, exact totals), and a per-capita drop against last year of at least `dropPermille` —
 * compared by cross-multiplying totals, never on rounded per-capita figures. No line: no income 预警
 * (the caller says the year cannot be screened).
 */
export function incomeWarnings(input: {
  year: number;
  current: YearIncome | null;
  previous: YearIncome | null;
  lineFen: number | null;
  marginPermille: number;
  dropPermille: number;
}): IncomeWarning[] {
  const { current, previous, lineFen, year } = input;
  const warnings: IncomeWarning[] = [];
  if (!current || current.presentMembers <= 0) return warnings;
  if (lineFen !== null) {
    const band = incomeBand(current.netIncomeFen, current.presentMembers, lineFen, input.marginPermille);
    if (band === "BELOW_LINE") warnings.push({ code: "BELOW_LINE", message: `${year} 年人均纯收入低于监测线` });
    if (band === "WITHIN_MARGIN") warnings.push({ code: "WITHIN_MARGIN", message: `${year} 年人均纯收入在监测线上浮 ${input.marginPermille / 10}% 以内` });
  }
  if (previous && previous.presentMembers > 0 && previous.netIncomeFen > 0) {
    const now = BigInt(current.netIncomeFen) * BigInt(previous.presentMembers) * 1000n;
    const floor = BigInt(previous.netIncomeFen) * BigInt(current.presentMembers) * BigInt(1000 - input.dropPermille);
    if (now <= floor) warnings.push({ code: "SHARP_DROP", message: `${year} 年人均纯收入比上年下降 ${input.dropPermille / 10}% 以上` });
  }
  return warnings;
}

/** Whole days a 预警 or application has been waiting (0 on the day it was found). */
export function ageInDays(foundOn: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${foundOn}T00:00:00Z`)) / 86_400_000);
}

/** A self-application not acted on within `days` days of being filed is overdue (filed on the 1st with 2 days: overdue from the 4th). */
export function selfApplicationOverdue(filedOn: string, today: string, days: number, actedOn: string | null): boolean {
  return actedOn === null && ageInDays(filedOn, today) > days;
}

// ---------------------------------------------------------------------------
// 帮扶 tied to risks (pure; the county-managed table and the per-village list are not built yet)
// ---------------------------------------------------------------------------

/**
 * Which measure categories fit each built-in risk type — the idea of the cause ↔ measure matrix
 * (lib/measures/rules.ts#DEFAULT_FIT_MATRIX) applied to risks. A county-added type fits every category
 * until the county says otherwise.
 */
export const DEFAULT_RISK_FIT: Record<string, readonly MeasureCategory[]> = {
  ILLNESS: ["HEALTH", "SOCIAL_SECURITY"],
  DISABILITY: ["SOCIAL_SECURITY", "HEALTH", "EMPLOYMENT"],
  SCHOOLING: ["EDUCATION"],
  HOUSING: ["HOUSING"],
  DRINKING_WATER: ["WATER"],
  LACK_OF_LABOUR: ["SOCIAL_SECURITY", "EMPLOYMENT"],
  UNSTABLE_WORK: ["EMPLOYMENT"],
  NATURAL_DISASTER: ["SOCIAL_SECURITY", "HOUSING", "INDUSTRY"],
  ACCIDENT: ["SOCIAL_SECURITY", "HEALTH"],
  FAILED_PROJECT: ["INDUSTRY", "FINANCE", "EMPLOYMENT"],
  OTHER: MEASURE_CATEGORY.codes,
};

/** 开发式帮扶 for a household with labour, 综合保障 for one without. */
export const DEVELOPMENT_CATEGORIES: readonly MeasureCategory[] = ["INDUSTRY", "EMPLOYMENT"];
export const COMPREHENSIVE_CATEGORIES: readonly MeasureCategory[] = ["SOCIAL_SECURITY"];

/** The open risks (by type code) without at least one measure of a fitting category. */
export function risksWithoutMeasure(
  risks: readonly { riskType: string; resolvedOn: string | null }[],
  measureCategories: readonly string[],
  fit: Readonly<Record<string, readonly string[]>> = DEFAULT_RISK_FIT,
): string[] {
  return risks
    .filter((risk) => risk.resolvedOn === null)
    .filter((risk) => !(fit[risk.riskType] ?? MEASURE_CATEGORY.codes).some((category) => measureCategories.includes(category)))
    .map((risk) => risk.riskType);
}

/** The kind of help a household needs by its labour, and whether its measures include one of that kind. */
export function assistanceKindCheck(presentMemberSkills: readonly string[], measureCategories: readonly string[]) {
  const noLabour = hasNoLabour(presentMemberSkills);
  const needed = noLabour ? COMPREHENSIVE_CATEGORIES : DEVELOPMENT_CATEGORIES;
  return {
    kind: noLabour ? ("COMPREHENSIVE" as const) : ("DEVELOPMENT" as const),
    label: noLabour ? "综合保障" : "开发式帮扶（产业、就业）",
    met: needed.some((category) => measureCategories.includes(category)),
  };
}
