/**
 * The county-managed risk type ↔ measure category fit (issue 15 item 5), pure. Each risk type row stores the
 * categories the county chose; an empty list means the county never set it, and the built-in default
 * (DEFAULT_RISK_FIT in lib/monitoring/rules.ts; every category for a county-added type) applies.
 * The fit is read by risksWithoutMeasure — never a second implementation of the check.
 */
import { MEASURE_CATEGORY, type MeasureCategory } from "@/lib/domain/codes";
import { DEFAULT_RISK_FIT } from "@/lib/monitoring/rules";

export type RiskFit = Readonly<Record<string, readonly MeasureCategory[]>>;

/** The categories that fit one risk type, in the canonical category order. */
export function fitCategoriesFor(type: { code: string; fitCategories: readonly string[] }): MeasureCategory[] {
  const chosen = type.fitCategories.length ? type.fitCategories : (DEFAULT_RISK_FIT[type.code] ?? MEASURE_CATEGORY.codes);
  return MEASURE_CATEGORY.codes.filter((category) => chosen.includes(category));
}

/** The fit of every risk type, for risksWithoutMeasure. */
export function buildRiskFit(types: readonly { code: string; fitCategories: readonly string[] }[]): RiskFit {
  return Object.fromEntries(types.map((type) => [type.code, fitCategoriesFor(type)]));
}

/** Measure statuses that count as help for a risk: the same as for 因户施策 coverage (lib/measures/rules.ts). */
export const FITTING_MEASURE_STATUSES = ["ACTIVE", "COMPLETED"] as const;

/** The household's measures (status counted) that fit a risk type. */
export function measuresFitting<M extends { category: string; status: string }>(riskType: string, measures: readonly M[], fit: RiskFit): M[] {
  const categories: readonly string[] = fit[riskType] ?? MEASURE_CATEGORY.codes;
  return measures.filter((measure) => (FITTING_MEASURE_STATUSES as readonly string[]).includes(measure.status) && categories.includes(measure.category));
}

/** Categories of the measures that count (for risksWithoutMeasure and assistanceKindCheck). */
export function countingCategories(measures: readonly { category: string; status: string }[]): string[] {
  return measures.filter((measure) => (FITTING_MEASURE_STATUSES as readonly string[]).includes(measure.status)).map((measure) => measure.category);
}
