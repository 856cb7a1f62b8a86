// 数据能追到户: on a generated county of 3 000 households, every figure of the dashboard — for the
// county, each township and each village, in the current and in a past year — equals the count
// of the list its link opens. The county is a county of its own (522630), so other tests'
// households do not mix in; its measures, visits, returns, populations and exit sheets are
// written here with a seeded PRNG so that every figure has something to count.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { FIGURES } from "@/lib/dashboard/figures";
import { drillDownHref } from "@/lib/dashboard/drill-down";
import { loadDashboard, valueOf, type RegionSummary } from "@/lib/dashboard/queries";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { findExitSheets } from "@/lib/exits/household/find-exit-sheets";
import { ZExitSheetFilter } from "@/lib/exits/schema";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { ensureSyntheticRegions, generateSyntheticHouseholds, mulberry32 } from "@/prisma/synthetic-county";

const COUNTY = "522630000000";
const COUNTY6 = COUNTY.slice(0, 6);
const HOUSEHOLDS = 3_000;
const TODAY = "2020-12-20";
const CURRENT_YEAR = 2020;
const PAST_YEAR = 2017;
const TOWNSHIPS = ["522630100000", "522630101000", "522630200000"];

const client = new pg.Client({ connectionString: inject("databaseUrl") });

function actorFor(role: Actor["role"], regionCode: string, level: Actor["regionLevel"], townshipCode: string | null = null): Actor {
  return {
    userId: "00000000-0000-0000-0000-0000000000aa",
    username: `dd_${role.toLowerCase()}`,
    displayName: "口径核对",
    role,
    regionCode,
    regionName: regionCode,
    regionLevel: level,
    countyCode: COUNTY6,
    townshipCode: level === "COUNTY" ? null : (townshipCode ?? regionCode),
    villageCode: level === "VILLAGE" ? regionCode : null,
    leaderTownships: [],
    ip: null,
  };
}

const leader = actorFor("COUNTY_LEADER", COUNTY, "COUNTY");

/** The count of the list a figure's link opens, read through the list's own query and filter parsing. */
async function listCount(actor: Actor, href: string): Promise<number> {
  const url = new URL(href, "http://localhost");
  const params = Object.fromEntries(url.searchParams);
  if (url.pathname === "/exits") {
    return (await findExitSheets(actor, ZExitSheetFilter.parse(params), { page: 1, pageSize: 1 })).total;
  }
  return (await findHouseholds(actor, ZHouseholdFilter.parse(params), { page: 1, pageSize: 1 })).total;
}

