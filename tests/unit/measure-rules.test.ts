import { describe, expect, it } from "vitest";
import { MEASURE_CATEGORY, MEASURE_STATUS, POVERTY_CAUSE, type MeasureStatus } from "@/lib/domain/codes";
import {
  DEFAULT_FIT_MATRIX,
  assertTransition,
  buildFitMatrix,
  canTransition,
  categoriesFittingAll,
  checkCompletion,
  checkMeasureCauses,
  computeCoverage,
  findCatchAllMeasures,
  fitMatrixFromRecord,
  fitMatrixRows,
  fittingCategories,
  uncoveredCauses,
  type MeasureForCoverage,
} from "@/lib/measures/rules";

const matrix = fitMatrixFromRecord(DEFAULT_FIT_MATRIX);

function measure(overrides: Partial<MeasureForCoverage> & Pick<MeasureForCoverage, "id">): MeasureForCoverage {
  return {
    category: "HEALTH",
    item: "家庭医生签约",
    status: "ACTIVE",
    addressedCauses: ["ILLNESS"],
    ...overrides,
  };
}

describe("fit matrix", () => {
  it("seeds the matrix of docs/domain.md §5 at category level", () => {
    expect(fittingCategories(matrix, "ILLNESS")).toEqual(["HEALTH", "SOCIAL_SECURITY"]);
    expect(fittingCategories(matrix, "DISABILITY")).toEqual(["EMPLOYMENT", "HEALTH", "SOCIAL_SECURITY"]);
    expect(fittingCategories(matrix, "SCHOOLING")).toEqual(["EDUCATION"]);
    expect(fittingCategories(matrix, "LACK_LABOUR")).toEqual(["EMPLOYMENT", "SOCIAL_SECURITY"]);
    expect(fittingCategories(matrix, "LACK_SKILLS")).toEqual(["EMPLOYMENT"]);
    expect(fittingCategories(matrix, "LACK_FUNDS")).toEqual(["INDUSTRY", "FINANCE"]);
    expect(fittingCategories(matrix, "LACK_LAND")).toEqual(["INDUSTRY", "EMPLOYMENT"]);
    expect(fittingCategories(matrix, "LACK_WATER")).toEqual(["WATER"]);
    expect(fittingCategories(matrix, "DISASTER")).toEqual(["HOUSING", "SOCIAL_SECURITY"]);
    expect(fittingCategories(matrix, "POOR_TRANSPORT")).toEqual(["HOUSING", "INFRASTRUCTURE"]);
    expect(fittingCategories(matrix, "LACK_MOTIVATION")).toEqual(["EMPLOYMENT", "MOTIVATION"]);
    expect(fittingCategories(matrix, "OTHER")).toEqual(MEASURE_CATEGORY.codes);
  });

  it("has an entry for every cause", () => {
    expect(Object.keys(DEFAULT_FIT_MATRIX).sort()).toEqual([...POVERTY_CAUSE.codes].sort());
  });

  it("round-trips through database rows", () => {
    const rows = fitMatrixRows();
    expect(rows).toContainEqual({ cause: "SCHOOLING", category: "EDUCATION" });
    expect(rows.filter((row) => row.cause === "OTHER")).toHaveLength(MEASURE_CATEGORY.codes.length);
    const rebuilt = buildFitMatrix([...rows].reverse());
    for (const cause of POVERTY_CAUSE.codes) {
      expect(fittingCategories(rebuilt, cause)).toEqual(fittingCategories(matrix, cause));
    }
  });

  it("treats a cause without rows as fitting nothing", () => {
    const partial = buildFitMatrix([{ cause: "ILLNESS", category: "HEALTH" }]);
    expect(fittingCategories(partial, "SCHOOLING")).toEqual([]);
    expect(checkMeasureCauses({ category: "EDUCATION", addressedCauses: ["SCHOOLING"], householdCauses: ["SCHOOLING"], matrix: partial })).toMatchObject({
      ok: false,
      code: "CATEGORY_DOES_NOT_FIT",
    });
  });

  it("intersects the categories of several causes", () => {
    expect(categoriesFittingAll(["ILLNESS", "DISABILITY"], matrix)).toEqual(["HEALTH", "SOCIAL_SECURITY"]);
    expect(categoriesFittingAll(["ILLNESS", "SCHOOLING"], matrix)).toEqual([]);
    expect(categoriesFittingAll(["SCHOOLING", "OTHER"], matrix)).toEqual(["EDUCATION"]);
  });
});

