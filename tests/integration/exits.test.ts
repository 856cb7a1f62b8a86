import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { findExitQueue } from "@/lib/exits/household/find-exit-queue";
import { findExitSheets } from "@/lib/exits/household/find-exit-sheets";
import { getExitPreview } from "@/lib/exits/household/get-exit-preview";
import { getExitSheet } from "@/lib/exits/household/get-exit-sheet";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { recordObjection } from "@/lib/exits/household/record-objection";
import { rejectSheet } from "@/lib/exits/household/reject-sheet";
import { resolveObjection } from "@/lib/exits/household/resolve-objection";
import { returnToPoverty } from "@/lib/households/return-to-poverty";
import { ZExitSheetFilter } from "@/lib/exits/schema";
import { contentEnvironment, contentFor, loadHouseholdExitData } from "@/lib/exits/household/sheet-context";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import { verifyByCode } from "@/lib/exits/household/verify-by-code";
import { findHouseholdHistory } from "@/lib/households/history";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { updateMember } from "@/lib/members/commands";
import { ZPageParams } from "@/lib/pagination";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE, householdInput, memberFields } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A past year with a configured national line (4000 元), so the run does not depend on today's year. */
const YEAR = 2020;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const scan = () => ({ name: "认可书.png", bytes: PNG });

const daysAgo = (days: number) => todayString(new Date(Date.now() - days * 86_400_000));

async function actors() {
  const [helper, village, team, town, town2, county, leader, inspector] = await Promise.all(
    ["helper", "village", "team", "town", "town2", "county", "leader", "inspector"].map((name) => signInAs(name)),
  );
  return { helper, village, team, town, town2, county, leader, inspector };
}

/** A second user with the role and region of `like`, signed in like any other. */
async function anotherUser(like: Actor, prefix: string): Promise<Actor> {
  const username = `${prefix}${randomUUID().slice(0, 8)}`;
  await db.user.create({
    data: { username, displayName: `${prefix}测试`, role: like.role, regionCode: like.regionCode, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4) },
  });
  return signInAs(username);
}

/** A household of the first village meeting every criterion for YEAR (head only, 20,000 元 income). */
async function eligibleHousehold(village: Actor, overrides: Parameters<typeof createTestHousehold>[2] = {}) {
  const { id } = await createTestHousehold(village, FIRST_VILLAGE, overrides);
  await saveIncome(village, { householdId: id, year: String(YEAR), version: "0", wageFen: "20000" });
  return id;
}

async function version(sheetId: string) {
  return (await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).version;
}

/** Everything a refused command must leave untouched. */
async function state(sheetId: string) {
  const sheet = await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } });
  const household = await db.household.findUniqueOrThrow({ where: { id: sheet.householdId }, select: { status: true, version: true, exitYear: true } });
  return {
    sheet: {
      version: sheet.version,
      status: sheet.status,
      round: sheet.round,
      noticePostedOn: sheet.noticePostedOn,
      noticeClosedOn: sheet.noticeClosedOn,
      reviewDate: sheet.reviewDate,
    },
    household,
    signatures: await db.exitSignature.count({ where: { sheetId } }),
    objections: await db.exitObjection.findMany({ where: { sheetId }, select: { id: true, resolution: true, version: true } }),
    audit: await db.auditEvent.count({ where: { OR: [{ entityId: sheetId }, { entityId: sheet.householdId }] } }),
  };
}

async function expectRefusedUnchanged(sheetId: string, attempt: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await state(sheetId);
  const error = await expectAppError(attempt(), code);
  if (message) expect(error.message).toMatch(message);
  expect(await state(sheetId)).toEqual(before);
  return error;
}

async function sign(actor: Actor, sheetId: string, step: string, extra: Record<string, unknown> = {}) {
  return signStep(actor, { sheetId, version: String(await version(sheetId)), step, ...extra });
}

const review = () => ({ reviewDate: todayString(), reviewPresent: "28", reviewResult: "同意退出（28票赞成）" });

