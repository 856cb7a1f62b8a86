import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  countByTownship,
  createRandomStream,
  drawSample,
  drawSeed,
  nextReplacement,
  populationHash,
  sampleSizes,
  selfCheckHouseholdsPerVillage,
  verifyDraw,
  type PopulationEntry,
  type SampledHousehold,
} from "@/lib/inspections/sampling";

const TOWN_1 = "522621000000";
const TOWN_2 = "522622000000";
const TOWN_3 = "522623000000";

/** `count` households h<t><nn> in township 52262<t>000000, e.g. h101…h112 in TOWN_1. */
function township(t: 1 | 2 | 3, count: number): PopulationEntry[] {
  return Array.from({ length: count }, (_, i) => ({ householdId: `h${t}${String(i + 1).padStart(2, "0")}`, townshipCode: `52262${t}000000` }));
}

/** A deterministic reordering (reverse, then interleave), standing in for "the database returned another order". */
function shuffled<T>(list: readonly T[]): T[] {
  const reversed = [...list].reverse();
  return [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
}

const POPULATION = [...township(1, 12), ...township(2, 12)];
const SIZES = { [TOWN_1]: 3, [TOWN_2]: 2 };

function seedFor(population: readonly PopulationEntry[], publicValue = "2020-085", roundId = "round-1"): string {
  return drawSeed({ publicValue, roundId, populationHash: populationHash(population) });
}

function ids(sample: readonly { householdId: string }[]): string[] {
  return sample.map((s) => s.householdId);
}

describe("populationHash", () => {
  it("is a sha256 hex digest that does not depend on the order the list arrives in", () => {
    const hash = populationHash(POPULATION);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(populationHash(shuffled(POPULATION))).toBe(hash);
    expect(populationHash([...POPULATION].reverse())).toBe(hash);
  });

  it("matches the documented canonical form, computed independently", () => {
    // sha256 of JSON ["spot-check-population-v1", [[township, household], …]] sorted by township then household,
    // computed with Python's hashlib/json from the description in lib/inspections/sampling.ts.
    expect(populationHash(POPULATION)).toBe("0258deff67b0e03b985b9c1b5d67f7eb2dde57790254abb8c32632d15aae3a59");
  });

  it("changes when a household is added, removed or moved to another township", () => {
    const hash = populationHash(POPULATION);
    const added = [...POPULATION, { householdId: "h113", townshipCode: TOWN_1 }];
    const removed = POPULATION.filter((e) => e.householdId !== "h205");
    const moved = POPULATION.map((e) => (e.householdId === "h205" ? { ...e, townshipCode: TOWN_1 } : e));
    const hashes = new Set([hash, populationHash(added), populationHash(removed), populationHash(moved)]);
    expect(hashes.size).toBe(4);
  });

  it("hashes an empty population", () => {
    expect(populationHash([])).toMatch(/^[0-9a-f]{64}$/);
    expect(populationHash([])).not.toBe(populationHash(township(1, 1)));
  });

  it("refuses a household listed twice, even under two townships", () => {
    expect(() => populationHash([...POPULATION, { householdId: "h101", townshipCode: TOWN_1 }])).toThrow(RangeError);
    expect(() => populationHash([...POPULATION, { householdId: "h101", townshipCode: TOWN_2 }])).toThrow(RangeError);
  });

  it("refuses empty ids", () => {
    expect(() => populationHash([{ householdId: "", townshipCode: TOWN_1 }])).toThrow(RangeError);
    expect(() => populationHash([{ householdId: "h1", townshipCode: "" }])).toThrow(RangeError);
  });
});

describe("drawSeed", () => {
  const hash = populationHash(POPULATION);

  it("is a sha256 hex digest of the public value, the round and the population (computed independently)", () => {
    const seed = drawSeed({ publicValue: "2020-085", roundId: "round-1", populationHash: hash });
    expect(seed).toBe("f883c20ad1267d2df8db531229a9281809c3904f27c0e98049154d6d75918ffa");
  });

  it("trims the public value", () => {
    expect(drawSeed({ publicValue: " 2020-085\n", roundId: "round-1", populationHash: hash })).toBe(
      drawSeed({ publicValue: "2020-085", roundId: "round-1", populationHash: hash }),
    );
  });

  it("differs for another public value, another round or another population", () => {
    const seeds = new Set([
      drawSeed({ publicValue: "2020-085", roundId: "round-1", populationHash: hash }),
      drawSeed({ publicValue: "2020-086", roundId: "round-1", populationHash: hash }),
      drawSeed({ publicValue: "2020-085", roundId: "round-2", populationHash: hash }),
      drawSeed({ publicValue: "2020-085", roundId: "round-1", populationHash: populationHash(township(1, 12)) }),
    ]);
    expect(seeds.size).toBe(4);
  });

  it.each(["", "   ", "\t\n"])("refuses a blank public value %j with a Chinese message for the field", (publicValue) => {
    let error: unknown;
    try {
      drawSeed({ publicValue, roundId: "round-1", populationHash: hash });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).message).toBe("请填写公开随机数（如当期彩票开奖号码）");
    expect((error as AppError).fieldErrors).toEqual({ publicValue: ["请填写公开随机数（如当期彩票开奖号码）"] });
  });

  it("refuses a missing round id or a population hash that is not a sha256 hex digest", () => {
    expect(() => drawSeed({ publicValue: "1", roundId: "", populationHash: hash })).toThrow(RangeError);
    expect(() => drawSeed({ publicValue: "1", roundId: "round-1", populationHash: "abc" })).toThrow(RangeError);
    expect(() => drawSeed({ publicValue: "1", roundId: "round-1", populationHash: hash.toUpperCase() })).toThrow(RangeError);
  });
});

