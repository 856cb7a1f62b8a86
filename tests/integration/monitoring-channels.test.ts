// 农户自主申报 and 基层干部排查 as 预警, the days a township has for a self-application, and the sharp-drop share as a
// county setting (docs/decisions/031-monitoring-channels-and-figures.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { saveIncome } from "@/lib/income/commands";
import { saveMonitoringLine, saveMonitoringSettings } from "@/lib/monitoring/commands";
import { MONITORING_SETTINGS_KEY, getMonitoringSettings } from "@/lib/monitoring/queries";
import { checkWarning, raiseWarning, screenIncomeWarnings } from "@/lib/monitoring/warnings";
import { findWarnings } from "@/lib/monitoring/warnings-queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const daysAgo = (days: number) => new Date(Date.parse(`${todayString()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The settings row as this file found it: put back afterwards, so that other files see what they expect. */
let original: { value: Prisma.JsonValue; version: number } | null = null;

beforeAll(async () => {
  original = await db.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY }, select: { value: true, version: true } });
});

afterAll(async () => {
  if (original)
    await db.setting.update({ where: { key: MONITORING_SETTINGS_KEY }, data: { value: original.value as Prisma.InputJsonValue, version: original.version } });
  else await db.setting.deleteMany({ where: { key: MONITORING_SETTINGS_KEY } });
});

async function settingVersion() {
  return String((await db.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY } }))?.version ?? 0);
}

describe("登记自主申报和排查预警", () => {
  it("a village cadre records a self-application for a household of the archive; audited; listed with its age", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const { id } = await raiseWarning(village, {
      source: "SELF_APPLICATION",
      householdNo: household.householdNo,
      raisedOn: daysAgo(1),
      reason: "户主住院，医疗费用较大",
    });
    const row = await db.monitoringWarning.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      householdId: household.id,
      source: "SELF_APPLICATION",
      status: "OPEN",
      reason: "户主住院，医疗费用较大",
      raisedById: village.userId,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "MonitoringWarning", entityId: id, action: "monitoringWarning.raise" } });
    expect(audit.after).toMatchObject({ source: "农户自主申报", raisedOn: daysAgo(1) });

    const listed = (await findWarnings(village, { status: "OPEN", source: "SELF_APPLICATION" }, { page: 1, pageSize: 200 })).rows.find((r) => r.id === id);
    expect(listed).toMatchObject({ ageDays: 1, overdue: false });

    // A cadre's visit finding is a 预警 of its own channel; the same channel twice while open is refused.
    const visit = await raiseWarning(village, {
      source: "CADRE_VISIT",
      householdNo: household.householdNo,
      raisedOn: todayString(),
      reason: "入户发现房屋漏雨",
    });
    expect((await db.monitoringWarning.findUniqueOrThrow({ where: { id: visit.id } })).source).toBe("CADRE_VISIT");
    const again = await expectAppError(
      raiseWarning(village, { source: "SELF_APPLICATION", householdNo: household.householdNo, raisedOn: todayString(), reason: "再次申报" }),
      "CONFLICT",
    );
    expect(again.fieldErrors?.householdNo).toEqual(["该户已有待核实的农户自主申报，请先核实"]);
    expect(await db.monitoringWarning.count({ where: { householdId: household.id } })).toBe(2);
  });

  it("bad input, wrong scope, a role without the permission and a household not in the archive change nothing", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const count = () => db.monitoringWarning.count({ where: { householdId: household.id } });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const bad = await expectAppError(
      raiseWarning(village, { source: "SELF_APPLICATION", householdNo: household.householdNo, raisedOn: future, reason: " " }),
      "VALIDATION",
    );
    expect(bad.fieldErrors?.raisedOn).toEqual(["日期不能晚于今天"]);
    expect(bad.fieldErrors?.reason).toEqual(["请填写申报或排查情况"]);
    await expectAppError(
      raiseWarning(village, { source: "ARCHIVE_INCOME", householdNo: household.householdNo, raisedOn: todayString(), reason: "x" }),
      "VALIDATION",
    );
    const outOfScope = await expectAppError(
      raiseWarning(await signInAs("town2"), { source: "CADRE_VISIT", householdNo: household.householdNo, raisedOn: todayString(), reason: "排查" }),
      "NOT_FOUND",
    );
    const missing = await expectAppError(
      raiseWarning(village, { source: "CADRE_VISIT", householdNo: "0000000000000099", raisedOn: todayString(), reason: "排查" }),
      "NOT_FOUND",
    );
    expect(outOfScope.message).toBe(missing.message);
    expect(missing.message).toContain("未建档立卡的户请在“纳入监测对象”中按未建档立卡户纳入");
    await expectAppError(
      raiseWarning(await signInAs("county"), { source: "CADRE_VISIT", householdNo: household.householdNo, raisedOn: todayString(), reason: "排查" }),
      "FORBIDDEN",
    );
    expect(await count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "monitoringWarning.raise", after: { path: ["householdId"], equals: household.id } } })).toBe(0);
  });

  it("a self-application open longer than the configured days is 已超期 (default 2); acting on it clears the mark; the filter lists exactly those", async () => {
    const village = await signInAs("village");
    const [late, due, visit] = [await createTestHousehold(village), await createTestHousehold(village), await createTestHousehold(village)];
    const lateWarning = await raiseWarning(village, {
      source: "SELF_APPLICATION",
      householdNo: late.householdNo,
      raisedOn: daysAgo(3),
      reason: "申报：务工中断",
    });
    const dueWarning = await raiseWarning(village, { source: "SELF_APPLICATION", householdNo: due.householdNo, raisedOn: daysAgo(2), reason: "申报：因病" });
    // A visit finding has no deadline, however old.
    const visitWarning = await raiseWarning(village, {
      source: "CADRE_VISIT",
      householdNo: visit.householdNo,
      raisedOn: daysAgo(30),
      reason: "排查：缺劳动力",
    });
    const ours = new Set([lateWarning.id, dueWarning.id, visitWarning.id]);
    const list = async (filter: Parameters<typeof findWarnings>[1]) =>
      (await findWarnings(village, filter, { page: 1, pageSize: 500 })).rows.filter((row) => ours.has(row.id));

    expect((await getMonitoringSettings()).selfApplicationDays).toBe(2);
    const all = await list({ status: "OPEN" });
    expect(Object.fromEntries(all.map((row) => [row.id, [row.ageDays, row.overdue]]))).toEqual({
      [lateWarning.id]: [3, true],
      [dueWarning.id]: [2, false],
      [visitWarning.id]: [30, false],
    });
    expect((await list({ overdue: true })).map((row) => row.id)).toEqual([lateWarning.id]);

    // The county gives townships 5 days: nothing of ours is overdue; versioned and audited.
    const county = await signInAs("county");
    const current = (await getMonitoringSettings()).marginPermille / 10;
    await saveMonitoringSettings(county, { margin: String(current), selfApplicationDays: "5", version: await settingVersion() });
    expect((await getMonitoringSettings()).selfApplicationDays).toBe(5);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "settings.update", entityId: MONITORING_SETTINGS_KEY },
      orderBy: { occurredAt: "desc" },
    });
    expect(JSON.stringify(audit.after)).toContain("农户自主申报 5 天内办理");
    expect(await list({ overdue: true })).toEqual([]);
    await expectAppError(saveMonitoringSettings(county, { margin: String(current), selfApplicationDays: "3", version: "0" }), "STALE_VERSION");
    await expectAppError(saveMonitoringSettings(county, { margin: String(current), selfApplicationDays: "0", version: await settingVersion() }), "VALIDATION");
    await expectAppError(saveMonitoringSettings(village, { margin: String(current), selfApplicationDays: "1", version: await settingVersion() }), "FORBIDDEN");
    expect((await getMonitoringSettings()).selfApplicationDays).toBe(5);
    await saveMonitoringSettings(county, { margin: String(current), selfApplicationDays: "2", version: await settingVersion() });

    // Acted on (checked), it is no longer overdue.
    await checkWarning(await signInAs("town"), { warningId: lateWarning.id, version: "1", outcome: "NOT_NEEDED", note: "已入户核实，务工已恢复" });
    expect(await list({ overdue: true })).toEqual([]);
    expect((await list({})).find((row) => row.id === lateWarning.id)).toMatchObject({ status: "CHECKED", overdue: false });
  });
});

