import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { addMeasure } from "@/lib/measures/commands";
import { addMonitoringRisk, addRiskType, createMonitoringObject } from "@/lib/monitoring/commands";
import { findUnmatchedRisks, getObjectRiskFit, listRiskFit, loadRiskFit, saveRiskFit } from "@/lib/monitoring/fit";
import {
  closeMonitoringNotice,
  openMonitoringSheet,
  recordMonitoringStep,
  signMonitoringStep,
  startMonitoringNotice,
  uploadMonitoringConsent,
} from "@/lib/monitoring/procedure";
import { ZPageParams } from "@/lib/pagination";
import { FIRST_VILLAGE, createTestHousehold } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const TODAY = todayString();
const daysAgo = (days: number) => todayString(new Date(Date.now() - days * 86_400_000));
const ALL = ZPageParams.parse({ pageSize: 100 });

async function actors() {
  const [village, team, town, town2, county] = await Promise.all(["village", "team", "town", "town2", "county"].map((name) => signInAs(name)));
  return { village, team, town, town2, county };
}
type Actors = Awaited<ReturnType<typeof actors>>;

const sheetVersion = async (sheetId: string) => String((await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
const objectVersion = async (id: string) => String((await db.monitoringObject.findUniqueOrThrow({ where: { id } })).version);
const sign = async (actor: Actor, sheetId: string, step: string) =>
  signMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion: "" });
const record = async (actor: Actor, sheetId: string, step: string, opinion: string) =>
  recordMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion });

/** A household of 杨柳村 with an 因病 risk, identified through the whole chain (MONITORED). */
async function monitoredObject(a: Actors) {
  const household = await createTestHousehold(a.village);
  const { id: objectId } = await createMonitoringObject(a.village, {
    kind: "ARCHIVE",
    householdNo: household.householdNo,
    category: "MARGINAL",
    riskType: "ILLNESS",
    foundOn: daysAgo(3),
    source: "CADRE_SCREENING",
  });
  const { sheetId } = await openMonitoringSheet(a.village, { kind: "IDENTIFY", objectId, version: await objectVersion(objectId), method: "ASSISTED" });
  await uploadMonitoringConsent(a.team, { sheetId, file: { name: "承诺授权书.png", bytes: PNG } });
  await sign(a.team, sheetId, "VISIT");
  await record(a.county, sheetId, "DATA_CHECK", "比对无异常");
  await sign(a.village, sheetId, "DEMOCRATIC_REVIEW");
  await startMonitoringNotice(a.team, { sheetId, version: await sheetVersion(sheetId), postedOn: TODAY });
  // The notice period is data, never a sleep.
  await db.monitoringSheet.update({ where: { id: sheetId }, data: { noticePostedOn: new Date(`${daysAgo(6)}T00:00:00.000Z`) } });
  await closeMonitoringNotice(a.town, { sheetId, version: await sheetVersion(sheetId), opinion: "公示期满无异议" });
  await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
  await sign(a.county, sheetId, "COUNTY_APPROVAL");
  await record(a.county, sheetId, "ANNOUNCE", "公告");
  expect((await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } })).status).toBe("MONITORED");
  return { objectId, householdId: household.id };
}

async function addHealthMeasure(actor: Actor, householdId: string) {
  const item = await db.measureItem.findFirstOrThrow({ where: { name: "家庭医生签约" } });
  await addMeasure(actor, {
    householdId,
    itemId: item.id,
    addressedCauses: ["ILLNESS"],
    status: "ACTIVE",
    startDate: "2024-03-01",
    amountFen: "1000",
    fundingSource: "COUNTY",
    responsibleUnit: "县卫健局",
  });
}

