/**
 * Pure rules for 帮扶措施 (docs/domain.md §5, 因户施策): which measure category fits which 致贫原因,
 * the status life-cycle of a measure, and whether every cause of a household is covered.
 * No I/O: the fit matrix is data in the database; callers pass it in.
 */
import { MEASURE_CATEGORY, MEASURE_STATUS, POVERTY_CAUSE, type MeasureCategory, type MeasureStatus, type PovertyCause } from "@/lib/domain/codes";

// ---------------------------------------------------------------------------
// Fit matrix
// ---------------------------------------------------------------------------

/** Which measure categories can address each cause. Read from the database at run time. */
export type FitMatrix = ReadonlyMap<PovertyCause, ReadonlySet<MeasureCategory>>;
export type FitMatrixRow = { cause: PovertyCause; category: MeasureCategory };

/** The seed of the configurable matrix (docs/domain.md §5), at category level. */
export const DEFAULT_FIT_MATRIX: Record<PovertyCause, MeasureCategory[]> = {
  ILLNESS: ["HEALTH", "SOCIAL_SECURITY"],
  DISABILITY: ["SOCIAL_SECURITY", "HEALTH", "EMPLOYMENT"],
  SCHOOLING: ["EDUCATION"],
  LACK_LABOUR: ["SOCIAL_SECURITY", "EMPLOYMENT"],
  LACK_SKILLS: ["EMPLOYMENT"],
  LACK_FUNDS: ["FINANCE", "INDUSTRY"],
  LACK_LAND: ["INDUSTRY", "EMPLOYMENT"],
  LACK_WATER: ["WATER"],
  DISASTER: ["SOCIAL_SECURITY", "HOUSING"],
  POOR_TRANSPORT: ["INFRASTRUCTURE", "HOUSING"],
  LACK_MOTIVATION: ["MOTIVATION", "EMPLOYMENT"],
  OTHER: [...MEASURE_CATEGORY.codes],
};

/** Builds the matrix from database rows; a cause without rows fits no category. */
export function buildFitMatrix(rows: readonly FitMatrixRow[]): FitMatrix {
  const matrix = new Map<PovertyCause, Set<MeasureCategory>>();
  for (const { cause, category } of rows) {
    const categories = matrix.get(cause) ?? new Set<MeasureCategory>();
    categories.add(category);
    matrix.set(cause, categories);
  }
  return matrix;
}

/** The rows to seed the database table with. */
export function fitMatrixRows(record: Record<PovertyCause, readonly MeasureCategory[]> = DEFAULT_FIT_MATRIX): FitMatrixRow[] {
  return POVERTY_CAUSE.codes.flatMap((cause) => record[cause].map((category) => ({ cause, category })));
}

export function fitMatrixFromRecord(record: Record<PovertyCause, readonly MeasureCategory[]> = DEFAULT_FIT_MATRIX): FitMatrix {
  return buildFitMatrix(fitMatrixRows(record));
}

export function categoryFitsCause(matrix: FitMatrix, category: MeasureCategory, cause: PovertyCause): boolean {
  return matrix.get(cause)?.has(category) ?? false;
}

/** The categories that fit a cause, in the canonical category order (rows have no order). */
export function fittingCategories(matrix: FitMatrix, cause: PovertyCause): MeasureCategory[] {
  const categories = matrix.get(cause);
  return MEASURE_CATEGORY.codes.filter((category) => categories?.has(category) ?? false);
}

function quoted(label: string): string {
  return `"${label}"`;
}

function causeList(causes: readonly PovertyCause[]): string {
  return causes.map((cause) => POVERTY_CAUSE.label(cause)).join("、");
}

function categoryList(categories: readonly MeasureCategory[]): string {
  return categories.map((category) => MEASURE_CATEGORY.label(category)).join("、");
}

// ---------------------------------------------------------------------------
// A measure's causes
// ---------------------------------------------------------------------------

export type MeasureCauseCheck =
  | { ok: true }
  | {
      ok: false;
      code: "NO_CAUSE" | "CAUSE_NOT_OF_HOUSEHOLD" | "CATEGORY_DOES_NOT_FIT";
      message: string;
      cause?: PovertyCause;
    };

/**
 * A measure must name at least one 致贫原因; each must be a cause of the household and be
 * addressable by the measure's category.
 */
