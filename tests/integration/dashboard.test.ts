// The dashboard follows the archive: writes made through the commands change the figures once
// the refresh job has run (and not before: the figures and their lists share one snapshot), and
// no one reads a region outside their scope, by page or by drill-down URL.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { drillDownHref } from "@/lib/dashboard/drill-down";
import { loadDashboard, valueOf, type RegionSummary } from "@/lib/dashboard/queries";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { saveIncome } from "@/lib/income/commands";
import { addMeasure, changeMeasureStatus } from "@/lib/measures/commands";
import { recordVisit } from "@/lib/measures/plans-and-visits";
import { addMember, endMembership } from "@/lib/members/commands";
import { DEMO_COUNTY, DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE, memberFields, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);
const FIRST_TOWNSHIP = DEMO_TOWNSHIPS[0].code;
const EXIT_YEAR = 2020;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);

async function firstVillage(actor: Actor, year = EXIT_YEAR): Promise<RegionSummary> {
  const dashboard = await loadDashboard(actor, { regionCode: FIRST_TOWNSHIP, year });
  const village = dashboard.children.find((child) => child.code === FIRST_VILLAGE);
  if (!village) throw new Error("第一个村不在乡镇的作战图上");
  return village;
}

const households = (region: RegionSummary, code: string) => valueOf(region.figures, code).households;
const people = (region: RegionSummary, code: string) => valueOf(region.figures, code).people;

async function refresh() {
  const result = await refreshIndicators(COUNTY6);
  expect(result.kind).toBe("refreshed");
}