/** 提出 → 民主评议 → 核实 → 认可 (with the scan): the sheet waits for 村内公示. */
async function sheetAtNotice(a: Awaited<ReturnType<typeof actors>>, householdId?: string) {
  const id = householdId ?? (await eligibleHousehold(a.village));
  const { id: sheetId } = await openExitSheet(a.helper, { householdId: id, assessmentYear: String(YEAR), opinion: "两不愁三保障均已达标" });
  await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review());
  await sign(a.team, sheetId, "WORK_TEAM_VERIFY", { opinion: "入户核实属实" });
  await uploadSheetEvidence(a.village, { sheetId, kind: "CONSENT", file: scan() });
  await recordConsent(a.village, { sheetId, version: String(await version(sheetId)) });
  return { householdId: id, sheetId };
}

/** The notice was posted `days` ago: the waiting period is data, never a sleep or a clock switch. */
async function postedDaysAgo(sheetId: string, days: number) {
  await db.exitSheet.update({ where: { id: sheetId }, data: { noticePostedOn: new Date(`${daysAgo(days)}T00:00:00.000Z`) } });
}

async function stepStates(actor: Actor, sheetId: string) {
  return Object.fromEntries((await getExitSheet(actor, sheetId)).chain.steps.map((step) => [step.step, step.state]));
}

