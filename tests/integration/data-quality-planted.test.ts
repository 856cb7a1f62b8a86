// 疑点数据 on generated data (issue 12, docs/domain.md §17): the synthetic county generator plants known errors at known
// positions (PLANTED_ERRORS, PLANTED_PHONE_GROUPS in prisma/synthetic-county.ts); a full scan of a generated county of
// 1 200 households finds exactly that many hits of each planted rule, and no 错误 of any other rule: the clean
// generator's data breaks no hard rule. The county is one of its own (522699), so no other test's counts move.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { qualityRule } from "@/lib/data-quality/catalogue";
import { scanCountyQuality } from "@/lib/data-quality/store";
import { ensureSyntheticRegions, generateSyntheticHouseholds, PLANTED_ERRORS, PLANTED_PHONE_GROUPS, plantedCounts } from "@/prisma/synthetic-county";

const COUNTY = "522699000000";
const COUNTY6 = COUNTY.slice(0, 6);
const HOUSEHOLDS = 1_200;

const client = new pg.Client({ connectionString: inject("databaseUrl") });
let byRule: Map<string, { severity: string; hits: number }>;

beforeAll(async () => {
  await client.connect();
  const villages = await ensureSyntheticRegions(client, { countyCode: COUNTY, countyName: "疑点测试县", households: HOUSEHOLDS });
  await generateSyntheticHouseholds(client, { households: HOUSEHOLDS, seed: 12, countyCode6: COUNTY6, villages, year: 2020, plantErrors: true });
  await scanCountyQuality(COUNTY6);
  const rows = await db.qualityHit.groupBy({ by: ["ruleCode", "severity"], where: { countyCode: COUNTY6 }, _count: { _all: true } });
  byRule = new Map(rows.map((row) => [row.ruleCode, { severity: row.severity, hits: row._count._all }]));
}, 600_000);

afterAll(async () => {
  await client.end();
});

describe("疑点数据 finds exactly the errors the generator planted", () => {
  it("the planted rates, stated: one household in 40, 50, 60, 70 and 80, and 4 households sharing a phone in every 500", () => {
    expect(PLANTED_ERRORS.map((error) => [error.rule, error.every, error.offset])).toEqual([
      ["H-007", 40, 1],
      ["H-005", 50, 2],
      ["M-010", 60, 3],
      ["I-008", 70, 4],
      ["M-045", 80, 5],
    ]);
    expect(PLANTED_PHONE_GROUPS).toEqual({ rule: "C-004", every: 500, first: 10, size: 4 });
    expect(plantedCounts(3_000)).toEqual({ "H-007": 75, "H-005": 60, "M-010": 50, "I-008": 43, "M-045": 38, "C-004": 24 });
    expect(plantedCounts(HOUSEHOLDS)).toEqual({ "H-007": 30, "H-005": 24, "M-010": 20, "I-008": 18, "M-045": 15, "C-004": 12 });
    // A short run: positions 10–12 share the phone, 3 households, not above the limit of 3.
    expect(plantedCounts(13)).toEqual({ "H-007": 1, "H-005": 1, "M-010": 1, "I-008": 1, "M-045": 1, "C-004": 0 });
  });

  it("the scan counts each planted rule exactly", () => {
    const expected = plantedCounts(HOUSEHOLDS);
    const found = Object.fromEntries(Object.keys(expected).map((rule) => [rule, byRule.get(rule)?.hits ?? 0]));
    expect(found).toEqual(expected);
  });

  it("no other rule reports an 错误 on the generator's data", () => {
    const planted = new Set(Object.keys(plantedCounts(HOUSEHOLDS)));
    const errors = [...byRule.entries()]
      .filter(([rule, { severity }]) => severity === "ERROR" && !planted.has(rule))
      .map(([rule, { hits }]) => `${rule} ${qualityRule(rule)?.title}: ${hits}`);
    expect(errors).toEqual([]);
  });
});
