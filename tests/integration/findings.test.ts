import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { addFindingCategory, moveFindingCategory, renameFindingCategory, setFindingCategoryRetired } from "@/lib/inspections/findings/categories";
import { decideFindingReport, raiseFinding, submitFindingReport } from "@/lib/inspections/findings/commands";
import { countOverdueFindings, findFindings, getFinding, getRaiseFindingForm, overdueFindingsHref } from "@/lib/inspections/findings/queries";
import { ZFindingFilter } from "@/lib/inspections/findings/schema";
import { ZPageParams } from "@/lib/pagination";
import { createTestHousehold, FIRST_VILLAGE, SECOND_TOWNSHIP_VILLAGE } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

const FIRST_TOWNSHIP = "522698100000";
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const inDays = (days: number) => todayString(new Date(Date.now() + days * 86_400_000));
const paging = ZPageParams.parse({});

async function actors() {
  const [inspector, town, town2, village, county, leader] = await Promise.all(
    ["inspector", "town", "town2", "village", "county", "leader"].map((name) => signInAs(name)),
  );
  return { inspector, town, town2, village, county, leader };
}

const details = (overrides: Record<string, unknown> = {}) => ({
  categoryCode: "INCOME",
  description: "工资性收入未扣除外出务工成本",
  responsibleUnit: "石桥镇人民政府",
  responsiblePerson: "王立新",
  deadline: inDays(10),
  ...overrides,
});

async function householdFinding(a: Awaited<ReturnType<typeof actors>>, overrides: Record<string, unknown> = {}) {
  const { householdNo } = await createTestHousehold(a.village);
  return raiseFinding(a.inspector, { targetKind: "HOUSEHOLD", householdNo, ...details(overrides) });
}

/** Everything a refused command must leave untouched. */
async function findingState(id: string) {
  return {
    finding: await db.finding.findUniqueOrThrow({ where: { id }, select: { status: true, returns: true, version: true, closedAt: true, closedBy: true } }),
    reports: await db.findingReport.findMany({ where: { findingId: id }, orderBy: { submittedAt: "asc" } }),
    audit: await db.auditEvent.count({ where: { entityType: "Finding", entityId: id } }),
  };
}

async function expectRefusedUnchanged(id: string, attempt: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await findingState(id);
  const error = await expectAppError(attempt(), code);
  if (message) expect(error.message).toMatch(message);
  expect(await findingState(id)).toEqual(before);
  return error;
}

const version = async (id: string) => String((await db.finding.findUniqueOrThrow({ where: { id } })).version);

async function actions(id: string) {
  return (
    await db.auditEvent.findMany({ where: { entityType: "Finding", entityId: id }, orderBy: { id: "asc" }, select: { action: true, actorId: true } })
  ).map((row) => [row.action, row.actorId]);
}