describe("household exit: the full chain", () => {
  it("five different signers plus the recorded consent and notice mark the household 已脱贫, auditing every step", async () => {
    const a = await actors();
    const { householdId, sheetId } = await sheetAtNotice(a);
    const sheet = await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } });
    expect(sheet).toMatchObject({ status: "IN_PROGRESS", round: 1, reviewPresent: 28, reviewResult: "同意退出（28票赞成）" });
    expect(sheet.verificationCode).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);

    await uploadSheetEvidence(a.team, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await startNotice(a.team, { sheetId, version: String(await version(sheetId)), postedOn: todayString() });
    await postedDaysAgo(sheetId, 8);
    await closeNotice(a.town, { sheetId, version: String(await version(sheetId)) });
    await sign(a.town, sheetId, "TOWNSHIP_REVIEW", { opinion: "审核通过" });
    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({ status: "REGISTERED", exitYear: null });
    await sign(a.county, sheetId, "COUNTY_APPROVAL", { opinion: "同意退出" });

    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({ status: "EXITED", exitYear: YEAR });
    const final = await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } });
    expect(final.status).toBe("APPROVED");
    const signatures = await db.exitSignature.findMany({ where: { sheetId }, orderBy: { signedAt: "asc" } });
    expect(signatures.map((row) => [row.step, row.userId])).toEqual([
      ["PROPOSE", a.helper.userId],
      ["DEMOCRATIC_REVIEW", a.village.userId],
      ["WORK_TEAM_VERIFY", a.team.userId],
      ["HOUSEHOLD_CONSENT", a.village.userId],
      ["PUBLIC_NOTICE", a.town.userId],
      ["TOWNSHIP_REVIEW", a.town.userId],
      ["COUNTY_APPROVAL", a.county.userId],
    ]);
    const signers = signatures.filter((row) => !["HOUSEHOLD_CONSENT", "PUBLIC_NOTICE"].includes(row.step)).map((row) => row.userId);
    expect(new Set(signers).size).toBe(5);
    expect(signatures[1].opinion).toContain("参会 28 人");

    const sheetAudit = await db.auditEvent.findMany({ where: { entityType: "ExitSheet", entityId: sheetId }, orderBy: { id: "asc" } });
    expect(sheetAudit.map((row) => [row.action, (row.after as { step?: string }).step ?? null, row.actorId])).toEqual([
      ["exit.open", "PROPOSE", a.helper.userId],
      ["exit.sign", "DEMOCRATIC_REVIEW", a.village.userId],
      ["exit.sign", "WORK_TEAM_VERIFY", a.team.userId],
      ["exit.recordConsent", "HOUSEHOLD_CONSENT", a.village.userId],
      ["exit.startNotice", null, a.team.userId],
      ["exit.closeNotice", "PUBLIC_NOTICE", a.town.userId],
      ["exit.sign", "TOWNSHIP_REVIEW", a.town.userId],
      ["exit.sign", "COUNTY_APPROVAL", a.county.userId],
    ]);
    const exitAudit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Household", entityId: householdId, action: "household.exit" } });
    expect(exitAudit.after).toEqual({ status: "EXITED", exitYear: YEAR });

    const view = await getExitSheet(a.inspector, sheetId);
    expect(view.chain.steps.every((step) => step.state === "DONE")).toBe(true);
    expect(view.signatures.every((row) => row.state === "VALID")).toBe(true);
    expect(view.chain.steps.find((step) => step.step === "COUNTY_APPROVAL")?.signature).toMatchObject({ name: "周建国", roleLabel: "县扶贫办" });
    expect(view.offered.sign).toBe(false);
    const history = await findHouseholdHistory(a.town, householdId);
    expect(history.map((entry) => entry.action)).toContain("脱贫销号");

    // Nothing moves an approved sheet any more.
    await expectRefusedUnchanged(sheetId, async () => sign(a.county, sheetId, "COUNTY_APPROVAL"), "RULE_VIOLATION", /已审定/);
    await expectRefusedUnchanged(
      sheetId,
      async () => rejectSheet(a.county, { sheetId, version: String(final.version), step: "COUNTY_APPROVAL", reason: "再看看" }),
      "RULE_VIOLATION",
    );
  });

  it("continues a sheet seeded through the backend with its first steps ten days ago and its notice posted eight days ago", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const environment = await contentEnvironment(db, [YEAR]);
    const facts = (await loadHouseholdExitData(db, [householdId])).get(householdId)!;
    const hash = contentFor(facts, YEAR, environment).hash;
    const at = (days: number, minutes: number) => new Date(Date.now() - days * 86_400_000 + minutes * 60_000);
    const household = await db.household.findUniqueOrThrow({ where: { id: householdId } });
    const sheet = await db.exitSheet.create({
      data: {
        countyCode: household.countyCode,
        townshipCode: household.townshipCode,
        villageCode: household.villageCode,
        householdId,
        assessmentYear: YEAR,
        verificationCode: `T${randomUUID()
          .replace(/[^2-9]/g, "")
          .slice(0, 7)
          .padEnd(7, "2")}`,
        createdAt: at(10, 0),
        noticePostedOn: new Date(`${daysAgo(8)}T00:00:00.000Z`),
      },
    });
    const steps: [string, Actor, number][] = [
      ["PROPOSE", a.helper, 0],
      ["DEMOCRATIC_REVIEW", a.village, 10],
      ["WORK_TEAM_VERIFY", a.team, 20],
      ["HOUSEHOLD_CONSENT", a.village, 30],
    ];
    for (const [step, who, minutes] of steps) {
      await db.exitSignature.create({
        data: {
          countyCode: household.countyCode,
          sheetId: sheet.id,
          round: 1,
          step,
          userId: who.userId,
          role: who.role,
          contentHash: hash,
          signedAt: at(10, minutes),
        },
      });
    }
    await uploadSheetEvidence(a.village, { sheetId: sheet.id, kind: "CONSENT", file: scan() });

    expect(await stepStates(a.town, sheet.id)).toMatchObject({ PROPOSE: "DONE", HOUSEHOLD_CONSENT: "DONE", PUBLIC_NOTICE: "PENDING" });
    const queue = await findExitQueue(a.town);
    const row = queue.pending.find((entry) => entry.id === sheet.id);
    expect(row).toMatchObject({ stepLabel: "村内公示", actionLabel: "结束公示", ageDays: 8 });
    await closeNotice(a.town, { sheetId: sheet.id, version: "1" });
    await sign(a.town, sheet.id, "TOWNSHIP_REVIEW");
    expect((await findExitQueue(a.county)).pending.find((entry) => entry.id === sheet.id)).toMatchObject({ stepLabel: "县扶贫办审定", ageDays: 0 });
    await sign(a.county, sheet.id, "COUNTY_APPROVAL");
    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({ status: "EXITED", exitYear: YEAR });
  });
});

