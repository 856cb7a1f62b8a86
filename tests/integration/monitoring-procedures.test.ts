import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { saveIncome } from "@/lib/income/commands";
import { addMonitoringRisk, createMonitoringObject, saveMonitoringLine } from "@/lib/monitoring/commands";
import { addMonths } from "@/lib/monitoring/rules";
import {
  closeMonitoringNotice,
  openMonitoringSheet,
  recordMonitoringObjection,
  recordMonitoringStep,
  rejectMonitoringSheet,
  resolveMonitoringObjection,
  resolveMonitoringRisk,
  signMonitoringStep,
  startMonitoringNotice,
  uploadMonitoringConsent,
} from "@/lib/monitoring/procedure";
import { getMonitoringProcedures } from "@/lib/monitoring/procedure-queries";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const scan = () => ({ name: "承诺授权书.png", bytes: PNG });
const TODAY = todayString();
const THIS_YEAR = Number(TODAY.slice(0, 4));
const daysAgo = (days: number) => todayString(new Date(Date.now() - days * 86_400_000));

async function actors() {
  const [village, team, town, town2, county, helper] = await Promise.all(
    ["village", "team", "town", "town2", "county", "helper"].map((name) => signInAs(name)),
  );
  return { village, team, town, town2, county, helper };
}
type Actors = Awaited<ReturnType<typeof actors>>;

/** Lines for last year and this year (6 000 元), set through the county office's command when missing. */
async function ensureLines(county: Actor) {
  for (const year of [THIS_YEAR - 1, THIS_YEAR]) {
    if (!(await db.monitoringLine.findUnique({ where: { year } }))) await saveMonitoringLine(county, { year: String(year), amount: "6000" });
  }
}

const sheetVersion = async (sheetId: string) => String((await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
const objectVersion = async (id: string) => String((await db.monitoringObject.findUniqueOrThrow({ where: { id } })).version);

async function newObject(a: Actors, overrides: Parameters<typeof createTestHousehold>[2] = {}) {
  const household = await createTestHousehold(a.village, undefined, overrides);
  const { id } = await createMonitoringObject(a.village, {
    kind: "ARCHIVE",
    householdNo: household.householdNo,
    category: "MARGINAL",
    riskType: "ILLNESS",
    foundOn: daysAgo(3),
    source: "CADRE_SCREENING",
  });
  return { objectId: id, householdId: household.id };
}

async function open(a: Actors, objectId: string, kind: "IDENTIFY" | "ELIMINATE" = "IDENTIFY", method = "ASSISTED") {
  const { sheetId } = await openMonitoringSheet(a.village, { kind, objectId, version: await objectVersion(objectId), method });
  return sheetId;
}

const sign = async (actor: Actor, sheetId: string, step: string, opinion = "") =>
  signMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion });
const record = async (actor: Actor, sheetId: string, step: string, opinion: string) =>
  recordMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion });

/** The notice was posted `days` ago: the waiting period is data, never a sleep. */
async function postedDaysAgo(sheetId: string, days: number) {
  await db.monitoringSheet.update({ where: { id: sheetId }, data: { noticePostedOn: new Date(`${daysAgo(days)}T00:00:00.000Z`) } });
}

async function throughNotice(a: Actors, sheetId: string, kind: "IDENTIFY" | "ELIMINATE") {
  if (kind === "IDENTIFY") await uploadMonitoringConsent(a.team, { sheetId, file: scan() });
  await sign(a.team, sheetId, "VISIT", "入户核实属实");
  if (kind === "IDENTIFY") await record(a.county, sheetId, "DATA_CHECK", "医保、民政、残联比对无异常");
  await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", "评议通过");
  await startMonitoringNotice(a.team, { sheetId, version: await sheetVersion(sheetId), postedOn: TODAY });
  await postedDaysAgo(sheetId, 6);
  await closeMonitoringNotice(a.town, { sheetId, version: await sheetVersion(sheetId), opinion: "公示期满无异议" });
}

/** A further village cadre of `regionCode` (another village of the same township: the object is outside their scope). */
async function villageCadreOf(regionCode: string): Promise<Actor> {
  const username = `cgx${randomUUID().slice(0, 8)}`;
  await db.user.create({
    data: { username, displayName: "村干部乙", role: "VILLAGE_CADRE", regionCode, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4) },
  });
  return signInAs(username);
}

async function stepStates(actor: Actor, objectId: string) {
  const procedures = await getMonitoringProcedures(actor, objectId);
  return Object.fromEntries(procedures.current!.steps.map((step) => [step.step, step.state]));
}