describe("findings: raise, report, return, accept", () => {
  it("a hand-entered finding on a household goes report → return → report → accept, with an audit row for each", async () => {
    const a = await actors();
    const { id } = await householdFinding(a);
    const raised = await db.finding.findUniqueOrThrow({ where: { id } });
    expect(raised).toMatchObject({ source: "MANUAL", status: "OPEN", townshipCode: FIRST_TOWNSHIP, villageCode: FIRST_VILLAGE, raisedBy: a.inspector.userId });

    const { reportId } = await submitFindingReport(a.town, {
      findingId: id,
      version: await version(id),
      content: "已重新核算收入",
      files: [{ name: "核算表.png", bytes: PNG }],
    });
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(await db.inspectionFile.count({ where: { ownerType: "FINDING_REPORT", ownerId: reportId } })).toBe(1);

    await decideFindingReport(a.inspector, { findingId: id, version: await version(id), decision: "RETURN", reason: "核算表未签字" });
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN", returns: 1 });
    expect(await db.findingReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ decision: "RETURNED", decisionReason: "核算表未签字" });
    expect((await getFinding(a.town, id)).statusLabel).toBe("已退回");

    await submitFindingReport(a.village, { findingId: id, version: await version(id), content: "已补签字" });
    await decideFindingReport(a.inspector, { findingId: id, version: await version(id), decision: "ACCEPT" });
    const closed = await db.finding.findUniqueOrThrow({ where: { id } });
    expect(closed).toMatchObject({ status: "CLOSED", returns: 1, closedBy: a.inspector.userId });
    expect(closed.closedAt).not.toBeNull();
    expect(await actions(id)).toEqual([
      ["finding.raise", a.inspector.userId],
      ["finding.submitReport", a.town.userId],
      ["finding.return", a.inspector.userId],
      ["finding.submitReport", a.village.userId],
      ["finding.accept", a.inspector.userId],
    ]);
    const view = await getFinding(a.leader, id);
    expect(view.reports.map((report) => report.decision)).toEqual(["RETURNED", "ACCEPTED"]);
    expect(view.reports[0].files.map((file) => file.originalName)).toEqual(["核算表.png"]);
    expect(view.history.map((entry) => entry.action)).toContain("整改销号");

    // Closed: nothing more to report or decide.
    await expectRefusedUnchanged(
      id,
      () => submitFindingReport(a.town, { findingId: id, version: String(closed.version), content: "再报" }),
      "RULE_VIOLATION",
      /已销号/,
    );
    await expectRefusedUnchanged(
      id,
      () => decideFindingReport(a.inspector, { findingId: id, version: String(closed.version), decision: "ACCEPT" }),
      "RULE_VIOLATION",
    );
  });

  it("raises on a village and on a township; refuses bad input and other roles without writing", async () => {
    const a = await actors();
    const onVillage = await raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details({ categoryCode: "POLICY" }) });
    expect(await db.finding.findUniqueOrThrow({ where: { id: onVillage.id } })).toMatchObject({
      townshipCode: FIRST_TOWNSHIP,
      villageCode: FIRST_VILLAGE,
      householdId: null,
    });
    const onTownship = await raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_TOWNSHIP, ...details({ categoryCode: "OTHER" }) });
    expect(await db.finding.findUniqueOrThrow({ where: { id: onTownship.id } })).toMatchObject({ townshipCode: FIRST_TOWNSHIP, villageCode: null });

    const before = await db.finding.count();
    const auditBefore = await db.auditEvent.count({ where: { action: "finding.raise" } });
    expect(
      (await expectAppError(raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details({ deadline: inDays(-1) }) }), "VALIDATION"))
        .fieldErrors,
    ).toHaveProperty("deadline");
    expect(
      (await expectAppError(raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details({ categoryCode: "NOPE" }) }), "VALIDATION"))
        .fieldErrors,
    ).toHaveProperty("categoryCode");
    expect(
      (await expectAppError(raiseFinding(a.inspector, { targetKind: "HOUSEHOLD", householdNo: "", ...details() }), "VALIDATION")).fieldErrors,
    ).toHaveProperty("householdNo");
    expect(
      (await expectAppError(raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details({ description: " " }) }), "VALIDATION"))
        .fieldErrors,
    ).toHaveProperty("description");
    await expectAppError(raiseFinding(a.inspector, { targetKind: "HOUSEHOLD", householdNo: "522698100201999999", ...details() }), "RULE_VIOLATION");
    await expectAppError(raiseFinding(a.inspector, { targetKind: "REGION", regionCode: "520000000000", ...details() }), "NOT_FOUND");
    for (const other of [a.county, a.town, a.leader, a.village]) {
      await expectAppError(raiseFinding(other, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details() }), "FORBIDDEN");
    }
    expect(await db.finding.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: "finding.raise" } })).toBe(auditBefore);
  });

  it("town2 cannot report on a first-township finding (answered as missing), nor see it; a stale version changes nothing", async () => {
    const a = await actors();
    const { id } = await householdFinding(a);
    await expectRefusedUnchanged(id, () => submitFindingReport(a.town2, { findingId: id, version: "1", content: "越权整改" }), "NOT_FOUND");
    await expectAppError(getFinding(a.town2, id), "NOT_FOUND");
    expect((await findFindings(a.town2, ZFindingFilter.parse({}), paging)).rows.map((row) => row.id)).not.toContain(id);
    expect((await findFindings(a.village, ZFindingFilter.parse({}), paging)).rows.map((row) => row.id)).toContain(id);

    await expectRefusedUnchanged(id, () => submitFindingReport(a.town, { findingId: id, version: "7", content: "旧版本" }), "STALE_VERSION");
    await expectRefusedUnchanged(id, () => submitFindingReport(a.town, { findingId: id, version: "1", content: "" }), "VALIDATION");
    await expectRefusedUnchanged(id, () => submitFindingReport(a.inspector, { findingId: id, version: "1", content: "督查自己整改" }), "FORBIDDEN");
    await expectRefusedUnchanged(
      id,
      () => decideFindingReport(a.inspector, { findingId: id, version: "1", decision: "ACCEPT" }),
      "RULE_VIOLATION",
      /没有待审核/,
    );

    await submitFindingReport(a.town, { findingId: id, version: "1", content: "已整改" });
    // Two reports racing on one version: the second is stale.
    await expectRefusedUnchanged(id, () => submitFindingReport(a.village, { findingId: id, version: "1", content: "同时提交" }), "STALE_VERSION");
    await expectRefusedUnchanged(
      id,
      () => submitFindingReport(a.village, { findingId: id, version: "2", content: "再次提交" }),
      "RULE_VIOLATION",
      /等待督查人员/,
    );
  });

  it("the unit a finding targets can never close it: town and village are refused and nothing changes", async () => {
    const a = await actors();
    const { id } = await householdFinding(a);
    await submitFindingReport(a.village, { findingId: id, version: "1", content: "已整改" });
    for (const insider of [a.town, a.village]) {
      await expectRefusedUnchanged(id, () => decideFindingReport(insider, { findingId: id, version: "2", decision: "ACCEPT" }), "FORBIDDEN");
    }
    await expectRefusedUnchanged(id, () => decideFindingReport(a.county, { findingId: id, version: "2", decision: "ACCEPT" }), "FORBIDDEN");
    await expectRefusedUnchanged(id, () => decideFindingReport(a.inspector, { findingId: id, version: "1", decision: "ACCEPT" }), "STALE_VERSION");
    const noReason = await expectRefusedUnchanged(
      id,
      () => decideFindingReport(a.inspector, { findingId: id, version: "2", decision: "RETURN", reason: " " }),
      "VALIDATION",
    );
    expect(noReason.fieldErrors).toHaveProperty("reason");
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUBMITTED", closedAt: null });
  });

  it("the overdue count equals the overdue list, for the county and for a township", async () => {
    const a = await actors();
    const late = await householdFinding(a);
    const onTime = await householdFinding(a);
    const lateClosed = await householdFinding(a);
    // Deadlines in the past are data (a finding cannot be raised with one): set like the exit tests date a notice.
    for (const { id } of [late, lateClosed]) await db.finding.update({ where: { id }, data: { deadline: new Date(`${inDays(-5)}T00:00:00.000Z`) } });
    await db.finding.update({ where: { id: onTime.id }, data: { deadline: new Date(`${todayString()}T00:00:00.000Z`) } });
    await submitFindingReport(a.town, { findingId: lateClosed.id, version: "1", content: "已整改" });
    await decideFindingReport(a.inspector, { findingId: lateClosed.id, version: "2", decision: "ACCEPT" });

    const overdue = ZFindingFilter.parse({ overdue: "1" });
    const county = await findFindings(a.leader, overdue, ZPageParams.parse({ pageSize: "100" }));
    expect(await countOverdueFindings(a.leader)).toBe(county.total);
    expect(county.rows.map((row) => row.id)).toContain(late.id);
    expect(county.rows.map((row) => row.id)).not.toContain(onTime.id);
    expect(county.rows.map((row) => row.id)).not.toContain(lateClosed.id);
    expect(county.rows.find((row) => row.id === late.id)?.daysOverdue).toBe(5);
    expect(await countOverdueFindings(a.town)).toBe((await findFindings(a.town, overdue, paging)).total);
    expect(await countOverdueFindings(a.town2)).toBe((await findFindings(a.town2, overdue, paging)).total);
    // The dashboard's tile of each region: its count is the count of the list its link opens.
    const regions = [
      { level: "COUNTY", code: "522698000000" },
      { level: "TOWNSHIP", code: FIRST_TOWNSHIP },
      { level: "VILLAGE", code: FIRST_VILLAGE },
      { level: "VILLAGE", code: SECOND_TOWNSHIP_VILLAGE },
    ] as const;
    for (const region of regions) {
      const query = Object.fromEntries(new URL(overdueFindingsHref(region), "http://x").searchParams);
      const listed = (await findFindings(a.leader, ZFindingFilter.parse(query), paging)).total;
      expect(await countOverdueFindings(a.leader, region), `${region.level} ${region.code}`).toBe(listed);
    }
    expect(await countOverdueFindings(a.leader, { level: "COUNTY", code: "522698000000" })).toBe(county.total);
    expect(await countOverdueFindings(a.leader, { level: "TOWNSHIP", code: FIRST_TOWNSHIP })).toBeGreaterThan(0);
    expect(await countOverdueFindings(a.leader, { level: "VILLAGE", code: SECOND_TOWNSHIP_VILLAGE })).toBe(0);
  });
});

