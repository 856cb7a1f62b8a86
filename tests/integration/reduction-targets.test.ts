// 年度减贫任务: the county office sets each township's (and optionally village's) exit target per year.
// The database is shared with the other test files: every test uses a year of its own (2061–2079),
// which no other file touches, and asserts only about its own rows.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import {
  clearReductionTarget,
  findTargetCounts,
  findTargets,
  getTargetBoard,
  listTargetYears,
  saveReductionTarget,
  targetHistory,
} from "@/lib/dashboard/targets";
import { STALE_VERSION_MESSAGE } from "@/lib/errors";
import { expectAppError, signInAs } from "./helpers";

const COUNTY6 = "522698";
const TOWNSHIP = "522698100000"; // 石桥镇
const VILLAGE_A = "522698100201"; // 杨柳村
const VILLAGE_B = "522698100202"; // 新寨村
const VILLAGE_C = "522698100203"; // 马场村
const SECOND_TOWNSHIP = "522698101000"; // 龙泉镇
const SECOND_TOWNSHIP_VILLAGE = "522698101201"; // 大坪村
const OTHER_COUNTY_TOWNSHIP = "522699100000"; // a township of another county

let county: Actor;

const entityId = (regionCode: string, year: number) => `${regionCode}:${year}`;
const targetRow = (regionCode: string, year: number) => db.reductionTarget.findUnique({ where: { regionCode_year: { regionCode, year } } });
const auditRows = (regionCode: string, year: number) =>
  db.auditEvent.findMany({ where: { entityType: "ReductionTarget", entityId: entityId(regionCode, year) }, orderBy: { id: "asc" } });
const yearRows = (year: number) => db.reductionTarget.findMany({ where: { year } });
const yearAudits = (year: number) => db.auditEvent.count({ where: { entityType: "ReductionTarget", entityId: { endsWith: `:${year}` } } });

beforeAll(async () => {
  county = await signInAs("county");
  await db.region.upsert({
    where: { code: "522699000000" },
    update: {},
    create: { code: "522699000000", name: "邻县", level: "COUNTY", countyCode: "522699" },
  });
  await db.region.upsert({
    where: { code: OTHER_COUNTY_TOWNSHIP },
    update: {},
    create: {
      code: OTHER_COUNTY_TOWNSHIP,
      name: "邻县某镇",
      level: "TOWNSHIP",
      parentCode: "522699000000",
      countyCode: "522699",
      townshipCode: OTHER_COUNTY_TOWNSHIP,
    },
  });
});