describe("识别纳入: the chain end to end", () => {
  it("consent scan, departments' check, review, notice with an objection, township and county, announcement: MONITORED, every step audited", async () => {
    const a = await actors();
    const { objectId } = await newObject(a);
    const sheetId = await open(a, objectId);

    // 入户核实 needs the signed 承诺授权书 scan first.
    const missing = await expectAppError(sign(a.team, sheetId, "VISIT"), "RULE_VIOLATION");
    expect(missing.message).toContain("承诺授权书");
    expect(await db.monitoringSignature.count({ where: { sheetId } })).toBe(0);
    await uploadMonitoringConsent(a.team, { sheetId, file: scan() });
    await sign(a.team, sheetId, "VISIT", "入户核实属实");
    // The county cannot approve before its turn.
    await expectAppError(sign(a.county, sheetId, "COUNTY_APPROVAL"), "RULE_VIOLATION");
    await record(a.county, sheetId, "DATA_CHECK", "医保、民政、残联比对无异常");
    await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", "评议通过");

    await startMonitoringNotice(a.team, { sheetId, version: await sheetVersion(sheetId), postedOn: TODAY });
    const short = await expectAppError(closeMonitoringNotice(a.town, { sheetId, version: await sheetVersion(sheetId) }), "RULE_VIOLATION");
    expect(short.message).toContain("公示期不足5天");
    await recordMonitoringObjection(a.village, { sheetId, version: await sheetVersion(sheetId), raisedOn: TODAY, content: "邻居反映该户已有稳定务工收入" });
    await postedDaysAgo(sheetId, 5);
    const unresolved = await expectAppError(closeMonitoringNotice(a.town, { sheetId, version: await sheetVersion(sheetId) }), "RULE_VIOLATION");
    expect(unresolved.message).toContain("异议尚未处理完毕");
    const objection = await db.monitoringObjection.findFirstOrThrow({ where: { sheetId } });
    await resolveMonitoringObjection(a.village, { objectionId: objection.id, version: String(objection.version), resolution: "经核实务工不稳定，维持纳入" });
    await closeMonitoringNotice(a.town, { sheetId, version: await sheetVersion(sheetId), opinion: "公示期满" });

    await sign(a.town, sheetId, "TOWNSHIP_REVIEW", "审核通过");
    await sign(a.county, sheetId, "COUNTY_APPROVAL", "同意纳入");
    expect((await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } })).status).toBe("PENDING");
    await record(a.county, sheetId, "ANNOUNCE", "县级公告");

    expect(await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({ status: "APPROVED", round: 1 });
    const object = await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } });
    expect(object.status).toBe("MONITORED");
    expect(todayString(object.identifiedOn!)).toBe(TODAY);
    const entries = await db.monitoringSignature.findMany({ where: { sheetId }, orderBy: { signedAt: "asc" } });
    expect(entries.map((entry) => entry.step)).toEqual([
      "VISIT",
      "DATA_CHECK",
      "DEMOCRATIC_REVIEW",
      "VILLAGE_NOTICE",
      "TOWNSHIP_REVIEW",
      "COUNTY_APPROVAL",
      "ANNOUNCE",
    ]);
    expect(new Set(entries.map((entry) => entry.contentHash)).size).toBe(1);

    const audit = await db.auditEvent.findMany({ where: { entityType: "MonitoringSheet", entityId: sheetId }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual([
      "monitoringSheet.open",
      "monitoringSheet.uploadConsent",
      "monitoringSheet.sign",
      "monitoringSheet.record",
      "monitoringSheet.sign",
      "monitoringSheet.startNotice",
      "monitoringSheet.recordObjection",
      "monitoringSheet.resolveObjection",
      "monitoringSheet.closeNotice",
      "monitoringSheet.sign",
      "monitoringSheet.sign",
      "monitoringSheet.record",
    ]);
    const change = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "MonitoringObject", entityId: objectId, action: "monitoringObject.statusChange" },
    });
    expect(change.after).toMatchObject({ status: "MONITORED", identifiedOn: TODAY });
    // Completed: nothing more can be done on it.
    await expectAppError(sign(a.county, sheetId, "COUNTY_APPROVAL"), "RULE_VIOLATION");
  });

  it("signatures are bound to the content: a new risk after 入户核实 invalidates it and the chain resumes there", async () => {
    const a = await actors();
    const { objectId } = await newObject(a);
    const sheetId = await open(a, objectId);
    await uploadMonitoringConsent(a.team, { sheetId, file: scan() });
    await sign(a.team, sheetId, "VISIT");
    expect((await stepStates(a.village, objectId)).VISIT).toBe("DONE");
    await addMonitoringRisk(a.village, { objectId, version: await objectVersion(objectId), riskType: "SCHOOLING", foundOn: TODAY, source: "SELF_APPLICATION" });
    expect(await stepStates(a.village, objectId)).toMatchObject({ VISIT: "INVALID", DATA_CHECK: "WAITING" });
    await expectAppError(record(a.county, sheetId, "DATA_CHECK", "比对"), "RULE_VIOLATION");
  });

  it("forbidden moves change nothing: the same person on two steps, a wrong role, wrong scope, a stale form", async () => {
    const a = await actors();
    const { objectId } = await newObject(a);
    const sheetId = await open(a, objectId);
    await uploadMonitoringConsent(a.village, { sheetId, file: scan() });
    await sign(a.village, sheetId, "VISIT");
    await record(a.county, sheetId, "DATA_CHECK", "比对无异常");
    const before = await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } });
    const entries = await db.monitoringSignature.count({ where: { sheetId } });
    const audits = await db.auditEvent.count({ where: { entityId: sheetId } });

    const twice = await expectAppError(sign(a.village, sheetId, "DEMOCRATIC_REVIEW"), "RULE_VIOLATION");
    expect(twice.message).toContain("同一人只能签署一个环节");
    await expectAppError(sign(a.team, sheetId, "DEMOCRATIC_REVIEW"), "FORBIDDEN");
    await expectAppError(sign(a.town2, sheetId, "DEMOCRATIC_REVIEW"), "NOT_FOUND");
    await expectAppError(uploadMonitoringConsent(a.town2, { sheetId, file: scan() }), "NOT_FOUND");
    await expectAppError(openMonitoringSheet(a.town2, { kind: "IDENTIFY", objectId, version: await objectVersion(objectId) }), "NOT_FOUND");
    await expectAppError(sign(a.helper, sheetId, "DEMOCRATIC_REVIEW"), "FORBIDDEN");
    const elsewhere = await villageCadreOf("522698100202");
    await expectAppError(signMonitoringStep(elsewhere, { sheetId, step: "DEMOCRATIC_REVIEW", version: String(before.version) }), "NOT_FOUND");
    const colleague = await villageCadreOf("522698100201");
    await expectAppError(signMonitoringStep(colleague, { sheetId, step: "DEMOCRATIC_REVIEW", version: String(before.version - 1) }), "STALE_VERSION");

    expect(await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({ version: before.version, status: before.status });
    expect(await db.monitoringSignature.count({ where: { sheetId } })).toBe(entries);
    expect(await db.monitoringEvidence.count({ where: { sheetId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: sheetId } })).toBe(audits);
    // A second open procedure on the same object is refused.
    await expectAppError(openMonitoringSheet(a.village, { kind: "IDENTIFY", objectId, version: await objectVersion(objectId) }), "CONFLICT");
  });

  it("a rejection starts a new round from 入户核实: earlier entries stay as history, the consent scan must be uploaded again", async () => {
    const a = await actors();
    const { objectId } = await newObject(a);
    const sheetId = await open(a, objectId);
    await throughNotice(a, sheetId, "IDENTIFY");
    await expectAppError(rejectMonitoringSheet(a.town, { sheetId, step: "TOWNSHIP_REVIEW", version: await sheetVersion(sheetId), reason: "" }), "VALIDATION");
    await rejectMonitoringSheet(a.town, { sheetId, step: "TOWNSHIP_REVIEW", version: await sheetVersion(sheetId), reason: "收入材料不全" });
    expect(await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({
      round: 2,
      status: "REJECTED",
      rejectedReason: "收入材料不全",
      noticePostedOn: null,
    });
    expect(await stepStates(a.village, objectId)).toMatchObject({ VISIT: "PENDING", DATA_CHECK: "WAITING" });
    const missing = await expectAppError(sign(a.team, sheetId, "VISIT"), "RULE_VIOLATION");
    expect(missing.message).toContain("承诺授权书");
    // The person who signed 入户核实 in round 1 may sign another step in round 2.
    await uploadMonitoringConsent(a.village, { sheetId, file: scan() });
    await sign(a.village, sheetId, "VISIT");
    expect(await db.monitoringSignature.count({ where: { sheetId, round: 1 } })).toBe(4);
  });
});

