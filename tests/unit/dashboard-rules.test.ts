import { describe, expect, it } from "vitest";
import { formatCount, formatFenAsWanYuan, incidence, percentText, shareBasisPoints, sumTargets, targetProgress } from "@/lib/dashboard/rules";

describe("shareBasisPoints", () => {
  it.each([
    [0, 5, 0],
    [1, 8, 1250], // 12.5 % exactly
    [1, 3, 3333], // 33.333… rounds down
    [2, 3, 6667], // 66.666… rounds up
    [1, 6, 1667],
    [5, 5, 10000],
    [7, 5, 14000], // over the whole
    [947, 1694, 5590], // the seeds' 因病 55.9 %
    [1, 20000, 1], // 0.5 bp exactly: half up
    [1, 20001, 0], // just under half
    [3, 40000, 1], // 0.75 bp
    [1, 40000, 0], // 0.25 bp
  ])("%i of %i is %i basis points", (part, whole, expected) => {
    expect(shareBasisPoints(part, whole)).toBe(expected);
  });

  it("is null for a whole of 0", () => {
    expect(shareBasisPoints(0, 0)).toBeNull();
    expect(shareBasisPoints(3, 0)).toBeNull();
  });

  it("stays exact for county-scale and larger counts", () => {
    expect(shareBasisPoints(7990, 340_000)).toBe(235); // 2.35 %
    expect(shareBasisPoints(339_999, 340_000)).toBe(10000); // 99.9997 % rounds to 100.00 %
    expect(shareBasisPoints(29_480_000, 89_620_000)).toBe(3289);
    // part × 10000 beyond the safe-integer range still rounds correctly
    expect(shareBasisPoints(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(10000);
    expect(shareBasisPoints(1, Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it.each([
    [-1, 5],
    [1, -5],
    [0.5, 5],
    [1, 2.5],
    [Number.NaN, 5],
    [1, Number.POSITIVE_INFINITY],
    [2 ** 53, 5],
  ])("refuses %s of %s as a programming error", (part, whole) => {
    expect(() => shareBasisPoints(part, whole)).toThrow(RangeError);
  });
});

describe("percentText", () => {
  it.each([
    [947, 1694, "55.90%"],
    [1, 8, "12.50%"],
    [1, 3, "33.33%"],
    [2, 3, "66.67%"],
    [0, 7, "0.00%"],
    [5, 5, "100.00%"],
    [13, 10, "130.00%"],
    [1, 20000, "0.01%"],
    [1, 20001, "0.00%"],
    [7990, 340_000, "2.35%"],
    [1, 200, "0.50%"],
    [201, 20000, "1.01%"], // 1.005 % → half up
  ])("%i of %i → %s", (part, whole, text) => {
    expect(percentText(part, whole)).toBe(text);
  });

  it("shows a dash for a whole of 0", () => {
    expect(percentText(0, 0)).toBe("—");
    expect(percentText(4, 0)).toBe("—");
  });

  it("refuses negative and fractional input", () => {
    expect(() => percentText(-1, 10)).toThrow(RangeError);
    expect(() => percentText(1, 0.5)).toThrow(RangeError);
  });
});

describe("incidence", () => {
  it("is remaining people over the entered population when every village reported", () => {
    expect(incidence(7990, { villages: 120, reported: 120, total: 340_000 })).toEqual({ kind: "value", basisPoints: 235, text: "2.35%" });
    expect(incidence(0, { villages: 3, reported: 3, total: 4_500 })).toEqual({ kind: "value", basisPoints: 0, text: "0.00%" });
    expect(incidence(1, { villages: 1, reported: 1, total: 8 })).toEqual({ kind: "value", basisPoints: 1250, text: "12.50%" });
  });

  it("says 未填报人口 for a village without a population", () => {
    expect(incidence(12, { villages: 1, reported: 0, total: 0 })).toEqual({ kind: "missing", missingVillages: 1, text: "未填报人口" });
  });

  it("never guesses from the villages that reported: any missing village makes the region missing", () => {
    expect(incidence(300, { villages: 14, reported: 11, total: 20_000 })).toEqual({
      kind: "missing",
      missingVillages: 3,
      text: "未填报人口（3个村未填报）",
    });
    expect(incidence(300, { villages: 14, reported: 13, total: 20_000 })).toMatchObject({
      kind: "missing",
      missingVillages: 1,
      text: "未填报人口（1个村未填报）",
    });
  });

  it("says 人口为0 when every village reported a population of 0", () => {
    expect(incidence(0, { villages: 2, reported: 2, total: 0 })).toEqual({ kind: "zeroPopulation", text: "人口为0" });
    expect(incidence(5, { villages: 1, reported: 1, total: 0 })).toEqual({ kind: "zeroPopulation", text: "人口为0" });
  });

  it("says 无村级数据 for a region without villages", () => {
    expect(incidence(0, { villages: 0, reported: 0, total: 0 })).toEqual({ kind: "missing", missingVillages: 0, text: "无村级数据" });
  });

  it("refuses impossible counts", () => {
    expect(() => incidence(1, { villages: 2, reported: 3, total: 10 })).toThrow(RangeError);
    expect(() => incidence(-1, { villages: 1, reported: 1, total: 10 })).toThrow(RangeError);
    expect(() => incidence(1, { villages: 1, reported: 1, total: 10.5 })).toThrow(RangeError);
  });
});

describe("targetProgress", () => {
  it("says 未下达任务 without a target", () => {
    expect(targetProgress(null, { households: 10, people: 30 })).toEqual({ kind: "none", text: "未下达任务" });
  });

  it("shows progress towards each part of the target", () => {
    expect(targetProgress({ households: 8, people: 30 }, { households: 1, people: 10 })).toEqual({
      kind: "set",
      households: { target: 8, achieved: 1, remaining: 7, percentText: "12.50%", barPercent: 12, met: false },
      people: { target: 30, achieved: 10, remaining: 20, percentText: "33.33%", barPercent: 33, met: false },
    });
  });

  it("fills the bar only when the target is met (no rounding up to a full bar)", () => {
    const progress = targetProgress({ households: 200, people: 3 }, { households: 199, people: 2 });
    if (progress.kind !== "set") throw new Error("expected a set target");
    expect(progress.households).toMatchObject({ percentText: "99.50%", barPercent: 99, met: false, remaining: 1 });
    expect(progress.people).toMatchObject({ percentText: "66.67%", barPercent: 66, met: false });
  });

  it("is met at exactly 100 %", () => {
    const progress = targetProgress({ households: 120, people: 400 }, { households: 120, people: 400 });
    if (progress.kind !== "set") throw new Error("expected a set target");
    expect(progress.households).toEqual({ target: 120, achieved: 120, remaining: 0, percentText: "100.00%", barPercent: 100, met: true });
  });

  it("caps the bar and the remainder when more than the target exited", () => {
    const progress = targetProgress({ households: 100, people: 300 }, { households: 130, people: 301 });
    if (progress.kind !== "set") throw new Error("expected a set target");
    expect(progress.households).toEqual({ target: 100, achieved: 130, remaining: 0, percentText: "130.00%", barPercent: 100, met: true });
    expect(progress.people).toMatchObject({ percentText: "100.33%", barPercent: 100, met: true, remaining: 0 });
  });

  it("treats a target of 0 as met, with a dash for the share", () => {
    const progress = targetProgress({ households: 0, people: 0 }, { households: 0, people: 4 });
    if (progress.kind !== "set") throw new Error("expected a set target");
    expect(progress.households).toEqual({ target: 0, achieved: 0, remaining: 0, percentText: "—", barPercent: 100, met: true });
    expect(progress.people).toMatchObject({ percentText: "—", met: true });
  });

  it("handles county-scale numbers", () => {
    const progress = targetProgress({ households: 75_000, people: 340_000 }, { households: 73_125, people: 339_999 });
    if (progress.kind !== "set") throw new Error("expected a set target");
    expect(progress.households).toMatchObject({ percentText: "97.50%", barPercent: 97, remaining: 1_875 });
    expect(progress.people).toMatchObject({ percentText: "100.00%", barPercent: 99, met: false, remaining: 1 });
  });

  it("refuses negative counts", () => {
    expect(() => targetProgress({ households: -1, people: 0 }, { households: 0, people: 0 })).toThrow(RangeError);
    expect(() => targetProgress({ households: 1, people: 0 }, { households: 0, people: -2 })).toThrow(RangeError);
  });
});

describe("sumTargets", () => {
  it("sums the townships' targets and counts those without one", () => {
    expect(sumTargets([{ households: 120, people: 400 }, null, { households: 80, people: 260 }, null])).toEqual({ households: 200, people: 660, missing: 2 });
  });

  it("is zero with nothing missing for an empty list", () => {
    expect(sumTargets([])).toEqual({ households: 0, people: 0, missing: 0 });
  });

  it("counts every child as missing when none has a target", () => {
    expect(sumTargets([null, null, null])).toEqual({ households: 0, people: 0, missing: 3 });
  });

  it("adds county-scale targets exactly", () => {
    const townships = Array.from({ length: 20 }, () => ({ households: 3_750, people: 17_000 }));
    expect(sumTargets(townships)).toEqual({ households: 75_000, people: 340_000, missing: 0 });
  });

  it("refuses negative targets", () => {
    expect(() => sumTargets([{ households: -5, people: 1 }])).toThrow(RangeError);
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [999, "999"],
    [1_000, "1,000"],
    [1_234, "1,234"],
    [340_000, "340,000"],
    [29_480_000, "29,480,000"],
    [-1_234, "-1,234"],
  ])("%i → %s", (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it("refuses non-integers", () => {
    expect(() => formatCount(1.5)).toThrow(RangeError);
    expect(() => formatCount(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatFenAsWanYuan", () => {
  it.each<[number | bigint, string]>([
    [0, "0.00 万元"],
    [12_350_000, "12.35 万元"], // 123,500 元
    [12_345_000, "12.35 万元"], // exactly half of 0.01 万元: half up
    [12_344_999, "12.34 万元"],
    [4_999, "0.00 万元"],
    [5_000, "0.01 万元"], // 50 元 = 0.005 万元 → 0.01
    [1_000_000, "1.00 万元"],
    [1_234_567_890_000, "1,234,567.89 万元"],
    [12_345_678_901_234_567_890n, "12,345,678,901,234.57 万元"],
    [-12_345_000, "-12.35 万元"],
    [-4_999, "0.00 万元"],
  ])("%s fen → %s", (fen, text) => {
    expect(formatFenAsWanYuan(fen)).toBe(text);
  });

  it("refuses fen that are not integers", () => {
    expect(() => formatFenAsWanYuan(10.5)).toThrow(RangeError);
    expect(() => formatFenAsWanYuan(2 ** 60)).toThrow(RangeError);
  });
});