describe("household exit: forbidden moves change nothing", () => {
  it("refuses wrong order, wrong role, another township and one person signing two steps", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const { id: sheetId } = await openExitSheet(a.village, { householdId, assessmentYear: YEAR });
    const v = () => version(sheetId).then(String);

    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(a.team, { sheetId, version: await v(), step: "WORK_TEAM_VERIFY" }),
      "RULE_VIOLATION",
      /当前应进行"村两委民主评议"/,
    );
    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(a.county, { sheetId, version: await v(), step: "COUNTY_APPROVAL" }),
      "RULE_VIOLATION",
      /当前应进行/,
    );
    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(a.town, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review() }),
      "FORBIDDEN",
      /须由村干部签署/,
    );
    await expectRefusedUnchanged(sheetId, async () => signStep(a.helper, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review() }), "FORBIDDEN");
    await expectRefusedUnchanged(sheetId, async () => signStep(a.town2, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review() }), "NOT_FOUND");
    await expectAppError(getExitSheet(a.town2, sheetId), "NOT_FOUND");
    await expectRefusedUnchanged(sheetId, async () => signStep(a.leader, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review() }), "FORBIDDEN");
    // The village cadre proposed: the same person may not also sign the review.
    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(a.village, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review() }),
      "RULE_VIOLATION",
      /同一人只能签署一个环节/,
    );
    // Review data is required, and a stale form is refused.
    const missing = await expectRefusedUnchanged(
      sheetId,
      async () => signStep(await anotherUser(a.village, "cun"), { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW" }),
      "VALIDATION",
    );
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(["reviewDate", "reviewPresent", "reviewResult"]);
    const second = await anotherUser(a.village, "cun");
    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(second, { sheetId, version: String((await version(sheetId)) + 1), step: "DEMOCRATIC_REVIEW", ...review() }),
      "STALE_VERSION",
    );
    await expectRefusedUnchanged(
      sheetId,
      async () => signStep(second, { sheetId, version: await v(), step: "DEMOCRATIC_REVIEW", ...review(), reviewDate: daysAgo(-1) }),
      "VALIDATION",
      /不能晚于今天/,
    );
    await sign(second, sheetId, "DEMOCRATIC_REVIEW", review());
    expect(await stepStates(a.village, sheetId)).toMatchObject({ PROPOSE: "DONE", DEMOCRATIC_REVIEW: "DONE", WORK_TEAM_VERIFY: "PENDING" });
  });

  it("refuses to propose a household whose house is grade D, saying which criterion failed, and accepts it after a completed 危房改造", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village, { household: { housingGrade: "D" } });
    const sheetsBefore = await db.exitSheet.count();
    const auditBefore = await db.auditEvent.count();
    const error = await expectAppError(openExitSheet(a.helper, { householdId, assessmentYear: YEAR }), "RULE_VIOLATION");
    expect(error.message).toContain("住房安全有保障未达标：住房安全等级为D级（整栋危房），且没有已完成的危房改造或易地扶贫搬迁");
    expect({ sheets: await db.exitSheet.count(), audit: await db.auditEvent.count() }).toEqual({ sheets: sheetsBefore, audit: auditBefore });
    const preview = await getExitPreview(a.helper, householdId, String(YEAR));
    expect(preview.criteria.find((criterion) => criterion.code === "HOUSING")).toMatchObject({ met: false });
    expect(preview.mayPropose).toBe(false);
    expect(preview.proposeBlocked).toContain("住房安全有保障未达标");

    const item = await db.measureItem.findFirstOrThrow({ where: { name: "危房改造" } });
    await db.measure.create({
      data: {
        countyCode: "522698",
        householdId,
        itemId: item.id,
        category: "HOUSING",
        addressedCauses: ["DISASTER"],
        startDate: new Date("2020-03-01"),
        endDate: new Date("2020-09-30"),
        fundingSource: "COUNTY",
        responsibleUnit: "县住建局",
        status: "COMPLETED",
        outcomeFen: 0,
        createdBy: a.village.userId,
      },
    });
    const { id } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    const view = await getExitSheet(a.helper, id);
    expect(view.criteria.find((criterion) => criterion.code === "HOUSING")?.reason).toBe("住房安全等级为D级（整栋危房），已完成危房改造");
  });

  it("re-checks the criteria at every step: a change that fails one invalidates the signatures and blocks signing again", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const { id: sheetId } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    const input = await householdInput();
    await updateHousehold(a.village, { householdId, version: 1, household: { ...input.household, housingGrade: "D" } });
    await expectRefusedUnchanged(sheetId, async () => sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review()), "RULE_VIOLATION", /当前应进行"帮扶责任人提出"/);
    const error = await expectRefusedUnchanged(sheetId, async () => sign(a.helper, sheetId, "PROPOSE"), "RULE_VIOLATION");
    expect(error.message).toContain("住房安全有保障未达标：住房安全等级为D级（整栋危房）");
    const view = await getExitSheet(a.helper, sheetId);
    expect(view.offered.sign).toBe(false);
    expect(view.offered.blocked).toContain("两不愁三保障尚未全部达标");
  });

  it("needs the consent scan, a photo and a valid date for the notice, the minimum days and no unresolved objection", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const { id: sheetId } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review());
    await sign(a.team, sheetId, "WORK_TEAM_VERIFY");
    const v = () => version(sheetId).then(String);

    await expectRefusedUnchanged(
      sheetId,
      async () => recordConsent(a.village, { sheetId, version: await v() }),
      "RULE_VIOLATION",
      /请先上传贫困户签字的认可书扫描件/,
    );
    await expectAppError(uploadSheetEvidence(a.town, { sheetId, kind: "CONSENT", file: scan() }), "FORBIDDEN");
    await expectAppError(uploadSheetEvidence(a.town2, { sheetId, kind: "CONSENT", file: scan() }), "NOT_FOUND");
    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: await v(), postedOn: todayString() }),
      "RULE_VIOLATION",
      /当前应进行"贫困户认可"/,
    );
    await uploadSheetEvidence(a.team, { sheetId, kind: "CONSENT", file: scan() });
    await recordConsent(a.team, { sheetId, version: await v() });

    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: await v(), postedOn: todayString() }),
      "RULE_VIOLATION",
      /请上传公示张贴照片/,
    );
    await uploadSheetEvidence(a.village, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: await v(), postedOn: daysAgo(-1) }),
      "VALIDATION",
      /不能晚于今天/,
    );
    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: await v(), postedOn: daysAgo(3) }),
      "VALIDATION",
      /不能早于"贫困户认可"的完成日期/,
    );
    await expectRefusedUnchanged(sheetId, async () => startNotice(a.town, { sheetId, version: await v(), postedOn: todayString() }), "FORBIDDEN");
    await startNotice(a.village, { sheetId, version: await v(), postedOn: todayString() });
    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: await v(), postedOn: todayString() }),
      "RULE_VIOLATION",
      /尚未结束，不能重复发布/,
    );

    await expectRefusedUnchanged(sheetId, async () => closeNotice(a.town, { sheetId, version: await v() }), "RULE_VIOLATION", /公示期不足7天/);
    await expectRefusedUnchanged(sheetId, async () => sign(a.town, sheetId, "TOWNSHIP_REVIEW"), "RULE_VIOLATION", /当前应进行"村内公示"/);
    await postedDaysAgo(sheetId, 6);
    await expectRefusedUnchanged(sheetId, async () => closeNotice(a.town, { sheetId, version: await v() }), "RULE_VIOLATION", /公示期不足7天/);
    await postedDaysAgo(sheetId, 7);

    const { id: objectionId } = await recordObjection(a.village, {
      sheetId,
      version: await v(),
      raisedOn: daysAgo(2),
      content: "该户家中仍有人长期患病，收入不稳定",
    });
    await expectAppError(recordObjection(a.helper, { sheetId, version: await v(), raisedOn: daysAgo(1), content: "x" }), "FORBIDDEN");
    await expectRefusedUnchanged(sheetId, async () => closeNotice(a.town, { sheetId, version: await v() }), "RULE_VIOLATION", /有1条异议尚未处理完毕/);
    await expectAppError(resolveObjection(a.town2, { objectionId, version: "1", resolution: "已核实" }), "NOT_FOUND");
    await resolveObjection(a.town, { objectionId, version: "1", resolution: "经入户核实，已纳入健康帮扶，收入稳定" });
    await expectAppError(resolveObjection(a.town, { objectionId, version: "2", resolution: "再处理" }), "RULE_VIOLATION");
    await closeNotice(a.town, { sheetId, version: await v() });
    expect(await stepStates(a.town, sheetId)).toMatchObject({ PUBLIC_NOTICE: "DONE", TOWNSHIP_REVIEW: "PENDING" });
    const view = await getExitSheet(a.town, sheetId);
    expect(view.objections).toEqual([
      expect.objectContaining({ content: "该户家中仍有人长期患病，收入不稳定", resolution: "经入户核实，已纳入健康帮扶，收入稳定", resolverName: "王立新" }),
    ]);
  });
});

