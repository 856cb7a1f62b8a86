import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  addMonitoringRisk,
  addRiskType,
  createMonitoringObject,
  saveMonitoringLine,
  saveMonitoringSettings,
  setRiskTypeRetired,
} from "@/lib/monitoring/commands";
import { findMonitoringObjects, getMonitoringObject, getMonitoringSettings, monitoringLinesFor } from "@/lib/monitoring/queries";
import { monitoringLineFor } from "@/lib/monitoring/rules";
import { FIRST_VILLAGE, SECOND_TOWNSHIP_VILLAGE, createTestHousehold, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

const risk = { riskType: "ILLNESS", foundOn: "2024-05-10", source: "CADRE_SCREENING" };

describe("monitoring lines and the margin", () => {
  it("2021 is seeded at 6 000 yuan; a year without a line cannot be screened", async () => {
    const lines = await monitoringLinesFor([2021, 2099]);
    expect(lines.get(2021)).toBe(600_000);
    expect(monitoringLineFor(2099, lines)).toMatchObject({ ok: false });
  });

  it("the county office sets a year with versions and audit; others cannot; bad input changes nothing", async () => {
    const county = await signInAs("county");
    await saveMonitoringLine(county, { year: "2030", amount: "8,000" });
    expect((await db.monitoringLine.findUniqueOrThrow({ where: { year: 2030 } })).amountFen).toBe(800_000);
    await expectAppError(saveMonitoringLine(county, { year: "2030", amount: "8100" }), "STALE_VERSION");
    await saveMonitoringLine(county, { year: "2030", amount: "8100", version: "1" });
    await expectAppError(saveMonitoringLine(county, { year: "2030", amount: "8200", version: "1" }), "STALE_VERSION");
    expect(await db.monitoringLine.findUniqueOrThrow({ where: { year: 2030 } })).toMatchObject({ amountFen: 810_000, version: 2 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "MonitoringLine", entityId: "2030" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ action: "monitoringLine.update", before: { amountFen: 800_000 }, after: { amountFen: 810_000 } });

    const error = await expectAppError(saveMonitoringLine(county, { year: "2031", amount: "abc" }), "VALIDATION");
    expect(error.fieldErrors?.amount).toEqual(["请输入有效金额"]);
    for (const username of ["town", "village"]) {
      await expectAppError(saveMonitoringLine(await signInAs(username), { year: "2031", amount: "8000" }), "FORBIDDEN");
    }
    expect(await db.monitoringLine.findUnique({ where: { year: 2031 } })).toBeNull();
  });

  it("the margin defaults to 50 % and is saved with a version", async () => {
    const county = await signInAs("county");
    expect((await getMonitoringSettings()).marginPermille).toBe(500);
    await saveMonitoringSettings(county, { margin: "30", version: "0" });
    expect((await getMonitoringSettings()).marginPermille).toBe(300);
    await expectAppError(saveMonitoringSettings(county, { margin: "40", version: "0" }), "STALE_VERSION");
    await expectAppError(saveMonitoringSettings(await signInAs("town"), { margin: "40", version: "1" }), "FORBIDDEN");
    await saveMonitoringSettings(county, { margin: "50", version: "1" });
    expect((await getMonitoringSettings()).marginPermille).toBe(500);
    expect(await db.auditEvent.count({ where: { entityType: "Setting", entityId: "monitoring" } })).toBe(2);
  });
});

describe("risk types", () => {
  it("the county office adds and retires a type; a retired type cannot be chosen; a duplicate label is refused", async () => {
    const county = await signInAs("county");
    const label = uniqueName("因").slice(0, 12);
    const { code } = await addRiskType(county, { label });
    await expectAppError(addRiskType(county, { label }), "CONFLICT");
    await expectAppError(addRiskType(await signInAs("town"), { label: "因他" }), "FORBIDDEN");
    await setRiskTypeRetired(county, { code, retired: "true", version: "1" });
    await expectAppError(setRiskTypeRetired(county, { code, retired: "false", version: "1" }), "STALE_VERSION");
    expect(await db.auditEvent.count({ where: { entityType: "MonitoringRiskType", entityId: code } })).toBe(2);

    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const before = await db.monitoringObject.count();
    const error = await expectAppError(
      createMonitoringObject(village, { kind: "ARCHIVE", householdNo: household.householdNo, category: "UNSTABLE", ...risk, riskType: code }),
      "VALIDATION",
    );
    expect(error.fieldErrors?.riskType).toEqual(["该风险类型已停用，请选择其他类型"]);
    expect(await db.monitoringObject.count()).toBe(before);
  });
});

describe("monitoring objects", () => {
  it("a village cadre brings an archived household in by 户编号, with its first risk and audit rows", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const { id } = await createMonitoringObject(village, {
      kind: "ARCHIVE",
      householdNo: household.householdNo,
      category: "UNSTABLE",
      ...risk,
      note: "大病住院",
    });
    const object = await db.monitoringObject.findUniqueOrThrow({ where: { id }, include: { risks: true } });
    expect(object).toMatchObject({
      householdId: household.id,
      villageCode: FIRST_VILLAGE,
      townshipCode: "522698100000",
      status: "PENDING",
      category: "UNSTABLE",
    });
    expect(object.risks.map((row) => [row.riskType, row.source])).toEqual([["ILLNESS", "CADRE_SCREENING"]]);
    const actions = (await db.auditEvent.findMany({ where: { entityType: "MonitoringObject", entityId: id }, orderBy: { id: "asc" } })).map(
      (row) => row.action,
    );
    expect(actions).toEqual(["monitoringObject.create", "monitoringObject.addRisk"]);

    // Twice is refused, nothing added.
    await expectAppError(createMonitoringObject(village, { kind: "ARCHIVE", householdNo: household.householdNo, category: "MARGINAL", ...risk }), "CONFLICT");
    expect(await db.monitoringObject.count({ where: { householdId: household.id } })).toBe(1);
    const shown = await getMonitoringObject(village, id);
    expect(shown.flag).toBeNull();
    expect(shown.headName).toBe("户主甲");
  });

  it("a household never 建档立卡 is allowed and flagged; its head ID must not already be in the archive", async () => {
    const village = await signInAs("village");
    const idNumber = uniqueIdNumber(1975);
    const input = {
      kind: "OUTSIDE",
      villageCode: FIRST_VILLAGE,
      headName: "吴边缘",
      headIdNumber: idNumber,
      address: "杨柳村三组",
      people: "4",
      category: "MARGINAL",
      ...risk,
      source: "SELF_APPLICATION",
    };
    const { id } = await createMonitoringObject(village, input);
    const shown = await getMonitoringObject(village, id);
    expect(shown).toMatchObject({ householdId: null, flag: "未建档立卡（无识别年度）", headName: "吴边缘", people: 4 });
    expect(shown.headIdMasked).not.toContain(idNumber.slice(6, 14));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "monitoringObject.create" } });
    expect(JSON.stringify(audit.after)).not.toContain(idNumber);
    await expectAppError(createMonitoringObject(village, input), "CONFLICT");

    const listed = await findMonitoringObjects(village, { registered: "no" }, { page: 1, pageSize: 100 });
    expect(listed.rows.map((row) => row.id)).toContain(id);
    expect(listed.rows.every((row) => row.flag === "未建档立卡（无识别年度）")).toBe(true);

    const household = await createTestHousehold(village);
    const head = await db.member.findFirstOrThrow({ where: { householdId: household.id, relation: "HEAD" } });
    const error = await expectAppError(createMonitoringObject(village, { ...input, headIdNumber: head.idNumber }), "RULE_VIOLATION");
    expect(error.fieldErrors?.headIdNumber).toEqual(["该身份证号码已在户档中，请按户编号纳入"]);
  });

  it("wrong scope answers like missing and changes nothing; a helper and an inspector cannot write", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const town2 = await signInAs("town2");
    const before = await db.monitoringObject.count();
    const error = await expectAppError(
      createMonitoringObject(town2, { kind: "ARCHIVE", householdNo: household.householdNo, category: "UNSTABLE", ...risk }),
      "NOT_FOUND",
    );
    expect(error.fieldErrors?.householdNo).toBeDefined();
    const outside = {
      kind: "OUTSIDE",
      villageCode: FIRST_VILLAGE,
      headName: "越界",
      headIdNumber: uniqueIdNumber(1980),
      address: "杨柳村",
      people: "2",
      category: "MARGINAL",
      ...risk,
    };
    await expectAppError(createMonitoringObject(town2, outside), "NOT_FOUND");
    await expectAppError(
      createMonitoringObject(await signInAs("helper"), { kind: "ARCHIVE", householdNo: household.householdNo, category: "UNSTABLE", ...risk }),
      "FORBIDDEN",
    );
    await expectAppError(
      createMonitoringObject(await signInAs("inspector"), { kind: "ARCHIVE", householdNo: household.householdNo, category: "UNSTABLE", ...risk }),
      "FORBIDDEN",
    );
    expect(await db.monitoringObject.count()).toBe(before);

    const { id } = await createMonitoringObject(village, { kind: "ARCHIVE", householdNo: household.householdNo, category: "SUDDEN_HARDSHIP", ...risk });
    await expectAppError(getMonitoringObject(town2, id), "NOT_FOUND");
    await expectAppError(addMonitoringRisk(town2, { objectId: id, version: "1", ...risk, riskType: "DISABILITY" }), "NOT_FOUND");
    expect((await findMonitoringObjects(town2, {}, { page: 1, pageSize: 100 })).rows.map((row) => row.id)).not.toContain(id);
    // The township and the county see it.
    expect((await getMonitoringObject(await signInAs("town"), id)).id).toBe(id);
    expect((await getMonitoringObject(await signInAs("leader"), id)).id).toBe(id);
    await expectAppError(createMonitoringObject(town2, { ...outside, villageCode: SECOND_TOWNSHIP_VILLAGE, people: "0" }), "VALIDATION");
  });

  it("risks: up to five, each type once, stale version refused, each audited", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const { id } = await createMonitoringObject(village, { kind: "ARCHIVE", householdNo: household.householdNo, category: "UNSTABLE", ...risk });
    await expectAppError(addMonitoringRisk(village, { objectId: id, version: "1", ...risk }), "RULE_VIOLATION");
    const team = await signInAs("team");
    const types = ["DISABILITY", "SCHOOLING", "HOUSING", "ACCIDENT"];
    for (const [index, riskType] of types.entries()) {
      await addMonitoringRisk(index % 2 ? team : village, { objectId: id, version: String(index + 1), ...risk, riskType, source: "DEPARTMENT_WARNING" });
    }
    await expectAppError(addMonitoringRisk(village, { objectId: id, version: "1", ...risk, riskType: "OTHER" }), "STALE_VERSION");
    const sixth = await expectAppError(addMonitoringRisk(village, { objectId: id, version: "5", ...risk, riskType: "OTHER" }), "RULE_VIOLATION");
    expect(sixth.message).toBe("每户最多登记 5 项风险");
    expect(await db.monitoringRisk.count({ where: { objectId: id } })).toBe(5);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "monitoringObject.addRisk" } })).toBe(5);
    const shown = await getMonitoringObject(village, id);
    expect(shown.risks.map((row) => row.label)).toEqual(["因病", "因残", "因学", "因安全住房", "因意外事故"]);
  });
});