async function sheetVersion(sheetId: string) {
  return String((await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
}

describe("the dashboard follows the archive after the refresh job", () => {
  it("a new household, a member who joins and dies, measures that start and complete, a visit, an exit", async () => {
    const [village, helper, team, town, county, leader] = await Promise.all(
      ["village", "helper", "team", "town", "county", "leader"].map((name) => signInAs(name)),
    );
    await refresh();
    const start = await firstVillage(leader);

    const { id: householdId } = await createTestHousehold(village);
    expect(await firstVillage(leader)).toEqual(start); // the snapshot moves only with the job
    await refresh();
    let now = await firstVillage(leader);
    expect(households(now, "open")).toBe(households(start, "open") + 1);
    expect(people(now, "open")).toBe(people(start, "open") + 1);
    expect(households(now, "remaining")).toBe(households(start, "remaining") + 1);
    expect(households(now, "cause:ILLNESS")).toBe(households(start, "cause:ILLNESS") + 1);
    expect(households(now, "uncovered")).toBe(households(start, "uncovered") + 1);
    expect(households(now, "visitOverdue")).toBe(households(start, "visitOverdue") + 1);

    const { id: memberId } = await addMember(village, {
      householdId,
      ...memberFields({ name: "子女乙", relation: "SON", gender: "MALE", idNumber: uniqueIdNumber(1990) }),
    });
    await refresh();
    expect(people(await firstVillage(leader), "open")).toBe(people(start, "open") + 2);
    await endMembership(village, { memberId, version: "1", status: "DECEASED", statusDate: todayString() });
    await refresh();
    expect(people(await firstVillage(leader), "open")).toBe(people(start, "open") + 1);

    const itemOf = async (name: string) => (await db.measureItem.findFirstOrThrow({ where: { name } })).id;
    const health = await addMeasure(helper, {
      householdId,
      itemId: await itemOf("家庭医生签约"),
      addressedCauses: ["ILLNESS"],
      startDate: "2020-03-01",
      amountFen: "1500",
      fundingSource: "COUNTY",
      responsibleUnit: "县卫健局",
    });
    const skills = await addMeasure(helper, {
      householdId,
      itemId: await itemOf("技能培训"),
      addressedCauses: ["LACK_SKILLS"],
      startDate: "2020-03-01",
      amountFen: "500",
      fundingSource: "COUNTY",
      responsibleUnit: "县人社局",
    });
    await changeMeasureStatus(helper, { measureId: health.id, version: 1, status: "ACTIVE" });
    await changeMeasureStatus(helper, { measureId: skills.id, version: 1, status: "ACTIVE" });
    await changeMeasureStatus(helper, { measureId: skills.id, version: 2, status: "COMPLETED", outcomeFen: "30000" });
    await recordVisit(helper, { householdId, visitedOn: todayString(), findings: "了解就医情况", actions: "协助报销", photos: [] });
    await refresh();
    now = await firstVillage(leader);
    expect(households(now, "uncovered")).toBe(households(start, "uncovered"));
    expect(households(now, "covered")).toBe(households(start, "covered") + 1);
    expect(households(now, "visitOverdue")).toBe(households(start, "visitOverdue"));
    expect(households(now, "fund:COUNTY")).toBe(households(start, "fund:COUNTY") + 1);
    expect(valueOf(now.figures, "fund:COUNTY").amountFen).toBe(valueOf(start.figures, "fund:COUNTY").amountFen + BigInt(200_000));

    // The household exits in 2020 through the whole chain: the pipeline moves, then the exits.
    await saveIncome(village, { householdId, year: String(EXIT_YEAR), version: "0", wageFen: "2000000" });
    const { id: sheetId } = await openExitSheet(helper, { householdId, assessmentYear: String(EXIT_YEAR), opinion: "两不愁三保障均已达标" });
    await refresh();
    now = await firstVillage(leader);
    expect(households(now, "stage:DEMOCRATIC_REVIEW")).toBe(households(start, "stage:DEMOCRATIC_REVIEW") + 1);
    await signStep(village, {
      sheetId,
      version: await sheetVersion(sheetId),
      step: "DEMOCRATIC_REVIEW",
      reviewDate: todayString(),
      reviewPresent: "28",
      reviewResult: "同意退出",
    });
    await signStep(team, { sheetId, version: await sheetVersion(sheetId), step: "WORK_TEAM_VERIFY", opinion: "入户核实属实" });
    await uploadSheetEvidence(village, { sheetId, kind: "CONSENT", file: { name: "认可书.png", bytes: PNG } });
    await recordConsent(village, { sheetId, version: await sheetVersion(sheetId) });
    await uploadSheetEvidence(team, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await startNotice(team, { sheetId, version: await sheetVersion(sheetId), postedOn: todayString() });
    // The notice was posted 8 days ago: the waiting period is data (as in tests/integration/exits.test.ts).
    await db.exitSheet.update({ where: { id: sheetId }, data: { noticePostedOn: new Date(Date.now() - 8 * 86_400_000) } });
    await closeNotice(town, { sheetId, version: await sheetVersion(sheetId) });
    await signStep(town, { sheetId, version: await sheetVersion(sheetId), step: "TOWNSHIP_REVIEW", opinion: "审核通过" });
    await refresh();
    now = await firstVillage(leader);
    expect(households(now, "stage:DEMOCRATIC_REVIEW")).toBe(households(start, "stage:DEMOCRATIC_REVIEW"));
    expect(households(now, "stage:COUNTY_APPROVAL")).toBe(households(start, "stage:COUNTY_APPROVAL") + 1);
    await signStep(county, { sheetId, version: await sheetVersion(sheetId), step: "COUNTY_APPROVAL", opinion: "同意退出" });
    await refresh();
    now = await firstVillage(leader);
    expect(households(now, "stage:APPROVED")).toBe(households(start, "stage:APPROVED") + 1);
    expect(households(now, "exitedInYear")).toBe(households(start, "exitedInYear") + 1);
    expect(people(now, "exitedInYear")).toBe(people(start, "exitedInYear") + 1);
    expect(households(now, "open")).toBe(households(start, "open"));
    expect(households(now, "remaining")).toBe(households(start, "remaining"));
    expect(households(now, "registered")).toBe(households(start, "registered") + 1);
  }, 60_000);

  it("a change of a county-wide setting makes the next refresh recompute every household", async () => {
    await refresh();
    const setting = await db.setting.findFirstOrThrow();
    await db.setting.update({ where: { key: setting.key }, data: { value: setting.value ?? {} } });
    const result = await refreshIndicators(COUNTY6);
    expect(result).toMatchObject({ kind: "refreshed", full: true, households: await db.household.count({ where: { countyCode: COUNTY6 } }) });
    const again = await refreshIndicators(COUNTY6);
    expect(again).toMatchObject({ kind: "refreshed", full: false, households: 0 });
  });
});

describe("dashboard scope", () => {
  it("a township cadre sees their own township, and neither another township's dashboard nor its lists by URL", async () => {
    const [town, town2] = await Promise.all([signInAs("town"), signInAs("town2")]);
    await refresh();
    const own = await loadDashboard(town, { year: EXIT_YEAR });
    expect(own.region.code).toBe(FIRST_TOWNSHIP);
    expect(own.children.every((child) => child.level === "VILLAGE")).toBe(true);
    await expectAppError(loadDashboard(town2, { regionCode: FIRST_TOWNSHIP, year: EXIT_YEAR }), "NOT_FOUND");
    await expectAppError(loadDashboard(town2, { regionCode: DEMO_COUNTY.code, year: EXIT_YEAR }), "NOT_FOUND");
    await expectAppError(loadDashboard(town2, { regionCode: FIRST_VILLAGE, year: EXIT_YEAR }), "NOT_FOUND");

    const href = drillDownHref("registered", EXIT_YEAR, { level: "VILLAGE", code: FIRST_VILLAGE, townshipCode: FIRST_TOWNSHIP });
    const filter = ZHouseholdFilter.parse(Object.fromEntries(new URL(href, "http://localhost").searchParams));
    const village = own.children.find((child) => child.code === FIRST_VILLAGE)!;
    expect(households(village, "registered")).toBeGreaterThan(0);
    expect((await findHouseholds(town, filter, { page: 1, pageSize: 1 })).total).toBe(households(village, "registered"));
    expect((await findHouseholds(town2, filter, { page: 1, pageSize: 1 })).total).toBe(0);
  });

  it("village roles see only their village; helpers and the administrator have no dashboard", async () => {
    const [village, team, helper, admin] = await Promise.all(["village", "team", "helper", "admin"].map((name) => signInAs(name)));
    for (const actor of [village, team]) {
      const dashboard = await loadDashboard(actor, { year: EXIT_YEAR });
      expect(dashboard.region.code).toBe(FIRST_VILLAGE);
      expect(dashboard.children).toEqual([]);
      await expectAppError(loadDashboard(actor, { regionCode: FIRST_TOWNSHIP, year: EXIT_YEAR }), "NOT_FOUND");
    }
    await expectAppError(loadDashboard(helper, { year: EXIT_YEAR }), "FORBIDDEN");
    await expectAppError(loadDashboard(admin, { year: EXIT_YEAR }), "FORBIDDEN");
  });

  it("the leader's 包片 townships are highlighted on the county view", async () => {
    const leader = await signInAs("leader");
    const dashboard = await loadDashboard(leader, { year: EXIT_YEAR });
    expect(dashboard.children.filter((child) => child.highlighted).map((child) => child.code)).toEqual(leader.leaderTownships);
    const county = await loadDashboard(await signInAs("county"), { year: EXIT_YEAR });
    expect(county.children.some((child) => child.highlighted)).toBe(false);
  });
});