describe("createRandomStream", () => {
  const seed = seedFor(POPULATION);

  it("produces the documented sha256 counter-mode uint32s (computed independently)", () => {
    const stream = createRandomStream(seed, TOWN_1);
    const values = Array.from({ length: 9 }, () => stream.nextUint32());
    // 8 per block, so the ninth comes from the second block.
    expect(values).toEqual([1948996749, 2858443297, 3674841833, 3954251668, 2604722608, 3513896711, 4126070122, 776353275, 4167859530]);
  });

  it("is reproducible and gives each stream name its own sequence", () => {
    const a = createRandomStream(seed, TOWN_1);
    const b = createRandomStream(seed, TOWN_1);
    const c = createRandomStream(seed, TOWN_2);
    const first = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(first);
  });

  it("draws below n by rejection, never by a biased modulo", () => {
    // For n = 2^31 + 1, every uint32 ≥ n must be rejected (a modulo would fold it onto x − n).
    const n = 2 ** 31 + 1;
    const raw = createRandomStream(seed, "rejection");
    const bounded = createRandomStream(seed, "rejection");
    const accepted = Array.from({ length: 200 }, () => raw.nextUint32()).filter((x) => x < n);
    expect(accepted.length).toBeGreaterThan(60); // about half of 200 are accepted
    expect(accepted.length).toBeLessThan(140);
    expect(Array.from({ length: accepted.length }, () => bounded.below(n))).toEqual(accepted);
  });

  it("keeps every value in [0, n)", () => {
    const stream = createRandomStream(seed, "range");
    for (const n of [1, 2, 3, 7, 10, 1000, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const value = stream.below(n);
        expect(Number.isInteger(value) && value >= 0 && value < n).toBe(true);
      }
    }
  });

  it.each([0, -1, 1.5, 2 ** 32 + 1, Number.NaN])("refuses the bound %s", (n) => {
    expect(() => createRandomStream(seed, "x").below(n)).toThrow(RangeError);
  });

  it("refuses a seed that is not a sha256 hex digest", () => {
    expect(() => createRandomStream("not-a-seed", TOWN_1)).toThrow(RangeError);
  });
});

