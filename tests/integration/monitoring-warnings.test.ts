import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveIncome } from "@/lib/income/commands";
import { saveMonitoringLine } from "@/lib/monitoring/commands";
import { maskIdNumber } from "@/lib/members/id-number";
import { checkWarning, screenIncomeWarnings } from "@/lib/monitoring/warnings";
import { uploadDepartmentList } from "@/lib/monitoring/warnings-department";
import { findWarnings } from "@/lib/monitoring/warnings-queries";
import { FIRST_VILLAGE, createTestHousehold, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A year of its own per run: only this file's households have income for it. */
const YEAR = 2060 + Math.floor(Math.random() * 39);

async function setLine(year: number, amount: string) {
  const county = await signInAs("county");
  const existing = await db.monitoringLine.findUnique({ where: { year } });
  await saveMonitoringLine(county, { year: String(year), amount, version: existing ? String(existing.version) : undefined });
}

async function householdWithIncome(wage: Record<number, string>) {
  const village = await signInAs("village");
  const household = await createTestHousehold(village);
  for (const [year, wageFen] of Object.entries(wage)) await saveIncome(village, { householdId: household.id, year, version: "0", wageFen });
  return household;
}

const openOf = (householdIds: string[]) =>
  db.monitoringWarning.findMany({ where: { householdId: { in: householdIds }, status: "OPEN" }, orderBy: { reasonCode: "asc" } });

describe("筛查收入预警", () => {
  it("stores one OPEN 预警 per household and rule; a second run adds nothing; a year without a line is refused", async () => {
    await setLine(YEAR, "6000");
    // One present member each: 5 000 below the line; 7 000 within even a 30 % margin; 10 000 above even a 50 % margin;
    // 10 000 after 20 000 last year: above the margin but a sharp drop.
    const below = await householdWithIncome({ [YEAR]: "5000" });
    const within = await householdWithIncome({ [YEAR]: "7000" });
    const above = await householdWithIncome({ [YEAR]: "10000" });
    const dropped = await householdWithIncome({ [YEAR - 1]: "20000", [YEAR]: "10000" });
    const ids = [below.id, within.id, above.id, dropped.id];

    const county = await signInAs("county");
    const first = await screenIncomeWarnings(county, { year: String(YEAR) });
    expect(first.created).toBeGreaterThanOrEqual(3);
    const rows = await openOf(ids);
    expect(rows.map((row) => [row.householdId, row.reasonCode])).toEqual(
      expect.arrayContaining([
        [below.id, "BELOW_LINE"],
        [dropped.id, "SHARP_DROP"],
        [within.id, "WITHIN_MARGIN"],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.source === "ARCHIVE_INCOME" && row.year === YEAR && row.villageCode === FIRST_VILLAGE)).toBe(true);
    expect(rows.find((row) => row.householdId === below.id)?.reason).toBe(`${YEAR} 年人均纯收入低于监测线`);
    expect(await db.auditEvent.count({ where: { action: "monitoringWarning.raise", entityId: { in: rows.map((row) => row.id) } } })).toBe(3);

    const second = await screenIncomeWarnings(county, { year: String(YEAR) });
    expect(second.created).toBe(0);
    expect(await openOf(ids)).toHaveLength(3);

    const noLine = 2099;
    await db.monitoringLine.deleteMany({ where: { year: noLine } });
    const refused = await expectAppError(screenIncomeWarnings(county, { year: String(noLine) }), "RULE_VIOLATION");
    expect(refused.message).toBe("该年度未设监测线，无法筛查收入");
    await expectAppError(screenIncomeWarnings(county, { year: "abc" }), "VALIDATION");
    await expectAppError(screenIncomeWarnings(await signInAs("town"), { year: String(YEAR) }), "FORBIDDEN");
    await expectAppError(screenIncomeWarnings(await signInAs("village"), { year: String(YEAR) }), "FORBIDDEN");
    expect(await openOf(ids)).toHaveLength(3);

    // The village cadre sees them in the list with their age.
    const page = await findWarnings(await signInAs("village"), { status: "OPEN", source: "ARCHIVE_INCOME" }, { page: 1, pageSize: 100 });
    const listed = page.rows.find((row) => row.householdId === below.id);
    expect(listed?.ageDays).toBe(0);
    expect((await findWarnings(await signInAs("town2"), {}, { page: 1, pageSize: 100 })).rows.find((row) => row.householdId === below.id)).toBeUndefined();
  });
});

describe("核实预警", () => {
  async function openWarning() {
    await setLine(YEAR, "6000");
    const household = await householdWithIncome({ [YEAR]: "3000" });
    await screenIncomeWarnings(await signInAs("county"), { year: String(YEAR) });
    const [warning] = await openOf([household.id]);
    return { household, warning };
  }

  it("无需纳入 needs a note; wrong scope answers like missing; a stale version changes nothing; the check is audited", async () => {
    const { warning } = await openWarning();
    const village = await signInAs("village");
    const bad = await expectAppError(checkWarning(village, { warningId: warning.id, version: "1", outcome: "NOT_NEEDED", note: " " }), "VALIDATION");
    expect(bad.fieldErrors?.note).toEqual(["请填写无需纳入的理由"]);
    await expectAppError(checkWarning(await signInAs("town2"), { warningId: warning.id, version: "1", outcome: "NOT_NEEDED", note: "已核实" }), "NOT_FOUND");
    await expectAppError(checkWarning(village, { warningId: warning.id, version: "2", outcome: "NOT_NEEDED", note: "已核实" }), "STALE_VERSION");
    await expectAppError(checkWarning(await signInAs("county"), { warningId: warning.id, version: "1", outcome: "NOT_NEEDED", note: "已核实" }), "FORBIDDEN");
    expect(await db.monitoringWarning.findUniqueOrThrow({ where: { id: warning.id } })).toMatchObject({ status: "OPEN", version: 1, checkNote: null });

    await checkWarning(village, { warningId: warning.id, version: "1", outcome: "NOT_NEEDED", note: "务工收入未登记，已补录" });
    const checked = await db.monitoringWarning.findUniqueOrThrow({ where: { id: warning.id } });
    expect(checked).toMatchObject({ status: "CHECKED", outcome: "NOT_NEEDED", checkNote: "务工收入未登记，已补录", checkedById: village.userId, version: 2 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "MonitoringWarning", entityId: warning.id, action: "monitoringWarning.check" } });
    expect(audit.after).toMatchObject({ outcome: "无需纳入", note: "务工收入未登记，已补录" });
    await expectAppError(checkWarning(village, { warningId: warning.id, version: "2", outcome: "NOT_NEEDED", note: "再次" }), "RULE_VIOLATION");
  });

  it("纳入监测 creates the monitoring object through createMonitoringObject, or links the one that exists", async () => {
    const { household, warning } = await openWarning();
    const town = await signInAs("town");
    const { objectId } = await checkWarning(town, {
      warningId: warning.id,
      version: "1",
      outcome: "MONITORED",
      category: "MARGINAL",
      riskType: "UNSTABLE_WORK",
    });
    const object = await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId! }, include: { risks: true } });
    expect(object).toMatchObject({ householdId: household.id, category: "MARGINAL" });
    expect(object.risks).toHaveLength(1);
    expect(object.risks[0]).toMatchObject({ riskType: "UNSTABLE_WORK", source: "ARCHIVE_WARNING", note: `${YEAR} 年人均纯收入低于监测线` });
    expect(await db.monitoringWarning.findUniqueOrThrow({ where: { id: warning.id } })).toMatchObject({ status: "CHECKED", outcome: "MONITORED", objectId });
    expect(await db.auditEvent.count({ where: { entityType: "MonitoringObject", entityId: objectId!, action: "monitoringObject.create" } })).toBe(1);

    // A later 预警 of the same household (a new rule after an income change) is linked, not created twice.
    await saveIncome(await signInAs("village"), { householdId: household.id, year: String(YEAR), version: "1", wageFen: "8000" });
    await screenIncomeWarnings(await signInAs("county"), { year: String(YEAR) });
    const [later] = await openOf([household.id]);
    expect(later.reasonCode).toBe("WITHIN_MARGIN");
    const linked = await checkWarning(town, { warningId: later.id, version: "1", outcome: "MONITORED", category: "MARGINAL", riskType: "ILLNESS" });
    expect(linked.objectId).toBe(objectId);
    expect(await db.monitoringObject.count({ where: { householdId: household.id } })).toBe(1);
  });
});

