// 入户核查 of a drawn round: recorded once, raising 错退 / 漏评 findings through insertFinding in the same transaction,
// and 三率一度 whose every number equals the length of its drill-down list. Households of this file exit in 2078.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { addFieldCheckNote, recordFieldCheck } from "@/lib/inspections/field-checks/commands";
import { decideFindingReport, submitFindingReport } from "@/lib/inspections/findings/commands";
import { loadRates, rateHouseholds } from "@/lib/inspections/rates/queries";
import { RATE_MEASURES, RATE_PARTS } from "@/lib/inspections/rates/rules";
import { createSamplingRound, drawSamplingRound, replaceSamplePick } from "@/lib/inspections/rounds/commands";
import { updateMember } from "@/lib/members/commands";
import { saveRateThresholds } from "@/lib/settings/commands";
import { createTestHousehold, memberFields } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const YEAR = 2078;
const TOWNSHIP = "522698100000";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

let inspector: Actor;
let town: Actor;
let village: Actor;
let roundId: string;
const householdIds: string[] = [];

const picksOf = (kind: string) => db.samplePick.findMany({ where: { roundId, kind }, orderBy: { ordinal: "asc" }, include: { entry: true } });
const checkInput = (kind: string, entryId: string, overrides: Record<string, unknown> = {}) => ({
  roundId,
  kind,
  entryId,
  visitedOn: "2026-11-20",
  atHome: "YES",
  satisfaction: "SATISFIED",
  ...(kind === "EXITED" ? { meetsStandard: "YES" } : { shouldRegister: "NO", people: "3" }),
  ...overrides,
});
const finding = { responsibleUnit: "石桥镇人民政府", responsiblePerson: "王立新", deadline: "2099-12-31" };

beforeAll(async () => {
  [inspector, town, village] = await Promise.all([signInAs("inspector"), signInAs("town"), signInAs("village")]);
  for (let i = 0; i < 5; i++) householdIds.push((await createTestHousehold(village)).id);
  await db.household.updateMany({ where: { id: { in: householdIds } }, data: { status: "EXITED", exitYear: YEAR } });
  roundId = (
    await createSamplingRound(inspector, {
      name: "2078年核查轮",
      scope: "TOWNSHIPS",
      townshipCodes: TOWNSHIP,
      populationYear: String(YEAR),
      sizeKind: "COUNT",
      perTownship: "4",
      publicSource: "福利彩票第 2078001 期",
      listed: "杨柳村,甲某,3\n杨柳村,乙某,5\n新寨村,丙某,2",
    })
  ).id;
  await drawSamplingRound(inspector, { roundId, version: "1", publicValue: "0718" });
});