describe("收入骤降比例 as a county setting", () => {
  it("the screening uses the configured share, not a fixed 30 %", async () => {
    const year = 2060 + Math.floor(Math.random() * 39);
    const county = await signInAs("county");
    const existing = await db.monitoringLine.findUnique({ where: { year } });
    await saveMonitoringLine(county, { year: String(year), amount: "6000", version: existing ? String(existing.version) : undefined });
    const village = await signInAs("village");
    // 30 000 → 20 000 for one person: a drop of a third, well above the line and its margin.
    const household = await createTestHousehold(village);
    await saveIncome(village, { householdId: household.id, year: String(year - 1), version: "0", wageFen: "30000" });
    await saveIncome(village, { householdId: household.id, year: String(year), version: "0", wageFen: "20000" });
    const drops = () => db.monitoringWarning.count({ where: { householdId: household.id, reasonCode: "SHARP_DROP", status: "OPEN" } });
    const margin = String((await getMonitoringSettings()).marginPermille / 10);

    await saveMonitoringSettings(county, { margin, drop: "40", version: await settingVersion() });
    expect((await getMonitoringSettings()).dropPermille).toBe(400);
    await screenIncomeWarnings(county, { year: String(year) });
    expect(await drops()).toBe(0);

    const bad = await expectAppError(saveMonitoringSettings(county, { margin, drop: "0", version: await settingVersion() }), "VALIDATION");
    expect(bad.fieldErrors?.drop).toEqual(["下降比例应为 1 到 100 之间的数"]);

    await saveMonitoringSettings(county, { margin, drop: "33.3", version: await settingVersion() });
    await screenIncomeWarnings(county, { year: String(year) });
    expect(await drops()).toBe(1);
    const warning = await db.monitoringWarning.findFirstOrThrow({ where: { householdId: household.id, reasonCode: "SHARP_DROP" } });
    expect(warning.reason).toBe(`${year} 年人均纯收入比上年下降 33.3% 以上`);
    await saveMonitoringSettings(county, { margin, drop: "30", version: await settingVersion() });
  });
});
