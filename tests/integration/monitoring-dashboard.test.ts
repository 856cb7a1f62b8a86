// 数据能追到户 for the 防止返贫监测 figures of the dashboard (lib/monitoring/figures.ts): for the county, every township
// and every village of the first township, as the county leader and as a township cadre, each figure equals the count
// of the list its link opens — read through the list's own query. The figures are counted live, so the data written
// here shows at once; the deltas prove each figure counts what it says (a comparison of zeros proves nothing).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadDashboard } from "@/lib/dashboard/queries";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { createMonitoringObject } from "@/lib/monitoring/commands";
import { findUnmatchedRisks } from "@/lib/monitoring/fit";
import { ZUnmatchedFilter } from "@/lib/monitoring/fit-schema";
import { countOf, monitoringFigureHref, type FigureRegion, type MonitoringFigures } from "@/lib/monitoring/figure-links";
import { loadMonitoringFigures, objectFigureWhere } from "@/lib/monitoring/figures";
import { findMonitoringObjects } from "@/lib/monitoring/queries";
import { raiseWarning } from "@/lib/monitoring/warnings";
import { findWarnings } from "@/lib/monitoring/warnings-queries";
import { FIRST_VILLAGE, SECOND_TOWNSHIP_VILLAGE, createTestHousehold } from "./factories";
import { signInAs } from "./helpers";

