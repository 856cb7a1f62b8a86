/**
 * The figures of the 挂图作战 dashboard (docs/domain.md §14), each defined once: a filter on the
 * indicator snapshot (lib/dashboard/refresh.ts). The rollup counts the rows matching a figure's
 * filter per village; the drill-down list shows the rows matching the very same filter. So a
 * figure and the list behind it cannot disagree, and a new figure is one entry here.
 *
 * A yearly figure is computed for every year (the year selector); the others describe the
 * current state and are stored under year 0.
 */
import { EXIT_STEP, FUNDING_SOURCE, POVERTY_CAUSE, type ExitStep, type FundingSourceCode, type PovertyCause } from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Households not (yet) out of poverty now: the base of the 短板清单, coverage and visit figures. */
export const OPEN_STATUSES = ["REGISTERED", "RETURNED"] as const;

/** The stage an exit sheet stands at: the step it waits for, or its final state. */
export const SHEET_STAGE = {
  ...EXIT_STEP.labels,
  APPROVED: "已审定",
  REJECTED: "已退回",
} as const;
export type SheetStage = keyof typeof SHEET_STAGE;
export const SHEET_STAGES = Object.keys(SHEET_STAGE) as SheetStage[];
export const OPEN_SHEET_STAGES: readonly ExitStep[] = EXIT_STEP.codes;

type HouseholdWhere = Prisma.HouseholdIndicatorWhereInput;
type FundWhere = Prisma.HouseholdFundIndicatorWhereInput;
type SheetWhere = Prisma.ExitSheetIndicatorWhereInput;

type Common = {
  code: string;
  /** What the figure counts, in Chinese (the drill-down list's caption). */
  label: string;
  yearly: boolean;
};

export type HouseholdFigure = Common & { source: "household"; where: (year: number) => HouseholdWhere };
/** Counts households with funds of a source and sums the amounts. */
export type FundFigure = Common & { source: "fund"; where: (year: number) => FundWhere };
/** Counts exit sheets; drills down to the exit-sheet list. */
export type SheetFigure = Common & { source: "sheet"; where: (year: number) => SheetWhere };
export type FigureDefinition = HouseholdFigure | FundFigure | SheetFigure;

const registeredBy = (year: number): HouseholdWhere => ({ identificationYear: { lte: year } });
const openNow: HouseholdWhere = { status: { in: [...OPEN_STATUSES] } };

/**
 * Still poor at the end of `year`: registered by then, and not out of poverty by then — never
 * exited, exited after it, or returned (返贫) by then.
 */
function remainingAt(year: number): HouseholdWhere {
  return {
    AND: [registeredBy(year), { OR: [{ exitYear: null }, { exitYear: { gt: year } }, { returnedYear: { lte: year } }] }],
  };
}

const householdFigures: HouseholdFigure[] = [
  { code: "registered", label: "建档立卡户", yearly: true, source: "household", where: registeredBy },
  { code: "remaining", label: "未脱贫户", yearly: true, source: "household", where: remainingAt },
  {
    code: "exitedInYear",
    label: "当年脱贫户",
    yearly: true,
    source: "household",
    where: (year) => ({ exitYear: year }),
  },
  {
    code: "exitedTotal",
    label: "累计脱贫户",
    yearly: true,
    source: "household",
    where: (year) => ({ exitYear: { lte: year } }),
  },
  ...POVERTY_CAUSE.codes.map((cause): HouseholdFigure => ({
    code: `cause:${cause}`,
    label: `主要致贫原因为${POVERTY_CAUSE.label(cause)}的建档立卡户`,
    yearly: true,
    source: "household",
    where: (year) => ({ AND: [registeredBy(year), { primaryCause: cause }] }),
  })),
  { code: "returned", label: "返贫户", yearly: false, source: "household", where: () => ({ status: "RETURNED" }) },
  { code: "open", label: "当前未脱贫户", yearly: false, source: "household", where: () => openNow },
  ...(Object.keys(EXIT_CRITERION_LABELS) as ExitCriterionCode[]).map((criterion): HouseholdFigure => ({
    code: `fails:${criterion}`,
    label: `未达到"${EXIT_CRITERION_LABELS[criterion]}"的未脱贫户`,
    yearly: false,
    source: "household",
    where: () => ({ AND: [openNow, { failedCriteria: { has: criterion } }] }),
  })),
  {
    code: "failsAny",
    label: "至少一项脱贫标准未达到的未脱贫户",
    yearly: false,
    source: "household",
    where: () => ({ AND: [openNow, { NOT: { failedCriteria: { isEmpty: true } } }] }),
  },
  {
    code: "covered",
    label: "每项致贫原因都有对应措施的未脱贫户",
    yearly: false,
    source: "household",
    where: () => ({ AND: [openNow, { uncoveredCauses: { isEmpty: true } }] }),
  },
  {
    code: "uncovered",
    label: "施策不精准的未脱贫户（有致贫原因没有对应措施）",
    yearly: false,
    source: "household",
    where: () => ({ AND: [openNow, { NOT: { uncoveredCauses: { isEmpty: true } } }] }),
  },
  {
    code: "visitOverdue",
    label: "超过规定天数未走访的未脱贫户",
    yearly: false,
    source: "household",
    where: () => ({ AND: [openNow, { visitOverdue: true }] }),
  },
];

const fundFigures: FundFigure[] = FUNDING_SOURCE.codes.map((source: FundingSourceCode) => ({
  code: `fund:${source}`,
  label: `有${FUNDING_SOURCE.label(source)}资金帮扶措施的户`,
  yearly: false,
  source: "fund",
  where: () => ({ fundingSource: source }),
}));

const sheetFigures: SheetFigure[] = SHEET_STAGES.map((stage) => ({
  code: `stage:${stage}`,
  label: stage === "APPROVED" || stage === "REJECTED" ? `${SHEET_STAGE[stage]}的退出核验表` : `待"${SHEET_STAGE[stage]}"的退出核验表`,
  yearly: true,
  source: "sheet",
  where: (year) => ({ assessmentYear: year, stage }),
}));

export const FIGURES: readonly FigureDefinition[] = [...householdFigures, ...fundFigures, ...sheetFigures];

const BY_CODE = new Map(FIGURES.map((figure) => [figure.code, figure]));

export const FIGURE_CODES = FIGURES.map((figure) => figure.code) as [string, ...string[]];

export function figureByCode(code: string): FigureDefinition | undefined {
  return BY_CODE.get(code);
}

export const causeFigure = (cause: PovertyCause) => `cause:${cause}`;
export const failsFigure = (criterion: ExitCriterionCode) => `fails:${criterion}`;
export const fundFigure = (source: FundingSourceCode) => `fund:${source}`;
export const stageFigure = (stage: SheetStage) => `stage:${stage}`;

/** The year a figure's rollup rows are stored under. */
export function storedYear(figure: FigureDefinition, year: number): number {
  return figure.yearly ? year : 0;
}