describe("saveReductionTarget", () => {
  it("creates a township's target, then updates it with the version shown; each save is audited with before/after", async () => {
    const year = 2061;
    expect(await saveReductionTarget(county, { regionCode: TOWNSHIP, year: String(year), households: "120", people: "410", version: "0" })).toEqual({
      regionCode: TOWNSHIP,
      year,
      version: 1,
    });
    const created = await targetRow(TOWNSHIP, year);
    expect(created).toMatchObject({ countyCode: COUNTY6, households: 120, people: 410, version: 1, updatedBy: county.userId });

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: " 130 ", people: "450", version: "1" })).toMatchObject({ version: 2 });
    const updated = await targetRow(TOWNSHIP, year);
    expect(updated).toMatchObject({ households: 130, people: 450, version: 2, updatedBy: county.userId });
    expect(updated!.updatedAt.getTime()).toBeGreaterThan(created!.updatedAt.getTime());

    const audits = await auditRows(TOWNSHIP, year);
    expect(audits.map((row) => row.action)).toEqual(["target.save", "target.save"]);
    expect(audits.map((row) => [row.before, row.after])).toEqual([
      [null, { regionCode: TOWNSHIP, year, households: 120, people: 410 }],
      [
        { regionCode: TOWNSHIP, year, households: 120, people: 410 },
        { regionCode: TOWNSHIP, year, households: 130, people: 450 },
      ],
    ]);
    expect(audits.every((row) => row.actorId === county.userId && row.countyCode === COUNTY6)).toBe(true);
  });

  it.each([
    ["negative households", { households: "-1", people: "3" }, "households", "脱贫户数不能为负数"],
    ["a fraction", { households: "2.5", people: "8" }, "households", "脱贫户数应为整数（户）"],
    ["not a number", { households: "十", people: "8" }, "households", "脱贫户数应为整数（户）"],
    ["an exponent", { households: "1e3", people: "5000" }, "households", "脱贫户数应为整数（户）"],
    ["blank people", { households: "3", people: "" }, "people", "请填写脱贫人数"],
    ["too many households", { households: "100001", people: "200000" }, "households", "脱贫户数不能超过 100,000 户"],
    ["too many people", { households: "10", people: "1000001" }, "people", "脱贫人数不能超过 1,000,000 人"],
    ["fewer people than households", { households: "10", people: "9" }, "people", "脱贫人数不能少于脱贫户数（每户至少 1 人）"],
    ["a year before 2010", { year: "2009" }, "year", "年度不早于 2010 年"],
    ["a year after 2100", { year: "2101" }, "year", "年度不晚于 2100 年"],
    ["a region code that is not 12 digits", { regionCode: "52269810" }, "regionCode", "请选择乡镇或村"],
  ])("refuses %s with a Chinese message and writes nothing", async (_case, change, field, message) => {
    const year = 2062;
    const input = { regionCode: TOWNSHIP, year: String(year), households: "5", people: "20", version: "0", ...change };
    const error = await expectAppError(saveReductionTarget(county, input), "VALIDATION");
    expect(error.fieldErrors?.[field]).toEqual([message]);
    expect(error.message).toBe(`输入有误：${message}`);
    expect(await yearRows(year)).toEqual([]);
    expect(await yearRows(Number(input.year))).toEqual([]);
    expect(await yearAudits(year)).toBe(0);
  });

  it("answers a region of another county, a missing code and the county itself exactly alike, and writes nothing", async () => {
    const year = 2063;
    const messages = [];
    for (const regionCode of [OTHER_COUNTY_TOWNSHIP, "522698199000", "522698000000"]) {
      const error = await expectAppError(saveReductionTarget(county, { regionCode, year, households: "1", people: "1", version: "0" }), "NOT_FOUND");
      messages.push(error.message);
    }
    expect(new Set(messages)).toEqual(new Set(["乡镇或村不存在或不在您的管辖范围内"]));
    expect(await db.reductionTarget.count({ where: { year } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: "ReductionTarget", entityId: { endsWith: `:${year}` } } })).toBe(0);
  });

  it("refuses every role but the county office, before reading the input", async () => {
    const year = 2064;
    for (const username of ["town", "leader", "inspector", "village", "admin"]) {
      const actor = await signInAs(username);
      await expectAppError(saveReductionTarget(actor, { regionCode: TOWNSHIP, year, households: "1", people: "1", version: "0" }), "FORBIDDEN");
      await expectAppError(saveReductionTarget(actor, { regionCode: "bad" }), "FORBIDDEN");
    }
    expect(await yearRows(year)).toEqual([]);
    expect(await yearAudits(year)).toBe(0);
  });

  it("refuses a second save on the same version (new or edited): the first is kept", async () => {
    const year = 2065;
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "50", people: "150", version: "0" });
    const again = await expectAppError(
      saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "60", people: "180", version: "0" }),
      "STALE_VERSION",
    );
    expect(again.message).toBe(STALE_VERSION_MESSAGE);

    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "55", people: "160", version: "1" });
    await expectAppError(saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "70", people: "200", version: "1" }), "STALE_VERSION");
    // A version from the future is as stale as one from the past.
    await expectAppError(saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "70", people: "200", version: "9" }), "STALE_VERSION");
    // An edit of a target that does not exist (someone cleared it) is stale too.
    await expectAppError(saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "1", people: "2", version: "1" }), "STALE_VERSION");

    expect(await targetRow(TOWNSHIP, year)).toMatchObject({ households: 55, people: 160, version: 2 });
    expect(await targetRow(VILLAGE_A, year)).toBeNull();
    expect((await auditRows(TOWNSHIP, year)).length).toBe(2);
  });

  it("lets exactly one of two simultaneous first saves win", async () => {
    const year = 2066;
    const results = await Promise.allSettled(
      [
        ["40", "120"],
        ["41", "130"],
      ].map(([households, people]) => saveReductionTarget(county, { regionCode: TOWNSHIP, year, households, people, version: "0" })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "STALE_VERSION" });
    expect(await yearRows(year)).toHaveLength(1);
    expect((await auditRows(TOWNSHIP, year)).length).toBe(1);
  });
});