describe("checkMeasureCauses", () => {
  it("accepts a fitting category for causes of the household", () => {
    expect(checkMeasureCauses({ category: "HEALTH", addressedCauses: ["ILLNESS"], householdCauses: ["ILLNESS", "SCHOOLING"], matrix })).toEqual({ ok: true });
    expect(
      checkMeasureCauses({
        category: "SOCIAL_SECURITY",
        addressedCauses: ["ILLNESS", "DISABILITY"],
        householdCauses: ["ILLNESS", "DISABILITY"],
        matrix,
      }),
    ).toEqual({ ok: true });
  });

  it("refuses an unfitting category naming the cause and the options", () => {
    const result = checkMeasureCauses({ category: "INDUSTRY", addressedCauses: ["ILLNESS"], householdCauses: ["ILLNESS"], matrix });
    expect(result).toEqual({
      ok: false,
      code: "CATEGORY_DOES_NOT_FIT",
      cause: "ILLNESS",
      message: '"产业帮扶"类措施不能解决"因病"致贫，可选：健康帮扶、兜底保障',
    });
  });

  it("refuses when only one of several causes does not fit", () => {
    const result = checkMeasureCauses({
      category: "HEALTH",
      addressedCauses: ["ILLNESS", "SCHOOLING"],
      householdCauses: ["ILLNESS", "SCHOOLING"],
      matrix,
    });
    expect(result).toMatchObject({ ok: false, code: "CATEGORY_DOES_NOT_FIT", cause: "SCHOOLING" });
    expect(!result.ok && result.message).toBe('"健康帮扶"类措施不能解决"因学"致贫，可选：教育帮扶');
  });

  it("refuses a cause the household does not have", () => {
    const result = checkMeasureCauses({ category: "EDUCATION", addressedCauses: ["SCHOOLING"], householdCauses: ["ILLNESS"], matrix });
    expect(result).toEqual({
      ok: false,
      code: "CAUSE_NOT_OF_HOUSEHOLD",
      cause: "SCHOOLING",
      message: '该户没有"因学"这一致贫原因',
    });
  });

  it("requires at least one cause", () => {
    const result = checkMeasureCauses({ category: "HEALTH", addressedCauses: [], householdCauses: ["ILLNESS"], matrix });
    expect(result).toMatchObject({ ok: false, code: "NO_CAUSE" });
    expect(!result.ok && result.message).toContain("至少选择一项");
  });
});

describe("measure status transitions", () => {
  const allowed: [MeasureStatus, MeasureStatus][] = [
    ["PLANNED", "ACTIVE"],
    ["PLANNED", "TERMINATED"],
    ["ACTIVE", "COMPLETED"],
    ["ACTIVE", "TERMINATED"],
  ];

  it.each(allowed)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(assertTransition(from, to)).toEqual({ ok: true });
  });

  it("forbids every other pair", () => {
    const forbidden = MEASURE_STATUS.codes.flatMap((from) =>
      MEASURE_STATUS.codes.filter((to) => !allowed.some(([a, b]) => a === from && b === to)).map((to) => [from, to] as const),
    );
    expect(forbidden).toHaveLength(12);
    for (const [from, to] of forbidden) expect(canTransition(from, to), `${from}→${to}`).toBe(false);
  });

  it("explains a forbidden transition in Chinese", () => {
    expect(assertTransition("COMPLETED", "ACTIVE")).toEqual({
      ok: false,
      code: "INVALID_TRANSITION",
      message: '不能从"已完成"改为"实施中"',
    });
    expect(assertTransition("TERMINATED", "PLANNED")).toMatchObject({ message: '不能从"已终止"改为"计划"' });
    expect(assertTransition("PLANNED", "COMPLETED")).toMatchObject({ message: '不能从"计划"改为"已完成"' });
    expect(assertTransition("ACTIVE", "ACTIVE")).toMatchObject({ ok: false, message: '措施状态已是"实施中"' });
  });

  it("requires an outcome to complete", () => {
    expect(checkCompletion({ incomeIncreaseFen: 120_000 })).toEqual({ ok: true });
    expect(checkCompletion({ incomeIncreaseFen: 0 })).toEqual({ ok: true });
    expect(checkCompletion({ incomeIncreaseFen: null })).toMatchObject({ ok: false, code: "OUTCOME_REQUIRED" });
    expect(checkCompletion({ incomeIncreaseFen: undefined })).toMatchObject({ ok: false, code: "OUTCOME_REQUIRED" });
    expect(checkCompletion({ incomeIncreaseFen: -1 })).toMatchObject({ ok: false, code: "OUTCOME_INVALID" });
    expect(checkCompletion({ incomeIncreaseFen: 10.5 })).toMatchObject({ ok: false, code: "OUTCOME_INVALID" });
  });
});