describe("household exit: concurrency, rejection and invalidation", () => {
  it("two signers racing on the same step: exactly one succeeds", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const { id: sheetId } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    const other = await anotherUser(a.village, "cun");
    const current = String(await version(sheetId));
    const results = await Promise.allSettled([
      signStep(a.village, { sheetId, version: current, step: "DEMOCRATIC_REVIEW", ...review() }),
      signStep(other, { sheetId, version: current, step: "DEMOCRATIC_REVIEW", ...review() }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(["STALE_VERSION", "RULE_VIOLATION"]).toContain((failure.reason as { code: string }).code);
    expect(await db.exitSignature.count({ where: { sheetId, step: "DEMOCRATIC_REVIEW" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: sheetId, action: "exit.sign" } })).toBe(1);
    expect(await version(sheetId)).toBe(Number(current) + 1);

    // Two openings of the same household and year: one sheet.
    const fresh = await eligibleHousehold(a.village);
    const openings = await Promise.allSettled([
      openExitSheet(a.helper, { householdId: fresh, assessmentYear: YEAR }),
      openExitSheet(a.village, { householdId: fresh, assessmentYear: YEAR }),
    ]);
    expect(openings.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.exitSheet.count({ where: { householdId: fresh } })).toBe(1);
  });

  it("a rejection sends the sheet back to the proposer in a new round, keeping the old signatures as history", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village);
    const { id: sheetId } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review());
    await expectRefusedUnchanged(
      sheetId,
      async () => rejectSheet(a.team, { sheetId, version: String(await version(sheetId)), step: "WORK_TEAM_VERIFY", reason: " " }),
      "VALIDATION",
    );
    await expectRefusedUnchanged(
      sheetId,
      async () => rejectSheet(a.town, { sheetId, version: String(await version(sheetId)), step: "WORK_TEAM_VERIFY", reason: "不对" }),
      "FORBIDDEN",
    );
    await rejectSheet(a.team, { sheetId, version: String(await version(sheetId)), step: "WORK_TEAM_VERIFY", reason: "务工收入证明缺失，请补充后重新提出" });

    expect(await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({
      status: "REJECTED",
      round: 2,
      rejectedBy: a.team.userId,
      rejectedReason: "务工收入证明缺失，请补充后重新提出",
    });
    const queue = await findExitQueue(a.helper);
    expect(queue.rejected.find((row) => row.id === sheetId)).toMatchObject({ reason: "务工收入证明缺失，请补充后重新提出", rejectedBy: "李思远" });
    expect((await findExitQueue(a.village)).pending.some((row) => row.id === sheetId)).toBe(false);
    const view = await getExitSheet(a.helper, sheetId);
    expect(view.chain.nextStep).toBe("PROPOSE");
    expect(view.signatures.map((row) => row.state)).toEqual(["EARLIER_ROUND", "EARLIER_ROUND"]);
    expect(view.offered.sign).toBe(true);

    await expectRefusedUnchanged(sheetId, async () => sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review()), "RULE_VIOLATION", /当前应进行"帮扶责任人提出"/);
    await sign(a.helper, sheetId, "PROPOSE", { opinion: "已补充务工收入证明" });
    expect(await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({ status: "IN_PROGRESS", round: 2 });
    // In the new round the village cadre may sign again.
    await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review());
    expect((await findExitQueue(a.team)).pending.find((row) => row.id === sheetId)).toMatchObject({ stepLabel: "驻村工作队核实", actionLabel: "签署" });
  });

  it("editing a member after 乡镇审核 invalidates the signatures (已失效) and the chain resumes from the first invalid step", async () => {
    const a = await actors();
    const { householdId, sheetId } = await sheetAtNotice(a);
    await uploadSheetEvidence(a.village, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await startNotice(a.village, { sheetId, version: String(await version(sheetId)), postedOn: todayString() });
    await postedDaysAgo(sheetId, 7);
    await closeNotice(a.team, { sheetId, version: String(await version(sheetId)) });
    await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
    const printed = await getExitSheet(a.town, sheetId);
    expect((await verifyByCode(a.town, printed.sheet.verificationCode, printed.hash)).matches).toBe(true);
    expect((await verifyByCode(a.town, printed.sheet.verificationCode.toLowerCase(), printed.hashShort)).matches).toBe(true);
    await expectAppError(verifyByCode(a.town2, printed.sheet.verificationCode, printed.hash), "NOT_FOUND");

    const head = await db.member.findFirstOrThrow({ where: { householdId, relation: "HEAD" } });
    await updateMember(a.village, {
      memberId: head.id,
      version: head.version,
      ...memberFields({ name: "户主改名", idNumber: head.idNumber, relation: "HEAD" }),
    });

    const view = await getExitSheet(a.county, sheetId);
    expect(view.chain.steps.map((step) => step.state)).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "WAITING"]);
    expect(view.chain.nextStep).toBe("PROPOSE");
    expect(view.hash).not.toBe(printed.hash);
    expect((await verifyByCode(a.town, printed.sheet.verificationCode, printed.hash)).matches).toBe(false);
    await expectRefusedUnchanged(sheetId, async () => sign(a.county, sheetId, "COUNTY_APPROVAL"), "RULE_VIOLATION", /当前应进行"帮扶责任人提出"/);
    expect((await findExitQueue(a.helper)).pending.find((row) => row.id === sheetId)).toMatchObject({
      stepLabel: "帮扶责任人提出",
      note: expect.stringContaining("已失效"),
    });

    // The chain resumes: every step is signed again on the new content.
    await sign(a.helper, sheetId, "PROPOSE");
    expect(await stepStates(a.town, sheetId)).toMatchObject({ PROPOSE: "DONE", DEMOCRATIC_REVIEW: "INVALID", TOWNSHIP_REVIEW: "INVALID" });
    await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", review());
    await sign(a.team, sheetId, "WORK_TEAM_VERIFY");
    await recordConsent(a.village, { sheetId, version: String(await version(sheetId)) });
    await expectRefusedUnchanged(
      sheetId,
      async () => closeNotice(a.town, { sheetId, version: String(await version(sheetId)) }),
      "RULE_VIOLATION",
      /已失效，请重新发布公示/,
    );
    // A new posting needs a new photo: the one of the stale notice does not count.
    await expectRefusedUnchanged(
      sheetId,
      async () => startNotice(a.village, { sheetId, version: String(await version(sheetId)), postedOn: todayString() }),
      "RULE_VIOLATION",
      /请上传公示张贴照片/,
    );
    await uploadSheetEvidence(a.village, { sheetId, kind: "NOTICE_PHOTO", file: { name: "重新公示.png", bytes: PNG } });
    await startNotice(a.village, { sheetId, version: String(await version(sheetId)), postedOn: todayString() });
    await postedDaysAgo(sheetId, 9);
    await closeNotice(a.town, { sheetId, version: String(await version(sheetId)) });
    await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
    await sign(a.county, sheetId, "COUNTY_APPROVAL");
    const after = await getExitSheet(a.county, sheetId);
    expect(after.sheet.status).toBe("APPROVED");
    expect(after.signatures.filter((row) => row.state === "SUPERSEDED")).toHaveLength(6);
    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({ status: "EXITED" });
  });
});