describe("recordFieldCheck", () => {
  it("refuses a township cadre, a village cadre and incomplete answers, writing nothing", async () => {
    const [pick] = await picksOf("EXITED");
    const before = { checks: await db.fieldCheck.count({ where: { roundId } }), findings: await db.finding.count(), audits: await db.auditEvent.count() };
    await expectAppError(recordFieldCheck(town, checkInput("EXITED", pick.entryId)), "FORBIDDEN");
    await expectAppError(recordFieldCheck(village, checkInput("EXITED", pick.entryId)), "FORBIDDEN");
    const missing = await expectAppError(
      recordFieldCheck(inspector, checkInput("EXITED", pick.entryId, { meetsStandard: "NO", satisfaction: "" })),
      "VALIDATION",
    );
    expect(missing.fieldErrors).toMatchObject({
      satisfaction: ["请选择群众认可度"],
      failedCriteria: ["请选择不符合的退出标准（至少一项）"],
      responsibleUnit: ["请填写整改责任单位"],
      responsiblePerson: ["请填写整改责任人"],
      deadline: ["请填写整改期限"],
    });
    await expectAppError(recordFieldCheck(inspector, checkInput("EXITED", pick.entryId, { visitedOn: "2999-01-01" })), "VALIDATION");
    await expectAppError(recordFieldCheck(inspector, checkInput("EXITED", "00000000-0000-4000-8000-000000000000")), "NOT_FOUND");
    expect({ checks: await db.fieldCheck.count({ where: { roundId } }), findings: await db.finding.count(), audits: await db.auditEvent.count() }).toEqual(
      before,
    );
  });

  it("an exited household not meeting the standard raises a 错退 finding with its criterion, with the check's audit row and photo", async () => {
    const [, pick] = await picksOf("EXITED");
    const result = await recordFieldCheck(
      inspector,
      checkInput("EXITED", pick.entryId, {
        meetsStandard: "NO",
        failedCriteria: ["HOUSING", "INCOME"],
        satisfaction: "DISSATISFIED",
        note: "住房为危房",
        photos: [{ name: "门口.png", bytes: PNG }],
        ...finding,
      }),
    );
    expect(result.findingId).toBeTruthy();
    const check = await db.fieldCheck.findUniqueOrThrow({ where: { id: result.id } });
    expect(check).toMatchObject({
      atHome: true,
      meetsStandard: false,
      failedCriteria: ["HOUSING", "INCOME"],
      satisfaction: "DISSATISFIED",
      inspectorId: inspector.userId,
      householdId: pick.entryId,
    });
    expect(check.question).toContain("满意");
    const raised = await db.finding.findUniqueOrThrow({ where: { id: result.findingId! } });
    expect(raised).toMatchObject({
      categoryCode: "WRONG_EXIT",
      source: "FIELD_CHECK",
      fieldCheckId: result.id,
      criterion: "HOUSING",
      householdId: pick.entryId,
      townshipCode: TOWNSHIP,
      status: "OPEN",
    });
    expect(raised.description).toContain("住房安全有保障");
    expect(await db.inspectionFile.count({ where: { ownerType: "FIELD_CHECK", ownerId: result.id } })).toBe(1);
    const rows = await db.auditEvent.findMany({ where: { OR: [{ entityId: result.id }, { entityId: result.findingId! }] }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.action)).toEqual(["finding.raise", "fieldCheck.record"]);
    expect(rows[1].after).toMatchObject({ meetsStandard: false, failedCriteria: ["HOUSING", "INCOME"], files: 1 });

    await expectAppError(recordFieldCheck(inspector, checkInput("EXITED", pick.entryId)), "RULE_VIOLATION");
    await expect(db.fieldCheck.update({ where: { id: result.id }, data: { meetsStandard: true } })).rejects.toThrow();
    expect(await db.fieldCheck.count({ where: { roundId, entryId: pick.entryId } })).toBe(1);

    // The rest of the way: the township reports its rectification with evidence, the inspector closes the 错退 finding.
    await submitFindingReport(town, {
      findingId: result.findingId!,
      version: "1",
      content: "已完成危房改造并重新核算收入",
      files: [{ name: "改造后.png", bytes: PNG }],
    });
    await expectAppError(decideFindingReport(town, { findingId: result.findingId!, version: "2", decision: "ACCEPT" }), "FORBIDDEN");
    await decideFindingReport(inspector, { findingId: result.findingId!, version: "2", decision: "ACCEPT" });
    expect(await db.finding.findUniqueOrThrow({ where: { id: result.findingId! } })).toMatchObject({ status: "CLOSED", closedBy: inspector.userId });
    const trail = await db.auditEvent.findMany({ where: { entityId: result.findingId! }, orderBy: { id: "asc" } });
    expect(trail.map((row) => row.action)).toEqual(["finding.raise", "finding.submitReport", "finding.accept"]);
  });

  it("a listed household that should have been registered raises a 漏评 finding; a not-at-home pick is replaced and cannot be checked again", async () => {
    const [listed] = await picksOf("LISTED");
    const result = await recordFieldCheck(
      inspector,
      checkInput("LISTED", listed.entryId, { shouldRegister: "YES", people: "4", satisfaction: "UNKNOWN", ...finding }),
    );
    const raised = await db.finding.findUniqueOrThrow({ where: { id: result.findingId! } });
    expect(raised).toMatchObject({ categoryCode: "MISSED", householdId: null, villageCode: listed.entry.villageCode, fieldCheckId: result.id });

    const [first] = await picksOf("EXITED");
    const away = await recordFieldCheck(inspector, checkInput("EXITED", first.entryId, { atHome: "NO", meetsStandard: "", satisfaction: "" }));
    expect(await db.fieldCheck.findUniqueOrThrow({ where: { id: away.id } })).toMatchObject({ atHome: false, meetsStandard: null, satisfaction: null });
    expect(away.findingId).toBeNull();
    const replacement = await replaceSamplePick(inspector, { roundId, kind: "EXITED", entryId: first.entryId, reason: "两次上门均不在家" });
    expect(replacement.entryId).not.toBe(first.entryId);
    await recordFieldCheck(inspector, checkInput("EXITED", replacement.entryId, { satisfaction: "BASICALLY_SATISFIED" }));
  });

  it("a correction is a new note on the check, audited; the check and its notes stay as written", async () => {
    const check = await db.fieldCheck.findFirstOrThrow({ where: { roundId, atHome: true, kind: "EXITED" }, orderBy: { recordedAt: "asc" } });
    await expectAppError(addFieldCheckNote(town, { fieldCheckId: check.id, note: "乡镇更正" }), "FORBIDDEN");
    const blank = await expectAppError(addFieldCheckNote(inspector, { fieldCheckId: check.id, note: "  " }), "VALIDATION");
    expect(blank.fieldErrors?.note).toEqual(["请填写更正或补充说明"]);
    await expectAppError(addFieldCheckNote(inspector, { fieldCheckId: "00000000-0000-4000-8000-000000000000", note: "无此记录" }), "NOT_FOUND");
    expect(await db.fieldCheckNote.count({ where: { fieldCheckId: check.id } })).toBe(0);

    const { id } = await addFieldCheckNote(inspector, { fieldCheckId: check.id, note: "核查日期应为 11 月 19 日" });
    expect(await db.fieldCheckNote.findUniqueOrThrow({ where: { id } })).toMatchObject({
      fieldCheckId: check.id,
      writtenBy: inspector.userId,
      note: "核查日期应为 11 月 19 日",
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "fieldCheck.note", entityId: check.id } });
    expect(audit.after).toEqual({ note: "核查日期应为 11 月 19 日" });
    await expect(db.fieldCheckNote.update({ where: { id }, data: { note: "改掉" } })).rejects.toThrow();
    await expect(db.fieldCheckNote.delete({ where: { id } })).rejects.toThrow();
    expect(await db.fieldCheck.findUniqueOrThrow({ where: { id: check.id } })).toEqual(check);
  });

  it("an inspector cannot edit a household member", async () => {
    const member = await db.member.findFirstOrThrow({ where: { householdId: householdIds[0] } });
    await expectAppError(
      updateMember(inspector, { memberId: member.id, version: String(member.version), relation: "HEAD", ...memberFields({ name: "督查改名" }) }),
      "FORBIDDEN",
    );
    expect(await db.member.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ name: member.name, version: member.version });
  });
});