describe("village targets within the township's", () => {
  it("refuse villages adding up to more than the township's target, naming the township and the figures", async () => {
    const year = 2067;
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "10", people: "30", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "6", people: "18", version: "0" });

    const tooManyHouseholds = await expectAppError(
      saveReductionTarget(county, { regionCode: VILLAGE_B, year, households: "5", people: "10", version: "0" }),
      "RULE_VIOLATION",
    );
    expect(tooManyHouseholds.message).toBe(
      "石桥镇2067年度的减贫任务为 10 户 30 人，所辖各村的任务合计将为 11 户 28 人，超出乡镇任务：请先调高乡镇的任务，或调低其他村的任务",
    );
    const tooManyPeople = await expectAppError(
      saveReductionTarget(county, { regionCode: VILLAGE_B, year, households: "4", people: "13", version: "0" }),
      "RULE_VIOLATION",
    );
    expect(tooManyPeople.message).toContain("合计将为 10 户 31 人");
    expect(await targetRow(VILLAGE_B, year)).toBeNull();

    // Exactly the township's figures is allowed; a village's own earlier figures do not count twice.
    await saveReductionTarget(county, { regionCode: VILLAGE_B, year, households: "4", people: "12", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "5", people: "18", version: "1" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "6", people: "18", version: "2" });

    // Nor may the township's target go below what its villages already add up to (10 户 30 人).
    const lower = await expectAppError(
      saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "9", people: "40", version: "1" }),
      "RULE_VIOLATION",
    );
    expect(lower.message).toBe("石桥镇所辖各村2067年度的减贫任务合计已有 10 户 30 人，乡镇的任务不能少于这个合计：请先调低各村的任务");
    expect(await targetRow(TOWNSHIP, year)).toMatchObject({ households: 10, people: 30, version: 1 });
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "10", people: "35", version: "1" });

    // Another township's villages and another year do not count.
    await saveReductionTarget(county, { regionCode: SECOND_TOWNSHIP_VILLAGE, year, households: "50", people: "200", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_C, year: year + 1, households: "50", people: "200", version: "0" });
    expect((await yearRows(year)).length).toBe(4);
  });

  it("are free while the township has no target of its own", async () => {
    const year = 2069;
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "500", people: "2000", version: "0" });
    expect(await targetRow(VILLAGE_A, year)).toMatchObject({ households: 500, people: 2000 });
    // …but the township's target, once set, must cover them.
    const error = await expectAppError(
      saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "100", people: "2000", version: "0" }),
      "RULE_VIOLATION",
    );
    expect(error.message).toContain("合计已有 500 户 2000 人");
  });

  it("hold when two villages are saved at the same moment", async () => {
    const year = 2070;
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "10", people: "40", version: "0" });
    const results = await Promise.allSettled(
      [VILLAGE_A, VILLAGE_B].map((regionCode) => saveReductionTarget(county, { regionCode, year, households: "6", people: "20", version: "0" })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "RULE_VIOLATION" });
    const villages = (await yearRows(year)).filter((row) => row.regionCode !== TOWNSHIP);
    expect(villages).toHaveLength(1);
  });
});

describe("clearReductionTarget", () => {
  it("deletes a target on its current version, audited with what it was; a stale version changes nothing", async () => {
    const year = 2071;
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "3", people: "9", version: "0" });
    await expectAppError(clearReductionTarget(county, { regionCode: VILLAGE_A, year, version: "2" }), "STALE_VERSION");
    expect(await targetRow(VILLAGE_A, year)).not.toBeNull();
    await expectAppError(clearReductionTarget(await signInAs("town"), { regionCode: VILLAGE_A, year, version: "1" }), "FORBIDDEN");
    await expectAppError(clearReductionTarget(county, { regionCode: OTHER_COUNTY_TOWNSHIP, year, version: "1" }), "NOT_FOUND");

    expect(await clearReductionTarget(county, { regionCode: VILLAGE_A, year, version: "1" })).toEqual({ regionCode: VILLAGE_A, year });
    expect(await targetRow(VILLAGE_A, year)).toBeNull();
    const audits = await auditRows(VILLAGE_A, year);
    expect(audits.map((row) => [row.action, row.before, row.after])).toEqual([
      ["target.save", null, { regionCode: VILLAGE_A, year, households: 3, people: 9 }],
      ["target.clear", { regionCode: VILLAGE_A, year, households: 3, people: 9 }, null],
    ]);
    // Cleared twice: the second finds nothing to clear.
    await expectAppError(clearReductionTarget(county, { regionCode: VILLAGE_A, year, version: "1" }), "STALE_VERSION");
    // And it can be set again from scratch.
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "4", people: "9", version: "0" });
  });
});

