import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { createVillageExitSheet } from "@/lib/exits/village/create-village-exit-sheet";
import { findVillageExits } from "@/lib/exits/village/find-village-exits";
import { getVillageExitSheet } from "@/lib/exits/village/get-village-exit-sheet";
import { markVillageExited } from "@/lib/exits/village/mark-village-exited";
import { recordVillageNotice } from "@/lib/exits/village/record-village-notice";
import { rejectVillageSheet } from "@/lib/exits/village/reject-village-sheet";
import { saveVillagePopulation } from "@/lib/exits/village/save-village-population";
import { signVillageStep } from "@/lib/exits/village/sign-village-step";
import { updateVillageConditions } from "@/lib/exits/village/update-village-conditions";
import { uploadVillageEvidence } from "@/lib/exits/village/upload-village-evidence";
import { createHousehold } from "@/lib/households/create-household";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { householdInput } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const YEAR = 2020;
const TOWNSHIP = "522698100000"; // 石桥镇, the 包片 township of the demo leader
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7, 7, 7, 7]);

const CONDITIONS = {
  collectiveIncome: "120,000",
  hardenedRoad: "on",
  powerSupply: "on",
  safeWater: "on",
  clinicFourRooms: "on",
  qualifiedDoctor: "on",
  cultureVenue: "on",
  broadband: "on",
};

/** A village of 石桥镇 only this test uses, with one registered household of `people` 在户 members (the head). */
async function isolatedVillage(town: Actor) {
  let code = "";
  do code = `5226981004${String(Math.floor(Math.random() * 90) + 10)}`;
  while (await db.region.findUnique({ where: { code } }));
  await db.region.create({
    data: { code, name: `出列${code.slice(-2)}村`, level: "VILLAGE", parentCode: TOWNSHIP, countyCode: "522698", townshipCode: TOWNSHIP },
  });
  await db.user.create({
    data: { username: `bf${randomUUID().slice(0, 8)}`, displayName: "出列测试帮扶人", role: "HELPER", regionCode: code, passwordHash: "x" },
  });
  await createHousehold(town, await householdInput(code));
  return code;
}

async function anotherUser(role: string, regionCode: string): Promise<Actor> {
  const username = `u${randomUUID().slice(0, 8)}`;
  await db.user.create({ data: { username, displayName: `${role}测试`, role, regionCode, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4) } });
  return signInAs(username);
}