describe("the county's risk ↔ measure category fit", () => {
  it("a risk type starts at the default; the county office changes it with a version and audit; bad input, other roles and stale versions change nothing", async () => {
    const county = await signInAs("county");
    const { code } = await addRiskType(county, { label: uniqueName("因").slice(0, 12) });
    // A county-added type fits every category until the county says otherwise; a built-in one starts at the default matrix.
    const fit = await loadRiskFit();
    expect(fit[code]).toHaveLength(13);
    expect(fit.SCHOOLING).toEqual(["EDUCATION"]);
    expect((await listRiskFit(county)).find((type) => type.code === code)).toMatchObject({ countySet: false, version: 1 });

    await saveRiskFit(county, { code, categories: ["WATER", "HOUSING"], version: "1" });
    expect(await db.monitoringRiskType.findUniqueOrThrow({ where: { code } })).toMatchObject({ fitCategories: ["HOUSING", "WATER"], version: 2 });
    expect((await loadRiskFit())[code]).toEqual(["HOUSING", "WATER"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "MonitoringRiskType", entityId: code, action: "monitoringRiskType.fit" } });
    expect(audit.after).toMatchObject({ categories: ["HOUSING", "WATER"] });
    expect((audit.before as { categories: string[] }).categories).toHaveLength(13);

    const auditBefore = await db.auditEvent.count({ where: { entityId: code } });
    await expectAppError(saveRiskFit(county, { code, categories: ["HEALTH"], version: "1" }), "STALE_VERSION");
    const empty = await expectAppError(saveRiskFit(county, { code, categories: [], version: "2" }), "VALIDATION");
    expect(empty.fieldErrors?.categories).toEqual(["至少选择一个措施类别"]);
    await expectAppError(saveRiskFit(county, { code, categories: ["NOT_A_CATEGORY"], version: "2" }), "VALIDATION");
    await expectAppError(saveRiskFit(county, { code: "NO_SUCH_TYPE", categories: ["HEALTH"], version: "1" }), "NOT_FOUND");
    for (const username of ["town", "village", "leader"]) {
      await expectAppError(saveRiskFit(await signInAs(username), { code, categories: ["HEALTH"], version: "2" }), "FORBIDDEN");
    }
    expect(await db.monitoringRiskType.findUniqueOrThrow({ where: { code } })).toMatchObject({ fitCategories: ["HOUSING", "WATER"], version: 2 });
    expect(await db.auditEvent.count({ where: { entityId: code } })).toBe(auditBefore);
  });
});

describe("风险未对应措施", () => {
  it("lists a monitored object whose open risk has no fitting measure, drops it once a fitting measure is active; scope first", async () => {
    const a = await actors();
    const { objectId, householdId } = await monitoredObject(a);

    const listed = await findUnmatchedRisks(a.village, {}, ALL);
    expect(listed.rows.find((row) => row.id === objectId)?.unmatched.map((risk) => risk.riskType)).toEqual(["ILLNESS"]);
    expect((await findUnmatchedRisks(a.county, { village: FIRST_VILLAGE, riskType: "ILLNESS" }, ALL)).rows.map((row) => row.id)).toContain(objectId);
    expect((await findUnmatchedRisks(a.county, { riskType: "HOUSING" }, ALL)).rows.map((row) => row.id)).not.toContain(objectId);
    // town2 (龙泉镇) sees nothing of 石桥镇.
    const other = await findUnmatchedRisks(a.town2, {}, ALL);
    expect(other.rows.map((row) => row.id)).not.toContain(objectId);
    expect(other.rows.every((row) => !row.villageCode.startsWith("5226981000"))).toBe(true);
    await expectAppError(getObjectRiskFit(a.town2, objectId), "NOT_FOUND");

    let detail = await getObjectRiskFit(a.village, objectId);
    expect(detail.risks).toMatchObject([{ riskType: "ILLNESS", unmatched: true, measures: [] }]);

    // A 健康帮扶 measure fits 因病: the object leaves the list.
    await addHealthMeasure(a.village, householdId);
    expect((await findUnmatchedRisks(a.village, {}, ALL)).rows.map((row) => row.id)).not.toContain(objectId);
    detail = await getObjectRiskFit(a.village, objectId);
    expect(detail.risks[0]).toMatchObject({ riskType: "ILLNESS", unmatched: false });
    expect(detail.risks[0].measures.map((measure) => measure.category)).toEqual(["HEALTH"]);
    // The head has labour and there is no 产业/就业 measure: the 开发式帮扶 note is unmet.
    expect(detail.assistanceKind).toMatchObject({ kind: "DEVELOPMENT", met: false });

    // A further risk without a fitting measure puts it back, listing only that risk.
    await addMonitoringRisk(a.village, { objectId, version: await objectVersion(objectId), riskType: "HOUSING", foundOn: TODAY, source: "CADRE_SCREENING" });
    const again = (await findUnmatchedRisks(a.village, {}, ALL)).rows.find((row) => row.id === objectId);
    expect(again?.unmatched.map((risk) => risk.riskType)).toEqual(["HOUSING"]);
  });
});