const FIRST_TOWNSHIP = FIRST_VILLAGE.slice(0, 9) + "000";
const daysAgo = (days: number) => new Date(Date.parse(`${todayString()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const PAGE = { page: 1, pageSize: 1 };

/** The total of the list a figure's link opens, through that list's query and filter. */
async function listCount(actor: Actor, href: string): Promise<number> {
  const url = new URL(href, "http://localhost");
  const params = Object.fromEntries(url.searchParams);
  switch (url.pathname) {
    case "/monitoring":
      return (await findMonitoringObjects(actor, { township: params.township, village: params.village, figure: objectFigureWhere(params.figure)! }, PAGE))
        .total;
    case "/monitoring/warnings":
      return (
        await findWarnings(
          actor,
          { status: params.status as "OPEN", township: params.township, village: params.village, overdue: params.overdue === "1" },
          PAGE,
        )
      ).total;
    case "/monitoring/unmatched":
      return (await findUnmatchedRisks(actor, ZUnmatchedFilter.parse(params), PAGE)).total;
    default:
      throw new Error(`unexpected list ${href}`);
  }
}

type Column = { code: string; kind: "object" | "warningsOpen" | "warningsOverdue" | "unmatched" };

function columnsOf(figures: MonitoringFigures): Column[] {
  return [
    ...[{ code: "monitored" }, ...figures.categories, { code: "pending" }, ...figures.risks, { code: "eliminated" }].map((figure) => ({
      code: figure.code,
      kind: "object" as const,
    })),
    { code: "warningsOpen", kind: "warningsOpen" },
    { code: "warningsOverdue", kind: "warningsOverdue" },
    { code: "unmatched", kind: "unmatched" },
  ];
}

async function figuresOf(actor: Actor, regionCode?: string) {
  const dashboard = await loadDashboard(actor, { regionCode, year: Number(todayString().slice(0, 4)) });
  const asRegion = (entry: { code: string; level: string }): FigureRegion => ({
    code: entry.code,
    level: entry.level as FigureRegion["level"],
    townshipCode: null,
  });
  const regions = [asRegion(dashboard.region), ...dashboard.children.map(asRegion)];
  const figures = (await loadMonitoringFigures(actor, regions[0], regions.slice(1)))!;
  return { figures, regions };
}

async function expectFiguresMatchLists(actor: Actor, regionCode?: string) {
  const { figures, regions } = await figuresOf(actor, regionCode);
  const mismatches: string[] = [];
  for (const region of regions) {
    for (const column of columnsOf(figures)) {
      const shown = countOf(figures, region.code, column.code);
      const listed = await listCount(actor, monitoringFigureHref(column.kind, region, column.code));
      if (shown !== listed) mismatches.push(`${region.code} ${column.code}: 图上 ${shown}，清单 ${listed}`);
    }
  }
  expect(mismatches).toEqual([]);
  return figures;
}

let before: MonitoringFigures;
const county = () => signInAs("leader");

beforeAll(async () => {
  before = (await figuresOf(await county())).figures;
  const village = await signInAs("village");
  const town2 = await signInAs("town2");
  const make = async (actor: Actor, category: string, riskType: string, villageCode = FIRST_VILLAGE) => {
    const household = await createTestHousehold(actor, villageCode);
    const { id } = await createMonitoringObject(actor, {
      kind: "ARCHIVE",
      householdNo: household.householdNo,
      category,
      riskType,
      foundOn: daysAgo(10),
      source: "CADRE_SCREENING",
    });
    return { id, household };
  };
  // Identified (监测中) through the chain elsewhere; here only their state matters, so it is set directly.
  const monitored = [
    await make(village, "UNSTABLE", "ILLNESS"),
    await make(village, "MARGINAL", "SCHOOLING"),
    await make(town2, "SUDDEN_HARDSHIP", "ACCIDENT", SECOND_TOWNSHIP_VILLAGE),
  ];
  await db.monitoringObject.updateMany({ where: { id: { in: monitored.map((row) => row.id) } }, data: { status: "MONITORED" } });
  await make(village, "UNSTABLE", "HOUSING"); // stays 待识别
  const eliminated = await make(village, "MARGINAL", "UNSTABLE_WORK");
  await db.monitoringObject.update({ where: { id: eliminated.id }, data: { status: "ELIMINATED", eliminatedOn: new Date(`${todayString()}T00:00:00Z`) } });
  // 预警: one overdue self-application, one fresh, one visit finding (no deadline).
  const [late, fresh] = [await createTestHousehold(village), await createTestHousehold(village)];
  await raiseWarning(village, { source: "SELF_APPLICATION", householdNo: late.householdNo, raisedOn: daysAgo(4), reason: "申报：因病" });
  await raiseWarning(village, { source: "SELF_APPLICATION", householdNo: fresh.householdNo, raisedOn: todayString(), reason: "申报：因学" });
  await raiseWarning(village, { source: "CADRE_VISIT", householdNo: fresh.householdNo, raisedOn: daysAgo(20), reason: "排查：住房" });
});

describe("every monitoring figure of the dashboard opens a list of exactly what it counted", () => {
  it("county leader: the county, its townships, and the villages of the first township", async () => {
    const leader = await county();
    const after = await expectFiguresMatchLists(leader);
    await expectFiguresMatchLists(leader, FIRST_TOWNSHIP);
    const countyCode = (await loadDashboard(leader, { year: Number(todayString().slice(0, 4)) })).region.code;
    const delta = (code: string) => countOf(after, countyCode, code) - countOf(before, countyCode, code);
    expect({
      unstable: delta("category:UNSTABLE"),
      marginal: delta("category:MARGINAL"),
      sudden: delta("category:SUDDEN_HARDSHIP"),
      pending: delta("pending"),
      illness: delta("risk:ILLNESS"),
      accident: delta("risk:ACCIDENT"),
      housing: delta("risk:HOUSING"),
      eliminated: delta("eliminated"),
      open: delta("warningsOpen"),
      overdue: delta("warningsOverdue"),
      // The three monitored households have no measures: each risk lacks a fitting one.
      unmatched: delta("unmatched"),
    }).toEqual({ unstable: 1, marginal: 1, sudden: 1, pending: 1, illness: 1, accident: 1, housing: 0, eliminated: 1, open: 3, overdue: 1, unmatched: 3 });
  });

  it("a township cadre sees only the township, and its figures match its lists too", async () => {
    const town = await signInAs("town");
    const figures = await expectFiguresMatchLists(town);
    const leaderView = await expectFiguresMatchLists(await county(), FIRST_TOWNSHIP);
    for (const column of columnsOf(figures)) {
      expect(countOf(figures, FIRST_TOWNSHIP, column.code), column.code).toBe(countOf(leaderView, FIRST_TOWNSHIP, column.code));
    }
    // The 突发严重困难户 written here lives in the second township: the township cadre's list does not show it.
    const sudden = await findMonitoringObjects(town, { figure: objectFigureWhere("category:SUDDEN_HARDSHIP")! }, { page: 1, pageSize: 500 });
    expect(sudden.total).toBe(countOf(figures, FIRST_TOWNSHIP, "category:SUDDEN_HARDSHIP"));
    expect(sudden.rows.every((row) => row.villageName !== "大坪村")).toBe(true);
  });

  it("an unknown figure code filters nothing in (the list ignores it) and a helper has no monitoring figures", async () => {
    expect(objectFigureWhere("category:NOPE")).toBeNull();
    expect(objectFigureWhere("risk:bad code")).toBeNull();
    const helper = await signInAs("helper");
    expect(await loadMonitoringFigures(helper, { level: "VILLAGE", code: FIRST_VILLAGE, townshipCode: null }, [])).toBeNull();
  });
});