async function version(sheetId: string) {
  return String((await db.villageExitSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
}

async function state(sheetId: string) {
  const sheet = await db.villageExitSheet.findUniqueOrThrow({ where: { id: sheetId } });
  return {
    sheet: { status: sheet.status, version: sheet.version, round: sheet.round, exitedAt: sheet.exitedAt },
    signatures: await db.villageExitSignature.count({ where: { sheetId } }),
    audit: await db.auditEvent.count({ where: { entityId: sheetId } }),
  };
}

async function refusedUnchanged(sheetId: string, attempt: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await state(sheetId);
  const error = await expectAppError(attempt(), code);
  if (message) expect(error.message).toMatch(message);
  expect(await state(sheetId)).toEqual(before);
  return error;
}

describe("village exit (贫困村出列)", () => {
  it("the township enters the rural population; incidence is computed from the archive", async () => {
    const [town, town2, village, county] = await Promise.all(["town", "town2", "village", "county"].map((name) => signInAs(name)));
    const code = await isolatedVillage(town);
    await expectAppError(saveVillagePopulation(village, { villageCode: code, year: YEAR, ruralPopulation: "100" }), "FORBIDDEN");
    await expectAppError(saveVillagePopulation(county, { villageCode: code, year: YEAR, ruralPopulation: "100" }), "FORBIDDEN");
    await expectAppError(saveVillagePopulation(town2, { villageCode: code, year: YEAR, ruralPopulation: "100" }), "NOT_FOUND");
    const invalid = await expectAppError(saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "0" }), "VALIDATION");
    expect(invalid.fieldErrors?.ruralPopulation).toEqual(["农村户籍人口应大于 0"]);
    expect(await db.villagePopulation.count({ where: { villageCode: code } })).toBe(0);

    await saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "40", version: "0" });
    await expectAppError(saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "50", version: "0" }), "STALE_VERSION");
    await saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "50", version: "1" });
    expect(await db.auditEvent.count({ where: { entityType: "Village", entityId: code, action: "villagePopulation.save" } })).toBe(2);

    const list = await findVillageExits(county, String(YEAR));
    expect(list.rows.find((row) => row.villageCode === code)).toMatchObject({ remaining: 1, ruralPopulation: 50, incidence: "2.00%", belowThreshold: false });
    expect((await findVillageExits(town2, String(YEAR))).rows.some((row) => row.villageCode === code)).toBe(false);

    // Exactly 2% is not below 2%: the proposal is refused with the figures.
    const { id } = await createVillageExitSheet(town, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS });
    const error = await refusedUnchanged(id, () => signVillageStep(town, { sheetId: id, version: "1", step: "TOWNSHIP_PROPOSE" }), "RULE_VIOLATION");
    expect(error.message).toContain("贫困发生率恰好为2%（1人 ÷ 50人），须低于2%");
  });

  it("cannot be marked 已出列 without the signature of the township's 包片县级领导; with it, it can", async () => {
    const [town, town2, county, leader] = await Promise.all(["town", "town2", "county", "leader"].map((name) => signInAs(name)));
    const code = await isolatedVillage(town);
    await saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "100", version: "0" });
    await expectAppError(createVillageExitSheet(county, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS }), "FORBIDDEN");
    await expectAppError(createVillageExitSheet(town2, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS }), "NOT_FOUND");
    const { id } = await createVillageExitSheet(town, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS, broadband: "" });
    await expectAppError(createVillageExitSheet(town, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS }), "CONFLICT");

    const failing = await refusedUnchanged(
      id,
      async () => signVillageStep(town, { sheetId: id, version: await version(id), step: "TOWNSHIP_PROPOSE" }),
      "RULE_VIOLATION",
    );
    expect(failing.message).toContain("通宽带未达标：未通宽带");
    await updateVillageConditions(town, { sheetId: id, version: await version(id), ...CONDITIONS });
    await uploadVillageEvidence(town, { sheetId: id, condition: "ROAD", file: { name: "硬化路.png", bytes: PNG } });
    await signVillageStep(town, { sheetId: id, version: await version(id), step: "TOWNSHIP_PROPOSE", opinion: "各项条件均已达标" });

    await refusedUnchanged(
      id,
      async () => signVillageStep(county, { sheetId: id, version: await version(id), step: "COUNTY_APPROVAL" }),
      "RULE_VIOLATION",
      /当前应进行"乡镇内公示"/,
    );
    await refusedUnchanged(
      id,
      async () => recordVillageNotice(county, { sheetId: id, version: await version(id), postedOn: todayString(), endedOn: todayString() }),
      "FORBIDDEN",
    );
    await refusedUnchanged(
      id,
      async () => recordVillageNotice(town, { sheetId: id, version: await version(id), postedOn: todayString(), endedOn: "2099-01-01" }),
      "VALIDATION",
      /不能晚于今天/,
    );
    await recordVillageNotice(town, { sheetId: id, version: await version(id), postedOn: todayString(), endedOn: todayString(), opinion: "无异议" });
    expect((await getVillageExitSheet(town, id)).chain.steps.map((step) => step.state)).toEqual(["DONE", "DONE", "PENDING", "PENDING"]);

    await signVillageStep(county, { sheetId: id, version: await version(id), step: "COUNTY_APPROVAL", opinion: "同意出列" });
    const missing = await refusedUnchanged(id, async () => markVillageExited(county, { sheetId: id, version: await version(id) }), "RULE_VIOLATION");
    expect(missing.message).toBe("缺少包片县级领导签字，不能出列");
    await refusedUnchanged(id, async () => markVillageExited(town, { sheetId: id, version: await version(id) }), "FORBIDDEN");

    const otherLeader = await anotherUser("COUNTY_LEADER", "522698000000");
    await refusedUnchanged(
      id,
      async () => signVillageStep(otherLeader, { sheetId: id, version: await version(id), step: "LEADER_SIGN" }),
      "FORBIDDEN",
      /不是该乡镇的包片县级领导/,
    );
    await refusedUnchanged(id, async () => signVillageStep(county, { sheetId: id, version: await version(id), step: "LEADER_SIGN" }), "FORBIDDEN");
    const view = await getVillageExitSheet(leader, id);
    expect(view.offered.sign).toEqual(["LEADER_SIGN"]);
    expect(view.responsibleLeaders).toContain("刘振华");
    await signVillageStep(leader, { sheetId: id, version: await version(id), step: "LEADER_SIGN", opinion: "同意" });

    await markVillageExited(county, { sheetId: id, version: await version(id) });
    const sheet = await db.villageExitSheet.findUniqueOrThrow({ where: { id } });
    expect(sheet.status).toBe("APPROVED");
    expect(sheet.exitedAt).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { entityType: "VillageExitSheet", entityId: id }, orderBy: { id: "asc" } })).map(
      (row) => row.action,
    );
    expect(actions).toEqual([
      "villageExit.create",
      "villageExit.update",
      "villageExit.uploadEvidence",
      "villageExit.sign",
      "villageExit.recordNotice",
      "villageExit.sign",
      "villageExit.sign",
      "villageExit.markExited",
    ]);
    const signed = await db.villageExitSignature.findMany({ where: { sheetId: id }, orderBy: { signedAt: "asc" } });
    expect(signed.map((row) => [row.step, row.userId])).toEqual([
      ["TOWNSHIP_PROPOSE", town.userId],
      ["TOWNSHIP_NOTICE", town.userId],
      ["COUNTY_APPROVAL", county.userId],
      ["LEADER_SIGN", leader.userId],
    ]);
    expect((await findVillageExits(leader, String(YEAR))).rows.find((row) => row.villageCode === code)?.sheet?.statusLabel).toBe("已出列");
  });

  it("a change of the village's content invalidates the leader's signature; a rejection starts a new round", async () => {
    const [town, county, leader] = await Promise.all(["town", "county", "leader"].map((name) => signInAs(name)));
    const code = await isolatedVillage(town);
    await saveVillagePopulation(town, { villageCode: code, year: YEAR, ruralPopulation: "200", version: "0" });
    const { id } = await createVillageExitSheet(town, { villageCode: code, assessmentYear: YEAR, ...CONDITIONS });
    await signVillageStep(town, { sheetId: id, version: await version(id), step: "TOWNSHIP_PROPOSE" });
    const early = await refusedUnchanged(
      id,
      async () => recordVillageNotice(town, { sheetId: id, version: await version(id), postedOn: "2020-01-01", endedOn: todayString() }),
      "VALIDATION",
    );
    expect(early.message).toContain("公示开始日期不能早于乡镇提出的日期");
    await recordVillageNotice(town, { sheetId: id, version: await version(id), postedOn: todayString(), endedOn: todayString() });
    await signVillageStep(leader, { sheetId: id, version: await version(id), step: "LEADER_SIGN" });
    await signVillageStep(county, { sheetId: id, version: await version(id), step: "COUNTY_APPROVAL" });

    // One more poor household in the village: the incidence and so the content change.
    await createHousehold(town, await householdInput(code));
    const view = await getVillageExitSheet(county, id);
    expect(view.chain.steps.map((step) => step.state)).toEqual(["INVALID", "INVALID", "INVALID", "INVALID"]);
    expect(view.remaining).toBe(2);
    const refused = await refusedUnchanged(id, async () => markVillageExited(county, { sheetId: id, version: await version(id) }), "RULE_VIOLATION");
    expect(refused.message).toContain("包片县级领导签字已失效");

    // The chain resumes from the proposal; the leader may send it back with a reason.
    await signVillageStep(town, { sheetId: id, version: await version(id), step: "TOWNSHIP_PROPOSE" });
    await refusedUnchanged(
      id,
      async () => rejectVillageSheet(leader, { sheetId: id, version: await version(id), step: "TOWNSHIP_NOTICE", reason: "x" }),
      "FORBIDDEN",
    );
    await recordVillageNotice(town, { sheetId: id, version: await version(id), postedOn: todayString(), endedOn: todayString() });
    await refusedUnchanged(
      id,
      async () => rejectVillageSheet(leader, { sheetId: id, version: await version(id), step: "LEADER_SIGN", reason: " " }),
      "VALIDATION",
    );
    await rejectVillageSheet(leader, { sheetId: id, version: await version(id), step: "LEADER_SIGN", reason: "人口数据需要复核" });
    const rejected = await db.villageExitSheet.findUniqueOrThrow({ where: { id } });
    expect(rejected).toMatchObject({ status: "REJECTED", round: 2, rejectedReason: "人口数据需要复核", noticePostedOn: null });
    const after = await getVillageExitSheet(town, id);
    expect(after.signatures.every((row) => row.state === "EARLIER_ROUND")).toBe(true);
    expect(after.offered.sign).toEqual(["TOWNSHIP_PROPOSE"]);
  });
});