describe("部门筛查名单", () => {
  async function workbook(rows: (string | number)[][]) {
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("名单");
    for (const row of rows) sheet.addRow(row);
    return { name: "医保名单.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
  }

  it("matches rows by ID number to households in scope: one 预警 per household, unmatched rows reported and not stored", async () => {
    const village = await signInAs("village");
    const headId = uniqueIdNumber(1960);
    const first = await createTestHousehold(village, FIRST_VILLAGE, { head: { idNumber: headId } });
    const second = await createTestHousehold(village);
    const [secondHead] = await db.member.findMany({ where: { householdId: second.id } });
    const nobody = uniqueIdNumber(1950);
    const file = await workbook([
      ["序号", "身份证号码", "说明"],
      [1, headId.toLowerCase(), "住院自付 3.2 万元"],
      [2, secondHead.idNumber, "门诊慢病"],
      [3, headId, "同一人第二次"],
      [4, nobody, "查无此人"],
    ]);
    const before = await db.monitoringWarning.count();
    for (const username of ["town", "village"])
      await expectAppError(uploadDepartmentList(await signInAs(username), { department: "MEDICAL", file }), "FORBIDDEN");
    const county = await signInAs("county");
    const result = await uploadDepartmentList(county, { department: "MEDICAL", file });
    expect(result.created).toBe(2);
    expect(result.unmatched).toEqual([{ rowNumber: 5, idNumber: maskIdNumber(nobody) }]);
    expect(await db.monitoringWarning.count()).toBe(before + 2);
    const rows = await db.monitoringWarning.findMany({ where: { householdId: { in: [first.id, second.id] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.householdId, row.source, row.reason])).toEqual([
      [first.id, "DEPARTMENT_MEDICAL", "部门筛查预警（医保）：住院自付 3.2 万元"],
      [second.id, "DEPARTMENT_MEDICAL", "部门筛查预警（医保）：门诊慢病"],
    ]);

    const bad = await expectAppError(
      uploadDepartmentList(county, { department: "MEDICAL", file: { name: "a.xlsx", bytes: new Uint8Array([1, 2, 3]) } }),
      "VALIDATION",
    );
    expect(bad.fieldErrors?.file?.[0]).toContain("不是 Excel 工作簿");
    const noColumns = await expectAppError(
      uploadDepartmentList(county, {
        department: "MEDICAL",
        file: await workbook([
          ["姓名", "说明"],
          ["张三", "x"],
        ]),
      }),
      "VALIDATION",
    );
    expect(noColumns.fieldErrors?.file).toEqual(["第一行须有“身份证号码”和“说明”两列"]);
    expect(await db.monitoringWarning.count()).toBe(before + 2);
  });
});