describe("返贫 and the lists", () => {
  it("a township or county user marks an exited household as returned, with reason and new causes; the history shows both", async () => {
    const a = await actors();
    const { householdId, sheetId } = await sheetAtNotice(a);
    await uploadSheetEvidence(a.village, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await startNotice(a.village, { sheetId, version: String(await version(sheetId)), postedOn: todayString() });
    await postedDaysAgo(sheetId, 7);
    await closeNotice(a.town, { sheetId, version: String(await version(sheetId)) });
    await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
    await sign(a.county, sheetId, "COUNTY_APPROVAL");
    const exited = await db.household.findUniqueOrThrow({ where: { id: householdId } });

    const input = { householdId, version: String(exited.version), reason: "户主突发重病，医疗支出大", primaryCause: "ILLNESS", otherCauses: ["LACK_LABOUR"] };
    const before = await db.auditEvent.count({ where: { entityId: householdId } });
    await expectAppError(returnToPoverty(a.helper, input), "FORBIDDEN");
    await expectAppError(returnToPoverty(a.village, input), "FORBIDDEN");
    await expectAppError(returnToPoverty(a.town2, input), "NOT_FOUND");
    await expectAppError(returnToPoverty(a.town, { ...input, reason: "" }), "VALIDATION");
    await expectAppError(returnToPoverty(a.town, { ...input, version: String(exited.version - 1) }), "STALE_VERSION");
    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({ status: "EXITED", version: exited.version });
    expect(await db.auditEvent.count({ where: { entityId: householdId } })).toBe(before);

    await returnToPoverty(a.town, input);
    expect(await db.household.findUniqueOrThrow({ where: { id: householdId } })).toMatchObject({
      status: "RETURNED",
      exitYear: YEAR,
      returnedReason: "户主突发重病，医疗支出大",
      primaryCause: "ILLNESS",
      otherCauses: ["LACK_LABOUR"],
    });
    await expectAppError(returnToPoverty(a.county, { ...input, version: String(exited.version + 1) }), "RULE_VIOLATION");
    const history = await findHouseholdHistory(a.county, householdId);
    const actions = history.map((entry) => entry.action);
    expect(actions.indexOf("返贫")).toBeLessThan(actions.indexOf("脱贫销号"));
    const returned = history.find((entry) => entry.action === "返贫")!;
    expect(returned.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ before: "已脱贫", after: "返贫" }), expect.objectContaining({ after: "户主突发重病，医疗支出大" })]),
    );

    // A returned household can start again, for another year.
    const preview = await getExitPreview(a.helper, householdId, String(YEAR));
    expect(preview.proposeBlocked).toContain(`该户${YEAR}年度的退出核验表已存在`);
  });

  it("lists the sheets in scope only, searchable by head name and verification code", async () => {
    const a = await actors();
    const householdId = await eligibleHousehold(a.village, { head: { name: "列表测试户主" } });
    const { id, verificationCode } = await openExitSheet(a.helper, { householdId, assessmentYear: YEAR });
    const page = ZPageParams.parse({});
    const byName = await findExitSheets(a.town, ZExitSheetFilter.parse({ q: "列表测试" }), page);
    expect(byName.rows.map((row) => row.id)).toContain(id);
    expect(byName.rows.find((row) => row.id === id)).toMatchObject({ headName: "列表测试户主", currentStepLabel: "村两委民主评议", statusLabel: "办理中" });
    expect((await findExitSheets(a.county, ZExitSheetFilter.parse({ q: verificationCode.toLowerCase() }), page)).rows.map((row) => row.id)).toEqual([id]);
    expect((await findExitSheets(a.town2, ZExitSheetFilter.parse({ q: verificationCode }), page)).total).toBe(0);
    const villageQueue = await findExitQueue(a.village);
    expect(villageQueue.pending.find((row) => row.id === id)).toMatchObject({ stepLabel: "村两委民主评议", actionLabel: "签署", ageDays: 0 });
    expect((await findExitQueue(a.inspector)).pending).toEqual([]);
  });
});