describe("sampleSizes", () => {
  it("takes a fixed count per township, capped at the township's population", () => {
    expect(sampleSizes({ [TOWN_1]: 45, [TOWN_2]: 3, [TOWN_3]: 0 }, { kind: "count", perTownship: 5 })).toEqual({ [TOWN_1]: 5, [TOWN_2]: 3, [TOWN_3]: 0 });
    expect(sampleSizes({ [TOWN_1]: 45 }, { kind: "count", perTownship: 0 })).toEqual({ [TOWN_1]: 0 });
    expect(sampleSizes({ [TOWN_1]: 45 }, { kind: "count", perTownship: 1 })).toEqual({ [TOWN_1]: 1 });
  });

  it.each([
    [45, 100, 5], // 4.5 rounds up
    [40, 100, 4], // exact
    [41, 100, 5], // 4.1 rounds up
    [1, 100, 1], // 0.1 rounds up: a township with a household is never skipped by a positive share
    [0, 100, 0],
    [45, 0, 0],
    [45, 1000, 45],
    [999, 1, 1],
    [1000, 1, 1],
    [1001, 1, 2],
    [14_000, 300, 4200],
  ])("a township of %i at %i‰ samples %i", (population, permille, expected) => {
    expect(sampleSizes({ [TOWN_1]: population }, { kind: "share", permille })).toEqual({ [TOWN_1]: expected });
  });

  it("applies a minimum to a share, but never beyond the population", () => {
    const rule = { kind: "share", permille: 100, minimum: 3 } as const;
    expect(sampleSizes({ [TOWN_1]: 10, [TOWN_2]: 2, [TOWN_3]: 80 }, rule)).toEqual({ [TOWN_1]: 3, [TOWN_2]: 2, [TOWN_3]: 8 });
    expect(sampleSizes({ [TOWN_1]: 0 }, rule)).toEqual({ [TOWN_1]: 0 });
  });

  it.each([
    [{ kind: "count", perTownship: -1 }],
    [{ kind: "count", perTownship: 1.5 }],
    [{ kind: "share", permille: -1 }],
    [{ kind: "share", permille: 1001 }],
    [{ kind: "share", permille: 12.5 }],
    [{ kind: "share", permille: 100, minimum: -2 }],
  ] as const)("refuses the rule %j", (rule) => {
    expect(() => sampleSizes({ [TOWN_1]: 10 }, rule)).toThrow(RangeError);
  });

  it("refuses a population that is not a count", () => {
    expect(() => sampleSizes({ [TOWN_1]: -1 }, { kind: "count", perTownship: 1 })).toThrow(RangeError);
    expect(() => sampleSizes({ [TOWN_1]: 2.5 }, { kind: "count", perTownship: 1 })).toThrow(RangeError);
  });

  it("works with countByTownship", () => {
    expect(countByTownship(shuffled([...township(2, 7), ...township(1, 45)]))).toEqual({ [TOWN_1]: 45, [TOWN_2]: 7 });
    expect(sampleSizes(countByTownship([...township(1, 45), ...township(2, 7)]), { kind: "share", permille: 100 })).toEqual({ [TOWN_1]: 5, [TOWN_2]: 1 });
  });
});

describe("selfCheckHouseholdsPerVillage (county self-check: all up to 20, at least 20 for 21–100, at least 30 above 100)", () => {
  it.each([
    [0, 0],
    [1, 1],
    [20, 20],
    [21, 20],
    [100, 20],
    [101, 30],
    [5000, 30],
  ])("a village of %i households: %i", (households, expected) => {
    expect(selfCheckHouseholdsPerVillage(households)).toBe(expected);
  });

  it("refuses a household count that is not a count", () => {
    expect(() => selfCheckHouseholdsPerVillage(-1)).toThrow(RangeError);
    expect(() => selfCheckHouseholdsPerVillage(3.5)).toThrow(RangeError);
  });
});