async function seedActivity() {
  const random = mulberry32(99);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const { rows: households } = await client.query<{ id: string; status: string; primary_cause: string; helper_id: string; village_code: string }>(
    `SELECT id, status, primary_cause, helper_id, village_code FROM household WHERE county_code = $1 ORDER BY household_no`,
    [COUNTY6],
  );
  const { rows: fits } = await client.query<{ cause: string; category: string; item_id: string }>(
    `SELECT f.cause, f.category, min(i.id::text) AS item_id FROM cause_category_fit f JOIN measure_item i ON i.category = f.category GROUP BY f.cause, f.category`,
  );
  const sources = ["CENTRAL", "PROVINCIAL", "MUNICIPAL", "COUNTY", "EAST_WEST", "DESIGNATED", "SOCIAL"];
  const measures: unknown[][] = [];
  const visits: unknown[][] = [];
  const sheets: unknown[][] = [];
  let sheetNo = 0;
  for (const household of households) {
    const fitting = fits.filter((fit) => fit.cause === household.primary_cause);
    if (fitting.length && random() < 0.7) {
      const fit = pick(fitting);
      const status = pick(["PLANNED", "ACTIVE", "COMPLETED", "TERMINATED"]);
      measures.push([
        household.id,
        fit.item_id,
        fit.category,
        [household.primary_cause],
        status,
        status === "COMPLETED" ? 10_000 : null,
        Math.floor(random() * 500_000),
        pick(sources),
        household.helper_id,
      ]);
    }
    if (random() < 0.6) visits.push([household.id, household.helper_id, `2020-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-10`]);
    if (household.status === "REGISTERED" && random() < 0.08) {
      sheetNo += 1;
      sheets.push([
        household.id,
        random() < 0.5 ? CURRENT_YEAR : 2019,
        `DD${String(sheetNo).padStart(6, "0")}`,
        pick(["IN_PROGRESS", "IN_PROGRESS", "REJECTED", "APPROVED"]),
      ]);
    }
  }
  await client.query(
    `INSERT INTO measure (id, county_code, household_id, item_id, category, addressed_causes, start_date, status, outcome_fen, amount_fen, funding_source, responsible_unit, created_by)
     SELECT gen_random_uuid(), $1, m.household_id, m.item_id, m.category, string_to_array(m.causes, ','), DATE '2019-03-01', m.status, m.outcome, m.amount, m.source, '县扶贫办', m.created_by
     FROM json_to_recordset($2::json) AS m(household_id uuid, item_id uuid, category text, causes text, status text, outcome int, amount int, source text, created_by uuid)`,
    [
      COUNTY6,
      JSON.stringify(
        measures.map(([household_id, item_id, category, causes, status, outcome, amount, source, created_by]) => ({
          household_id,
          item_id,
          category,
          causes: (causes as string[]).join(","),
          status,
          outcome,
          amount,
          source,
          created_by,
        })),
      ),
    ],
  );
  await client.query(
    `INSERT INTO visit (id, county_code, household_id, visitor_id, visited_on, findings, actions)
     SELECT gen_random_uuid(), $1, v.household_id, v.visitor_id, v.visited_on, '入户了解情况', '' FROM json_to_recordset($2::json) AS v(household_id uuid, visitor_id uuid, visited_on date)`,
    [COUNTY6, JSON.stringify(visits.map(([household_id, visitor_id, visited_on]) => ({ household_id, visitor_id, visited_on })))],
  );
  await client.query(
    `INSERT INTO exit_sheet (id, county_code, township_code, village_code, household_id, assessment_year, verification_code, status)
     SELECT gen_random_uuid(), h.county_code, h.township_code, h.village_code, h.id, s.year, s.code, s.status
     FROM json_to_recordset($1::json) AS s(household_id uuid, year int, code text, status text) JOIN household h ON h.id = s.household_id`,
    [JSON.stringify(sheets.map(([household_id, year, code, status]) => ({ household_id, year, code, status })))],
  );
  // 返贫: a few exited households are poor again.
  await client.query(
    `UPDATE household SET status = 'RETURNED', returned_reason = '因病返贫' WHERE id IN (SELECT id FROM household WHERE county_code = $1 AND status = 'EXITED' ORDER BY household_no LIMIT 40)`,
    [COUNTY6],
  );
  // Populations for every village but the last two (their incidence must say 未填报人口).
  await client.query(
    `INSERT INTO village_population (village_code, year, rural_population)
     SELECT code, y, 800 + (hashtext(code) & 1023) FROM region CROSS JOIN generate_series(2014, 2020) AS y
     WHERE county_code = $1 AND level = 'VILLAGE' AND code NOT IN (SELECT code FROM region WHERE county_code = $1 AND level = 'VILLAGE' ORDER BY code DESC LIMIT 2)`,
    [COUNTY6],
  );
}

beforeAll(async () => {
  await client.connect();
  await client.query(`INSERT INTO region (code, name, level, county_code) VALUES ($1, '核对县', 'COUNTY', $2) ON CONFLICT DO NOTHING`, [COUNTY, COUNTY6]);
  for (const [index, code] of TOWNSHIPS.entries()) {
    await client.query(
      `INSERT INTO region (code, name, level, county_code, parent_code, township_code, sort_order) VALUES ($1, $2, 'TOWNSHIP', $3, $4, $1, $5) ON CONFLICT DO NOTHING`,
      [code, `核对${index + 1}镇`, COUNTY6, COUNTY, index],
    );
  }
  const villages = await ensureSyntheticRegions(client, { countyCode: COUNTY, countyName: "核对县", households: HOUSEHOLDS });
  await generateSyntheticHouseholds(client, { households: HOUSEHOLDS, seed: 5, countyCode6: COUNTY6, villages, year: CURRENT_YEAR, referenceDate: TODAY });
  await seedActivity();
  const result = await refreshIndicators(COUNTY6, { today: TODAY });
  expect(result.kind).toBe("refreshed");
}, 300_000);