describe("queries", () => {
  it("findTargets returns the county's targets of a year by region code, with who changed them last", async () => {
    const year = 2072;
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "20", people: "70", version: "0" });
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "21", people: "70", version: "1" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "7", people: "25", version: "0" });
    await saveReductionTarget(county, { regionCode: SECOND_TOWNSHIP, year: year + 1, households: "9", people: "30", version: "0" });
    await db.reductionTarget.create({
      data: { regionCode: OTHER_COUNTY_TOWNSHIP, year, countyCode: "522699", households: 1, people: 1, updatedBy: county.userId },
    });

    const targets = await findTargets(db, COUNTY6, year);
    expect([...targets.keys()].sort()).toEqual([TOWNSHIP, VILLAGE_A]);
    expect(targets.get(TOWNSHIP)).toEqual({ households: 21, people: 70, version: 2, updatedAt: expect.any(Date), updatedByName: "周建国" });
    expect(targets.get(VILLAGE_A)).toMatchObject({ households: 7, people: 25, version: 1, updatedByName: "周建国" });
    // Inside a transaction as well.
    expect((await db.$transaction((tx) => findTargets(tx, COUNTY6, year))).get(VILLAGE_A)?.households).toBe(7);
    expect((await findTargets(db, COUNTY6, 2099)).size).toBe(0);
    // The dashboard's read: the same targets, figures only.
    expect(await findTargetCounts(db, COUNTY6, year)).toEqual(
      new Map([
        [TOWNSHIP, { households: 21, people: 70 }],
        [VILLAGE_A, { households: 7, people: 25 }],
      ]),
    );

    const years = await listTargetYears(COUNTY6);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years).toEqual(expect.arrayContaining([year, year + 1]));
    expect(await listTargetYears("522699")).toEqual(expect.arrayContaining([year]));
    expect((await listTargetYears("522699")).includes(year + 1)).toBe(false);
  });

  it("targetHistory tells who changed a region's target when, old → new, within the reader's scope", async () => {
    const year = 2074;
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "3", people: "10", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "4", people: "10", version: "1" });
    await saveReductionTarget(county, { regionCode: VILLAGE_B, year, households: "1", people: "1", version: "0" });

    const history = await targetHistory(county, VILLAGE_A, year);
    expect(history.map((entry) => [entry.action, entry.subject, entry.actorName, entry.changes])).toEqual([
      ["设定年度减贫任务", "杨柳村 2074年度", "周建国", [{ field: "脱贫户数", before: "3", after: "4" }]],
      [
        "设定年度减贫任务",
        "杨柳村 2074年度",
        "周建国",
        [
          { field: "脱贫户数", before: "", after: "3" },
          { field: "脱贫人数", before: "", after: "10" },
        ],
      ],
    ]);
    expect(history[0].occurredAt).toBeInstanceOf(Date);
    expect(history[0].actorRole).toBe("县扶贫办");

    // The township cadre of the village reads it; the other township's cadre is answered as if it did not exist.
    expect(await targetHistory(await signInAs("town"), VILLAGE_A, year)).toHaveLength(2);
    await expectAppError(targetHistory(await signInAs("town2"), VILLAGE_A, year), "NOT_FOUND");
    await expectAppError(targetHistory(county, OTHER_COUNTY_TOWNSHIP, year), "NOT_FOUND");
    await expectAppError(targetHistory(await signInAs("helper"), VILLAGE_A, year), "FORBIDDEN");
  });

  it("getTargetBoard lists the townships (with their villages) the reader covers, their targets and the county total", async () => {
    const year = 2075;
    await saveReductionTarget(county, { regionCode: TOWNSHIP, year, households: "30", people: "100", version: "0" });
    await saveReductionTarget(county, { regionCode: SECOND_TOWNSHIP, year, households: "12", people: "40", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_A, year, households: "8", people: "20", version: "0" });
    await saveReductionTarget(county, { regionCode: VILLAGE_B, year, households: "2", people: "5", version: "0" });

    const board = await getTargetBoard(county, String(year));
    expect(board.year).toBe(year);
    expect(board.countyTotal).toEqual({ households: 42, people: 140, townshipsSet: 2, townships: board.townships.length });
    expect(board.townships.length).toBeGreaterThanOrEqual(4);
    const first = board.townships.find((township) => township.code === TOWNSHIP)!;
    expect(first).toMatchObject({ name: "石桥镇", target: { households: 30, people: 100, version: 1, updatedByName: "周建国" } });
    expect(first.villageTotal).toEqual({ households: 10, people: 25, villagesSet: 2 });
    expect(first.villages.map((village) => village.code)).toEqual(expect.arrayContaining([VILLAGE_A, VILLAGE_B, VILLAGE_C]));
    expect(first.villages.find((village) => village.code === VILLAGE_C)?.target).toBeNull();
    expect(board.years).toEqual(expect.arrayContaining([year]));

    // A township cadre sees only their own township; an empty year is empty.
    const own = await getTargetBoard(await signInAs("town2"), String(year));
    expect(own.townships.map((township) => township.code)).toEqual([SECOND_TOWNSHIP]);
    expect(own.countyTotal).toBeNull();
    const village = await getTargetBoard(await signInAs("village"), String(year));
    expect(village.townships).toEqual([]);
    expect(village.villagesOnly).toEqual([{ code: VILLAGE_A, name: "杨柳村", target: expect.objectContaining({ households: 8, people: 20 }) }]);
    const empty = await getTargetBoard(county, "2098");
    expect(empty.countyTotal).toMatchObject({ households: 0, people: 0, townshipsSet: 0 });
    expect(empty.hasTargets).toBe(false);
    // A year outside the range falls back to the current year.
    expect((await getTargetBoard(county, "1999")).year).toBe(
      Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date())),
    );
    await expectAppError(getTargetBoard(await signInAs("helper"), String(year)), "FORBIDDEN");
  });
});