export function checkMeasureCauses(input: {
  category: MeasureCategory;
  addressedCauses: readonly PovertyCause[];
  householdCauses: readonly PovertyCause[];
  matrix: FitMatrix;
}): MeasureCauseCheck {
  const { category, addressedCauses, householdCauses, matrix } = input;
  if (addressedCauses.length === 0) {
    return { ok: false, code: "NO_CAUSE", message: "请至少选择一项该措施针对的致贫原因" };
  }
  const foreign = addressedCauses.find((cause) => !householdCauses.includes(cause));
  if (foreign) {
    return {
      ok: false,
      code: "CAUSE_NOT_OF_HOUSEHOLD",
      cause: foreign,
      message: `该户没有${quoted(POVERTY_CAUSE.label(foreign))}这一致贫原因`,
    };
  }
  const unfit = addressedCauses.find((cause) => !categoryFitsCause(matrix, category, cause));
  if (unfit) {
    const options = fittingCategories(matrix, unfit);
    const hint = options.length > 0 ? `可选：${categoryList(options)}` : "帮扶措施适配表中没有适配该原因的类别，请联系县扶贫办";
    return {
      ok: false,
      code: "CATEGORY_DOES_NOT_FIT",
      cause: unfit,
      message: `${quoted(MEASURE_CATEGORY.label(category))}类措施不能解决${quoted(POVERTY_CAUSE.label(unfit))}致贫，${hint}`,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Status life-cycle
// ---------------------------------------------------------------------------

const ALLOWED_TRANSITIONS: Record<MeasureStatus, readonly MeasureStatus[]> = {
  PLANNED: ["ACTIVE", "TERMINATED"],
  ACTIVE: ["COMPLETED", "TERMINATED"],
  COMPLETED: [],
  TERMINATED: [],
};

export function allowedNextStatuses(from: MeasureStatus): readonly MeasureStatus[] {
  return ALLOWED_TRANSITIONS[from];
}

export function canTransition(from: MeasureStatus, to: MeasureStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export type TransitionCheck = { ok: true } | { ok: false; code: "INVALID_TRANSITION"; message: string };

export function assertTransition(from: MeasureStatus, to: MeasureStatus): TransitionCheck {
  if (canTransition(from, to)) return { ok: true };
  const fromLabel = quoted(MEASURE_STATUS.label(from));
  const message = from === to ? `措施状态已是${fromLabel}` : `不能从${fromLabel}改为${quoted(MEASURE_STATUS.label(to))}`;
  return { ok: false, code: "INVALID_TRANSITION", message };
}

export type CompletionCheck = { ok: true } | { ok: false; code: "OUTCOME_REQUIRED" | "OUTCOME_INVALID"; message: string };

/** Completing a measure requires its outcome: the 增收 amount in fen, a whole number ≥ 0. */
export function checkCompletion(outcome: { incomeIncreaseFen: number | null | undefined }): CompletionCheck {
  const amount = outcome.incomeIncreaseFen;
  if (amount === null || amount === undefined) {
    return { ok: false, code: "OUTCOME_REQUIRED", message: "完成措施须填写帮扶成效（增收金额）" };
  }
  if (!Number.isSafeInteger(amount) || amount < 0) {
    return { ok: false, code: "OUTCOME_INVALID", message: "增收金额须为不小于0的金额（精确到分）" };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Coverage of a household's causes
// ---------------------------------------------------------------------------

export type MeasureForCoverage = {
  id: string;
  category: MeasureCategory;
  item: string;
  status: MeasureStatus;
  addressedCauses: readonly PovertyCause[];
};

export type CauseCoverage = {
  cause: PovertyCause;
  covered: boolean;
  coveredBy: Pick<MeasureForCoverage, "id" | "item" | "category" | "status">[];
};

/** Planned measures have not started and terminated ones stopped: neither covers a cause. */
const COVERING_STATUSES: readonly MeasureStatus[] = ["ACTIVE", "COMPLETED"];

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function computeCoverage(householdCauses: readonly PovertyCause[], measures: readonly MeasureForCoverage[], matrix: FitMatrix): CauseCoverage[] {
  return unique(householdCauses).map((cause) => {
    const coveredBy = measures
      .filter(
        (measure) =>
          COVERING_STATUSES.includes(measure.status) && measure.addressedCauses.includes(cause) && categoryFitsCause(matrix, measure.category, cause),
      )
      .map(({ id, item, category, status }) => ({ id, item, category, status }));
    return { cause, covered: coveredBy.length > 0, coveredBy };
  });
}

export function uncoveredCauses(householdCauses: readonly PovertyCause[], measures: readonly MeasureForCoverage[], matrix: FitMatrix): PovertyCause[] {
  return computeCoverage(householdCauses, measures, matrix)
    .filter((coverage) => !coverage.covered)
    .map((coverage) => coverage.cause);
}

/** Categories that fit every one of the causes (their intersection in the matrix). */
export function categoriesFittingAll(causes: readonly PovertyCause[], matrix: FitMatrix): MeasureCategory[] {
  return MEASURE_CATEGORY.codes.filter((category) => causes.every((cause) => categoryFitsCause(matrix, category, cause)));
}

export type CatchAllMeasure = { id: string; item: string; message: string };

/**
 * The seed complaint "各类致贫原因通用一个帮扶措施": a measure claiming every cause of a
 * household whose causes no single category can address together. Terminated measures are
 * history and are not flagged.
 */
export function findCatchAllMeasures(householdCauses: readonly PovertyCause[], measures: readonly MeasureForCoverage[], matrix: FitMatrix): CatchAllMeasure[] {
  const causes = unique(householdCauses);
  if (causes.length < 2 || categoriesFittingAll(causes, matrix).length > 0) return [];
  return measures
    .filter((measure) => measure.status !== "TERMINATED" && causes.every((cause) => measure.addressedCauses.includes(cause)))
    .map(({ id, item }) => ({
      id,
      item,
      message: `措施${quoted(item)}同时针对该户全部致贫原因（${causeList(causes)}），但这些原因没有可共同适配的措施类别，不能通用一个帮扶措施，请按致贫原因分别制定措施`,
    }));
}