afterAll(async () => {
  await client.end();
});

async function expectEveryFigureMatchesItsList(actor: Actor, regions: RegionSummary[], year: number, townshipOf: (region: RegionSummary) => string | null) {
  const mismatches: string[] = [];
  let checked = 0;
  for (const region of regions) {
    for (const figure of FIGURES) {
      const shown = valueOf(region.figures, figure.code).households;
      const listed = await listCount(actor, drillDownHref(figure.code, year, { level: region.level, code: region.code, townshipCode: townshipOf(region) }));
      checked += 1;
      if (shown !== listed) mismatches.push(`${region.name} ${year} ${figure.code}: 图上 ${shown}，清单 ${listed}`);
    }
  }
  expect(mismatches).toEqual([]);
  return checked;
}

describe("every dashboard figure drills down to a list of exactly the households it counted", () => {
  for (const year of [CURRENT_YEAR, PAST_YEAR]) {
    it(`county and townships, ${year}`, async () => {
      const dashboard = await loadDashboard(leader, { year });
      expect(dashboard.children.map((child) => child.code)).toEqual(TOWNSHIPS);
      const checked = await expectEveryFigureMatchesItsList(leader, [dashboard.region, ...dashboard.children], year, () => null);
      expect(checked).toBe(FIGURES.length * 4);
      // Every kind of figure has something to count here, so the comparison is not between zeros.
      const counted = FIGURES.filter((figure) => valueOf(dashboard.region.figures, figure.code).households > 0).map((figure) => figure.code);
      if (year === CURRENT_YEAR) {
        for (const code of [
          "registered",
          "remaining",
          "exitedTotal",
          "cause:ILLNESS",
          "returned",
          "open",
          "fails:INCOME",
          "failsAny",
          "covered",
          "uncovered",
          "visitOverdue",
          "fund:CENTRAL",
          "stage:PROPOSE",
          "stage:APPROVED",
        ]) {
          expect(counted, code).toContain(code);
        }
      }
    }, 120_000);

    it(`villages of every township, ${year}`, async () => {
      for (const township of TOWNSHIPS) {
        const dashboard = await loadDashboard(leader, { regionCode: township, year });
        expect(dashboard.children.length).toBeGreaterThan(0);
        await expectEveryFigureMatchesItsList(leader, dashboard.children, year, () => township);
      }
    }, 240_000);
  }

  it("the figures add up: townships sum to the county, and the shares match the archive itself", async () => {
    const dashboard = await loadDashboard(leader, { year: CURRENT_YEAR });
    for (const figure of FIGURES) {
      const sum = dashboard.children.reduce((total, child) => total + valueOf(child.figures, figure.code).households, 0);
      expect(sum, figure.code).toBe(valueOf(dashboard.region.figures, figure.code).households);
    }
    const { rows } = await client.query<{ primary_cause: string; households: string; people: string }>(
      `SELECT h.primary_cause, count(DISTINCT h.id) AS households, count(m.id) AS people
       FROM household h LEFT JOIN member m ON m.household_id = h.id AND m.status = 'PRESENT'
       WHERE h.county_code = $1 AND h.identification_year <= $2 GROUP BY h.primary_cause`,
      [COUNTY6, CURRENT_YEAR],
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(valueOf(dashboard.region.figures, `cause:${row.primary_cause}`), row.primary_cause).toMatchObject({
        households: Number(row.households),
        people: Number(row.people),
      });
    }
    const registered = rows.reduce((sum, row) => sum + Number(row.households), 0);
    expect(valueOf(dashboard.region.figures, "registered").households).toBe(registered);
  });

  it("the incidence denominators: two villages without a population are reported missing, never guessed", async () => {
    const dashboard = await loadDashboard(leader, { year: CURRENT_YEAR });
    expect(dashboard.region.population.villages - dashboard.region.population.reported).toBe(2);
    const missing = dashboard.children.filter((child) => child.population.reported < child.population.villages);
    expect(missing.length).toBeGreaterThan(0);
  });
});