describe("风险消除", () => {
  /** A monitored object: identified through the chain, then its identification backdated `months` months (data, not a clock). */
  async function monitored(a: Actors, months: number, overrides: Parameters<typeof createTestHousehold>[2] = {}) {
    const created = await newObject(a, overrides);
    const sheetId = await open(a, created.objectId);
    await throughNotice(a, sheetId, "IDENTIFY");
    await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
    await sign(a.county, sheetId, "COUNTY_APPROVAL");
    await record(a.county, sheetId, "ANNOUNCE", "公告");
    await db.monitoringObject.update({ where: { id: created.objectId }, data: { identifiedOn: new Date(`${addMonths(TODAY, -months)}T00:00:00.000Z`) } });
    return created;
  }

  async function incomes(actor: Actor, householdId: string, yuan: string) {
    for (const year of [THIS_YEAR - 1, THIS_YEAR]) await saveIncome(actor, { householdId, year: String(year), version: "0", wageFen: yuan });
  }

  async function resolveAll(actor: Actor, objectId: string) {
    for (const risk of await db.monitoringRisk.findMany({ where: { objectId, resolvedOn: null } })) {
      await resolveMonitoringRisk(actor, { objectId, riskId: risk.id, version: await objectVersion(objectId), resolvedOn: TODAY });
    }
  }

  it("refused for a household where no one can work: nothing is written, the household stays monitored", async () => {
    const a = await actors();
    await ensureLines(a.county);
    const { objectId, householdId } = await monitored(a, 7, { head: { labourSkill: "NONE" } });
    await incomes(a.village, householdId, "20000");
    await resolveAll(a.village, objectId);
    const sheetId = await open(a, objectId, "ELIMINATE");
    const error = await expectAppError(sign(a.team, sheetId, "VISIT"), "RULE_VIOLATION");
    expect(error.message).toContain("整户无劳动力");
    expect(await db.monitoringSignature.count({ where: { sheetId } })).toBe(0);
    expect((await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } })).status).toBe("MONITORED");
  });

  it("refused with an unmet criterion (5 months after identification, a risk open); accepted at 6 months with every condition, figures stored; the household can be identified again", async () => {
    const a = await actors();
    await ensureLines(a.county);
    const { objectId, householdId } = await monitored(a, 5);
    await incomes(a.village, householdId, "20000");
    const sheetId = await open(a, objectId, "ELIMINATE", "ASSISTED");
    const early = await expectAppError(sign(a.team, sheetId, "VISIT"), "RULE_VIOLATION");
    expect(early.message).toContain("未满 6 个月");
    expect(early.message).toContain("风险尚未消除");
    expect(await db.monitoringSignature.count({ where: { sheetId } })).toBe(0);

    await db.monitoringObject.update({ where: { id: objectId }, data: { identifiedOn: new Date(`${addMonths(TODAY, -6)}T00:00:00.000Z`) } });
    const stillOpen = await expectAppError(sign(a.team, sheetId, "VISIT"), "RULE_VIOLATION");
    expect(stillOpen.message).not.toContain("未满");
    await resolveAll(a.village, objectId);

    await throughNotice(a, sheetId, "ELIMINATE");
    await sign(a.county, sheetId, "COUNTY_APPROVAL", "同意消除");
    await record(a.county, sheetId, "ANNOUNCE", "公告");
    const sheet = await db.monitoringSheet.findUniqueOrThrow({ where: { id: sheetId } });
    expect(sheet.status).toBe("APPROVED");
    expect(sheet.decisionFigures).toMatchObject({ method: "ASSISTED", incomes: [{ year: THIS_YEAR - 1 }, { year: THIS_YEAR }] });
    expect((sheet.decisionFigures as { criteria: { met: boolean }[] }).criteria.every((criterion) => criterion.met)).toBe(true);
    expect((await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } })).status).toBe("ELIMINATED");

    // 返贫: a new risk, identified again; the history keeps both procedures.
    await addMonitoringRisk(a.village, { objectId, version: await objectVersion(objectId), riskType: "ACCIDENT", foundOn: TODAY, source: "SELF_APPLICATION" });
    const again = await open(a, objectId, "IDENTIFY");
    const procedures = await getMonitoringProcedures(a.village, objectId);
    expect(procedures.history.map((entry) => entry.kind)).toEqual(["IDENTIFY", "ELIMINATE", "IDENTIFY"]);
    expect(procedures.current?.sheetId).toBe(again);
  });
});