describe("三率一度", () => {
  it("each rate's numerator and denominator equal the counts of their drill-down lists, per township and in total", async () => {
    const view = await loadRates(inspector, { roundId });
    expect(view.round?.id).toBe(roundId);
    const rows = [...view.rows, view.total!];
    expect(view.total!.wrongExit.rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(view.total!.missed.rate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(view.total!.approval.rate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(view.total!.wrongExit.verdict).toBe("不达标");
    for (const row of rows) {
      for (const measure of RATE_MEASURES) {
        for (const part of RATE_PARTS) {
          const list = await rateHouseholds(inspector, { roundId, measure, part, township: row.code ?? undefined });
          expect(list.rows.length, `${row.name} ${measure} ${part}`).toBe(row[measure].rate[part]);
        }
      }
    }
    await expectAppError(loadRates(town, { roundId }), "FORBIDDEN");
    const byYear = await loadRates(inspector, { year: YEAR });
    expect(byYear.round?.id).toBe(roundId);
    expect(byYear.years).toContain(YEAR);
    expect(byYear.rounds.every((option) => option.populationYear === YEAR)).toBe(true);
  });

  it("thresholds are county settings: the county office sets them with the version shown, audited; the verdicts follow", async () => {
    const inspectorRefused = await expectAppError(
      saveRateThresholds(inspector, { wrongExitMaxPermille: "60", missedMaxPermille: "2", approvalMinPermille: "90", incidenceMaxPermille: "3" }),
      "FORBIDDEN",
    );
    expect(inspectorRefused.code).toBe("FORBIDDEN");
    const county = await signInAs("county");
    const bad = await expectAppError(
      saveRateThresholds(county, { wrongExitMaxPermille: "0", missedMaxPermille: "2.55", approvalMinPermille: "90", incidenceMaxPermille: "3", version: "0" }),
      "VALIDATION",
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["missedMaxPermille", "wrongExitMaxPermille"]);
    await saveRateThresholds(county, {
      wrongExitMaxPermille: "60",
      missedMaxPermille: "2",
      approvalMinPermille: "90",
      incidenceMaxPermille: "3",
      version: "0",
    });
    await expectAppError(
      saveRateThresholds(county, { wrongExitMaxPermille: "70", missedMaxPermille: "2", approvalMinPermille: "90", incidenceMaxPermille: "3", version: "0" }),
      "STALE_VERSION",
    );
    const view = await loadRates(inspector, { roundId });
    expect(view.thresholds).toEqual({ wrongExitMaxPermille: 600, missedMaxPermille: 20, approvalMinPermille: 900, incidenceMaxPermille: 30 });
    expect(view.thresholdTexts.incidence).toBe("< 3.00%");
    expect(view.total!.wrongExit.verdict).toBe("达标"); // 1 of 2 = 50 % < 60 %
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update", entityId: "inspectionRateThresholds" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ value: "错退率 < 60%，漏评率 < 2%，群众认可度 ≥ 90%，综合贫困发生率 < 3%" });
    // Back to the defaults for any later reader of this shared database.
    await saveRateThresholds(county, { wrongExitMaxPermille: "2", missedMaxPermille: "2", approvalMinPermille: "90", incidenceMaxPermille: "2", version: "1" });
  });
});