describe("drawSample", () => {
  const seed = seedFor(POPULATION);

  it("draws the documented sample (computed independently from the description)", () => {
    expect(drawSample(POPULATION, SIZES, seed)).toEqual([
      { householdId: "h110", townshipCode: TOWN_1, ordinal: 1 },
      { householdId: "h108", townshipCode: TOWN_1, ordinal: 2 },
      { householdId: "h106", townshipCode: TOWN_1, ordinal: 3 },
      { householdId: "h206", townshipCode: TOWN_2, ordinal: 1 },
      { householdId: "h212", townshipCode: TOWN_2, ordinal: 2 },
    ]);
  });

  it("gives the same sample whatever order the population arrives in", () => {
    const again = shuffled(POPULATION);
    expect(seedFor(again)).toBe(seed);
    expect(drawSample(again, SIZES, seedFor(again))).toEqual(drawSample(POPULATION, SIZES, seed));
  });

  it("gives another sample when the list changes (a new hash, so a new seed)", () => {
    const changed = [...POPULATION, { householdId: "h113", townshipCode: TOWN_1 }];
    expect(populationHash(changed)).not.toBe(populationHash(POPULATION));
    const before = drawSample(POPULATION, { [TOWN_1]: 6, [TOWN_2]: 6 }, seed);
    const after = drawSample(changed, { [TOWN_1]: 6, [TOWN_2]: 6 }, seedFor(changed));
    expect(ids(after)).not.toEqual(ids(before));
  });

  it("gives another sample for another public value", () => {
    const sizes = { [TOWN_1]: 6, [TOWN_2]: 6 };
    expect(ids(drawSample(POPULATION, sizes, seedFor(POPULATION, "2020-086")))).not.toEqual(ids(drawSample(POPULATION, sizes, seed)));
  });

  it("takes each township's size from its own households, without duplicates, in township code order", () => {
    const population = shuffled([...township(3, 30), ...township(1, 45), ...township(2, 7)]);
    const sizes = sampleSizes(countByTownship(population), { kind: "share", permille: 100, minimum: 2 });
    const sample = drawSample(population, sizes, seedFor(population));
    const townshipOf = new Map(population.map((e) => [e.householdId, e.townshipCode]));

    expect(new Set(ids(sample)).size).toBe(sample.length);
    for (const pick of sample) expect(townshipOf.get(pick.householdId)).toBe(pick.townshipCode);
    expect(sample.map((s) => s.townshipCode)).toEqual([...Array(5).fill(TOWN_1), ...Array(2).fill(TOWN_2), ...Array(3).fill(TOWN_3)]);
    expect(sample.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 1, 2, 1, 2, 3]);
  });

  it("with a size equal to the population, returns the whole township in a shuffled order", () => {
    const sample = drawSample(POPULATION, { [TOWN_1]: 12 }, seed);
    expect(ids(sample).sort()).toEqual(ids(township(1, 12)));
    expect(ids(sample)).not.toEqual(ids(township(1, 12)));
  });

  it("draws nothing for a size of 0, a missing size or an empty population", () => {
    expect(drawSample(POPULATION, { [TOWN_1]: 0 }, seed)).toEqual([]);
    expect(drawSample(POPULATION, {}, seed)).toEqual([]);
    expect(drawSample([], {}, seedFor([]))).toEqual([]);
  });

  it("refuses a size larger than the township, for an unknown township, or not a count", () => {
    expect(() => drawSample(POPULATION, { [TOWN_1]: 13 }, seed)).toThrow(RangeError);
    expect(() => drawSample(POPULATION, { [TOWN_3]: 1 }, seed)).toThrow(RangeError);
    expect(() => drawSample(POPULATION, { [TOWN_1]: -1 }, seed)).toThrow(RangeError);
    expect(() => drawSample(POPULATION, { [TOWN_1]: 1.5 }, seed)).toThrow(RangeError);
  });

  it("picks each of 10 households about equally often (2 000 fixed seeds, 1 of 10)", () => {
    const population = township(1, 10);
    const hash = populationHash(population);
    const picks = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const seed = drawSeed({ publicValue: String(i), roundId: "uniformity", populationHash: hash });
      const [pick] = drawSample(population, { [TOWN_1]: 1 }, seed);
      picks.set(pick.householdId, (picks.get(pick.householdId) ?? 0) + 1);
    }
    expect(picks.size).toBe(10);
    for (const count of picks.values()) {
      expect(count).toBeGreaterThanOrEqual(150);
      expect(count).toBeLessThanOrEqual(250);
    }
  });

  it("draws every ordered pair about equally often (3 000 fixed seeds, 2 of 3): the shuffle, not only the first pick, is uniform", () => {
    const population = township(1, 3);
    const hash = populationHash(population);
    const pairs = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const seed = drawSeed({ publicValue: String(i), roundId: "pairs", populationHash: hash });
      const key = ids(drawSample(population, { [TOWN_1]: 2 }, seed)).join(">");
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(pairs.size).toBe(6); // expected 500 each, standard deviation ≈ 20
    for (const count of pairs.values()) {
      expect(count).toBeGreaterThanOrEqual(420);
      expect(count).toBeLessThanOrEqual(580);
    }
  });
});