describe("coverage", () => {
  it("covers a cause with an active or completed fitting measure", () => {
    const coverage = computeCoverage(
      ["ILLNESS", "SCHOOLING"],
      [measure({ id: "m1" }), measure({ id: "m2", category: "EDUCATION", item: "雨露计划", status: "COMPLETED", addressedCauses: ["SCHOOLING"] })],
      matrix,
    );
    expect(coverage).toEqual([
      { cause: "ILLNESS", covered: true, coveredBy: [{ id: "m1", item: "家庭医生签约", category: "HEALTH", status: "ACTIVE" }] },
      { cause: "SCHOOLING", covered: true, coveredBy: [{ id: "m2", item: "雨露计划", category: "EDUCATION", status: "COMPLETED" }] },
    ]);
  });

  it("leaves a cause added after the measures uncovered until a measure addresses it", () => {
    const measures = [measure({ id: "m1" })];
    expect(uncoveredCauses(["ILLNESS"], measures, matrix)).toEqual([]);
    expect(uncoveredCauses(["ILLNESS", "LACK_WATER"], measures, matrix)).toEqual(["LACK_WATER"]);
    const withWater = [...measures, measure({ id: "m2", category: "WATER", item: "自来水入户", addressedCauses: ["LACK_WATER"] })];
    expect(uncoveredCauses(["ILLNESS", "LACK_WATER"], withWater, matrix)).toEqual([]);
  });

  it("does not count a terminated or a planned measure", () => {
    const coverage = computeCoverage(
      ["ILLNESS", "SCHOOLING"],
      [
        measure({ id: "m1", status: "TERMINATED" }),
        measure({ id: "m2", category: "EDUCATION", item: "助学金", status: "PLANNED", addressedCauses: ["SCHOOLING"] }),
      ],
      matrix,
    );
    expect(coverage.map((c) => [c.cause, c.covered, c.coveredBy.length])).toEqual([
      ["ILLNESS", false, 0],
      ["SCHOOLING", false, 0],
    ]);
  });

  it("does not count a measure whose category does not fit the cause", () => {
    const measures = [measure({ id: "m1", category: "INDUSTRY", item: "养殖", addressedCauses: ["ILLNESS", "LACK_FUNDS"] })];
    expect(computeCoverage(["ILLNESS", "LACK_FUNDS"], measures, matrix)).toEqual([
      { cause: "ILLNESS", covered: false, coveredBy: [] },
      { cause: "LACK_FUNDS", covered: true, coveredBy: [{ id: "m1", item: "养殖", category: "INDUSTRY", status: "ACTIVE" }] },
    ]);
  });

  it("follows a changed matrix", () => {
    const strict = buildFitMatrix([{ cause: "ILLNESS", category: "SOCIAL_SECURITY" }]);
    expect(uncoveredCauses(["ILLNESS"], [measure({ id: "m1" })], strict)).toEqual(["ILLNESS"]);
  });

  it("lists each cause once", () => {
    expect(computeCoverage(["ILLNESS", "ILLNESS"], [], matrix)).toHaveLength(1);
  });
});

describe("findCatchAllMeasures", () => {
  it("flags a measure claiming causes that no single category can address", () => {
    const flagged = findCatchAllMeasures(
      ["ILLNESS", "SCHOOLING", "LACK_FUNDS"],
      [
        measure({ id: "m1", category: "SOCIAL_SECURITY", item: "低保", addressedCauses: ["ILLNESS", "SCHOOLING", "LACK_FUNDS"] }),
        measure({ id: "m2", category: "EDUCATION", item: "雨露计划", addressedCauses: ["SCHOOLING"] }),
      ],
      matrix,
    );
    expect(flagged.map((f) => f.id)).toEqual(["m1"]);
    expect(flagged[0].message).toBe(
      '措施"低保"同时针对该户全部致贫原因（因病、因学、缺资金），但这些原因没有可共同适配的措施类别，不能通用一个帮扶措施，请按致贫原因分别制定措施',
    );
  });

  it("does not flag when one category fits every cause", () => {
    const measures = [measure({ id: "m1", category: "SOCIAL_SECURITY", item: "低保", addressedCauses: ["ILLNESS", "DISABILITY"] })];
    expect(findCatchAllMeasures(["ILLNESS", "DISABILITY"], measures, matrix)).toEqual([]);
  });

  it("does not flag a household with a single cause", () => {
    const measures = [measure({ id: "m1", addressedCauses: ["ILLNESS"] })];
    expect(findCatchAllMeasures(["ILLNESS"], measures, matrix)).toEqual([]);
  });

  it("does not flag a measure that addresses only some causes", () => {
    const measures = [measure({ id: "m1", addressedCauses: ["ILLNESS"] })];
    expect(findCatchAllMeasures(["ILLNESS", "SCHOOLING"], measures, matrix)).toEqual([]);
  });

  it("flags two disjoint causes but ignores terminated measures", () => {
    const measures = [
      measure({ id: "m1", category: "WATER", item: "水窖", addressedCauses: ["LACK_WATER", "SCHOOLING"] }),
      measure({ id: "m2", category: "WATER", item: "旧水窖", status: "TERMINATED", addressedCauses: ["LACK_WATER", "SCHOOLING"] }),
    ];
    expect(findCatchAllMeasures(["LACK_WATER", "SCHOOLING"], measures, matrix).map((f) => f.id)).toEqual(["m1"]);
  });
});
