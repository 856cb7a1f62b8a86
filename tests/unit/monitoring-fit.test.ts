import { describe, expect, it } from "vitest";
import { buildRiskFit, countingCategories, fitCategoriesFor, measuresFitting } from "@/lib/monitoring/fit-rules";
import { risksWithoutMeasure } from "@/lib/monitoring/rules";

const open = (riskType: string) => ({ riskType, resolvedOn: null });

describe("the county-managed risk ↔ measure category fit", () => {
  it("an unset type takes the built-in default; a county-added unset type fits every category; a set type takes exactly the county's list", () => {
    expect(fitCategoriesFor({ code: "ILLNESS", fitCategories: [] })).toEqual(["HEALTH", "SOCIAL_SECURITY"]);
    expect(fitCategoriesFor({ code: "R_COUNTY_1", fitCategories: [] })).toHaveLength(13);
    // Stored in any order, returned in the canonical category order.
    expect(fitCategoriesFor({ code: "ILLNESS", fitCategories: ["SOCIAL_SECURITY", "FINANCE"] })).toEqual(["SOCIAL_SECURITY", "FINANCE"]);
  });

  it("risksWithoutMeasure follows a county-changed matrix", () => {
    const defaults = buildRiskFit([
      { code: "ILLNESS", fitCategories: [] },
      { code: "SCHOOLING", fitCategories: [] },
    ]);
    const changed = buildRiskFit([
      { code: "ILLNESS", fitCategories: ["FINANCE"] },
      { code: "SCHOOLING", fitCategories: [] },
    ]);
    const risks = [open("ILLNESS"), open("SCHOOLING")];
    // A 健康帮扶 measure fits 因病 by default, no longer once the county says only 金融帮扶 does.
    expect(risksWithoutMeasure(risks, ["HEALTH", "EDUCATION"], defaults)).toEqual([]);
    expect(risksWithoutMeasure(risks, ["HEALTH", "EDUCATION"], changed)).toEqual(["ILLNESS"]);
    expect(risksWithoutMeasure(risks, ["FINANCE", "EDUCATION"], changed)).toEqual([]);
    // A resolved risk never counts.
    expect(risksWithoutMeasure([{ riskType: "ILLNESS", resolvedOn: "2025-01-01" }], [], changed)).toEqual([]);
  });

  it("only active or completed measures count, and only those of a fitting category are shown for a risk", () => {
    const fit = buildRiskFit([{ code: "ILLNESS", fitCategories: [] }]);
    const measures = [
      { id: "a", category: "HEALTH", status: "PLANNED" },
      { id: "b", category: "HEALTH", status: "ACTIVE" },
      { id: "c", category: "HEALTH", status: "TERMINATED" },
      { id: "d", category: "SOCIAL_SECURITY", status: "COMPLETED" },
      { id: "e", category: "INDUSTRY", status: "ACTIVE" },
    ];
    expect(measuresFitting("ILLNESS", measures, fit).map((measure) => measure.id)).toEqual(["b", "d"]);
    expect(countingCategories(measures)).toEqual(["HEALTH", "SOCIAL_SECURITY", "INDUSTRY"]);
    expect(risksWithoutMeasure([open("ILLNESS")], countingCategories(measures.slice(0, 1)), fit)).toEqual(["ILLNESS"]);
  });
});