describe("nextReplacement", () => {
  const seed = seedFor(POPULATION);
  const sample = drawSample(POPULATION, SIZES, seed);

  it("continues the township's draw: the next household the same shuffle would have drawn", () => {
    const continued = drawSample(POPULATION, { ...SIZES, [TOWN_1]: 5 }, seed).filter((s) => s.townshipCode === TOWN_1);
    const first = nextReplacement(POPULATION, sample, TOWN_1, seed);
    expect(first).toEqual({ householdId: "h102", townshipCode: TOWN_1, ordinal: 4 }); // the independent reference's 4th draw
    expect(first).toEqual(continued[3]);
    const second = nextReplacement(POPULATION, [...sample, first!], TOWN_1, seed);
    expect(second).toEqual({ householdId: "h105", townshipCode: TOWN_1, ordinal: 5 });
    expect(second).toEqual(continued[4]);
  });

  it("is reproducible, whatever order the population and the picks arrive in", () => {
    expect(nextReplacement(shuffled(POPULATION), shuffled(sample), TOWN_2, seed)).toEqual(nextReplacement(POPULATION, sample, TOWN_2, seed));
  });

  it("never repeats a picked household and ends when the township is exhausted", () => {
    const picked: SampledHousehold[] = [...sample];
    const replacements: string[] = [];
    for (;;) {
      const next = nextReplacement(POPULATION, picked, TOWN_2, seed);
      if (next === null) break;
      expect(ids(picked)).not.toContain(next.householdId);
      expect(next.townshipCode).toBe(TOWN_2);
      picked.push(next);
      replacements.push(next.householdId);
    }
    expect(replacements).toHaveLength(10);
    const town2 = picked.filter((p) => p.townshipCode === TOWN_2);
    expect(ids(town2).sort()).toEqual(ids(township(2, 12)));
    expect(town2.map((p) => p.ordinal)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("draws the first household of a township nothing was sampled in", () => {
    expect(nextReplacement(POPULATION, [], TOWN_1, seed)).toEqual(drawSample(POPULATION, { [TOWN_1]: 1 }, seed)[0]);
  });

  it("refuses picks that are not what the draw produced, so a replacement cannot be steered", () => {
    const chosenByHand = sample.map((s) => (s.householdId === "h108" ? { ...s, householdId: "h101" } : s));
    const skipAhead = [...sample, { householdId: "h102", townshipCode: TOWN_1, ordinal: 4 }, { householdId: "h111", townshipCode: TOWN_1, ordinal: 5 }];
    for (const picked of [chosenByHand, skipAhead]) {
      let error: unknown;
      try {
        nextReplacement(POPULATION, picked, TOWN_1, seed);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("RULE_VIOLATION");
      expect((error as AppError).message).toBe("已抽取的户与抽样结果不一致，不能抽取替换户，请先重新抽取验证");
    }
  });

  it("refuses a household picked twice or one outside the township's population", () => {
    expect(() => nextReplacement(POPULATION, [...sample, sample[0]], TOWN_1, seed)).toThrow(RangeError);
    expect(() => nextReplacement(POPULATION, [{ householdId: "h201", townshipCode: TOWN_1 }], TOWN_1, seed)).toThrow(RangeError);
  });
});

describe("verifyDraw", () => {
  const roundId = "round-1";
  const publicValue = "2020-085";
  const hash = populationHash(POPULATION);
  const seed = drawSeed({ publicValue, roundId, populationHash: hash });
  const recordedSample = drawSample(POPULATION, SIZES, seed);
  const round = { population: POPULATION, populationHash: hash, publicValue, roundId, seed, sizes: SIZES, recordedSample };

  it("confirms a genuine draw, whatever order the stored rows come back in", () => {
    expect(verifyDraw(round)).toEqual({ ok: true });
    expect(verifyDraw({ ...round, population: shuffled(POPULATION), recordedSample: shuffled(recordedSample) })).toEqual({ ok: true });
  });

  it("detects a household swapped into the sample", () => {
    const swapped = recordedSample.map((s) => (s.householdId === "h108" ? { ...s, householdId: "h101" } : s));
    expect(verifyDraw({ ...round, recordedSample: swapped })).toEqual({
      ok: false,
      populationHashMatches: true,
      seedMatches: true,
      expectedPopulationHash: hash,
      expectedSeed: seed,
      differences: [{ townshipCode: TOWN_1, ordinal: 2, expectedHouseholdId: "h108", recordedHouseholdId: "h101" }],
    });
  });

  it("detects a household dropped from or added to the sample", () => {
    const dropped = recordedSample.filter((s) => s.householdId !== "h212");
    expect(verifyDraw({ ...round, recordedSample: dropped })).toMatchObject({
      ok: false,
      differences: [{ townshipCode: TOWN_2, ordinal: 2, expectedHouseholdId: "h212", recordedHouseholdId: null }],
    });
    const added = [...recordedSample, { householdId: "h201", townshipCode: TOWN_2, ordinal: 3 }];
    expect(verifyDraw({ ...round, recordedSample: added })).toMatchObject({
      ok: false,
      differences: [{ townshipCode: TOWN_2, ordinal: 3, expectedHouseholdId: null, recordedHouseholdId: "h201" }],
    });
    const doubled = [...recordedSample, { ...recordedSample[0], householdId: "h112" }];
    expect(verifyDraw({ ...round, recordedSample: doubled })).toMatchObject({
      ok: false,
      differences: [{ townshipCode: TOWN_1, ordinal: 1, expectedHouseholdId: "h110", recordedHouseholdId: "h112" }],
    });
  });

  it("detects a frozen list changed after the draw", () => {
    const changed = POPULATION.filter((e) => e.householdId !== "h103");
    const result = verifyDraw({ ...round, population: changed });
    expect(result).toMatchObject({ ok: false, populationHashMatches: false, seedMatches: false, expectedPopulationHash: populationHash(changed) });
  });

  it("detects a seed that does not come from the public value, the round and the list", () => {
    const otherSeed = drawSeed({ publicValue: "2020-086", roundId, populationHash: hash });
    const result = verifyDraw({ ...round, seed: otherSeed, recordedSample: drawSample(POPULATION, SIZES, otherSeed) });
    expect(result).toMatchObject({ ok: false, populationHashMatches: true, seedMatches: false, expectedSeed: seed });
    expect(result.ok === false && result.differences.length).toBeGreaterThan(0);
  });

  it("still answers when the changed list no longer holds the recorded sizes", () => {
    const shrunk = [...township(1, 2), ...township(2, 12)];
    const result = verifyDraw({ ...round, population: shrunk });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.populationHashMatches).toBe(false);
  });
});