describe("finding categories", () => {
  it("the county office adds, renames, reorders and retires categories; built-ins stay; stale versions and other roles change nothing", async () => {
    const a = await actors();
    const name = uniqueName("类别");
    const { code } = await addFindingCategory(a.county, { name });
    const added = await db.findingCategory.findUniqueOrThrow({ where: { code } });
    await expectAppError(addFindingCategory(a.county, { name }), "RULE_VIOLATION");
    await renameFindingCategory(a.county, { code, version: "1", name: `${name}改` });
    await expectAppError(renameFindingCategory(a.county, { code, version: "1", name: "旧版本改名" }), "STALE_VERSION");
    await moveFindingCategory(a.county, { code, version: "2", direction: "UP" });
    const moved = await db.findingCategory.findUniqueOrThrow({ where: { code } });
    expect(moved.position).toBeLessThan(added.position);
    expect(moved.name).toBe(`${name}改`);

    await setFindingCategoryRetired(a.county, { code, version: String(moved.version), retired: "true" });
    expect((await getRaiseFindingForm(a.inspector)).categories.map((category) => category.code)).not.toContain(code);
    await expectAppError(raiseFinding(a.inspector, { targetKind: "REGION", regionCode: FIRST_VILLAGE, ...details({ categoryCode: code }) }), "VALIDATION");

    const wrongExit = await db.findingCategory.findUniqueOrThrow({ where: { code: "WRONG_EXIT" } });
    await expectAppError(setFindingCategoryRetired(a.county, { code: "WRONG_EXIT", version: String(wrongExit.version), retired: "true" }), "RULE_VIOLATION");
    expect(await db.findingCategory.findUniqueOrThrow({ where: { code: "WRONG_EXIT" } })).toEqual(wrongExit);

    const before = await db.findingCategory.findMany({ orderBy: { code: "asc" } });
    for (const other of [a.inspector, a.town, a.leader] as Actor[]) {
      await expectAppError(addFindingCategory(other, { name: uniqueName("越权") }), "FORBIDDEN");
      await expectAppError(setFindingCategoryRetired(other, { code: "OTHER", version: "1", retired: "true" }), "FORBIDDEN");
    }
    expect(await db.findingCategory.findMany({ orderBy: { code: "asc" } })).toEqual(before);
    expect(
      (await db.auditEvent.findMany({ where: { entityType: "FindingCategory", entityId: code }, orderBy: { id: "asc" }, select: { action: true } })).map(
        (row) => row.action,
      ),
    ).toEqual(["findingCategory.add", "findingCategory.rename", "findingCategory.move", "findingCategory.retire"]);
  });
});
