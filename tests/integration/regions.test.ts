import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createHousehold } from "@/lib/households/create-household";
import { findHouseholds } from "@/lib/households/find-households";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { createRegion, mergeVillages, moveRegion, renameRegion, retireRegion } from "@/lib/regions/commands";
import { createFirstAdmin } from "@/lib/regions/first-admin";
import { findRegionTree, listRegionsInScope } from "@/lib/regions/queries";
import { createUser } from "@/lib/users/commands";
import type { Actor } from "@/lib/auth/actor";
import { createOwnCounty, householdInput } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

// The tests build their trees in counties of their own, so the demo county's villages (which other suites expect to each
// have a 帮扶责任人) stay as they are. One database per run; townships numbered from a per-file random start.
let townshipNumber = 300 + Math.floor(Math.random() * 500);
const nextTownshipCode = (county6: string) => `${county6}${String(++townshipNumber).padStart(3, "0")}000`;

/** A county with its 系统管理员, as npm run admin:create leaves it (that path refuses a database with accounts), and a 县扶贫办 account. */
async function newCounty(prefix: string) {
  const countyCode = `${await createOwnCounty(prefix, uniqueName("新县"))}000000`;
  const adminName = uniqueName("newadmin");
  await db.user.create({
    data: { username: adminName, displayName: "新县管理员", role: "ADMIN", regionCode: countyCode, passwordHash: await hashPassword("NewCounty-2026") },
  });
  const admin = await signInAs(adminName, "NewCounty-2026");
  const officeName = uniqueName("office");
  await createUser(admin, { username: officeName, displayName: "扶贫办", password: "Office-2026-x", role: "COUNTY_OFFICE", regionCode: countyCode });
  return { countyCode, admin, office: await signInAs(officeName, "Office-2026-x") };
}
let shared: Awaited<ReturnType<typeof newCounty>>;
beforeAll(async () => {
  shared = await newCounty("4526");
});

async function newTownship(admin: Actor, county = shared.countyCode) {
  const code = nextTownshipCode(county.slice(0, 6));
  await createRegion(admin, { level: "TOWNSHIP", code, name: uniqueName("镇"), parentCode: county });
  return code;
}

async function newVillage(admin: Actor, townshipCode: string, suffix: string) {
  const code = `${townshipCode.slice(0, 9)}${suffix}`;
  await createRegion(admin, { level: "VILLAGE", code, name: uniqueName("村"), parentCode: townshipCode });
  return code;
}

async function helperIn(admin: Actor, villageCode: string) {
  return createUser(admin, { username: uniqueName("hp"), displayName: "帮扶人", password: "Helper-2026-x", role: "HELPER", regionCode: villageCode });
}

const region = (code: string) => db.region.findUniqueOrThrow({ where: { code } });

describe("county setup commands (系统管理员)", () => {
  it("creates a township and a village under it, each audited, in the tree", async () => {
    const admin = shared.admin;
    const township = await newTownship(admin);
    const village = await newVillage(admin, township, "201");
    expect(await region(village)).toMatchObject({
      level: "VILLAGE",
      parentCode: township,
      townshipCode: township,
      countyCode: admin.countyCode,
      version: 1,
      sortOrder: 0,
    });
    expect(await region(township)).toMatchObject({ level: "TOWNSHIP", parentCode: shared.countyCode, townshipCode: township });
    const audit = await db.auditEvent.findMany({ where: { entityType: "Region", entityId: { in: [township, village] } }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.entityId, (row.after as { level: string }).level, row.actorId])).toEqual([
      ["region.create", township, "TOWNSHIP", admin.userId],
      ["region.create", village, "VILLAGE", admin.userId],
    ]);
    const tree = await findRegionTree(admin);
    expect(tree.townships.find((row) => row.code === township)?.villages.map((row) => row.code)).toEqual([village]);
    expect((await findRegionTree(admin, village.slice(0, 9))).townships.map((row) => row.code)).toEqual([township]);
  });

  it("refuses bad codes with a Chinese message beside the field, and writes nothing", async () => {
    const admin = shared.admin;
    const township = await newTownship(admin);
    const otherTownship = await newTownship(admin);
    const existing = await newVillage(admin, otherTownship, "201");
    const existingName = (await region(existing)).name;
    const before = await db.auditEvent.count();
    const wrongPrefix = await expectAppError(
      createRegion(admin, { level: "VILLAGE", code: `${admin.countyCode}999201`, name: "错村", parentCode: township }),
      "VALIDATION",
    );
    expect(wrongPrefix.fieldErrors).toEqual({ code: [`村代码的前 9 位应与所属乡镇一致（${township.slice(0, 9)}）`] });
    const wrongLevel = await expectAppError(createRegion(admin, { level: "VILLAGE", code: township, name: "错村", parentCode: township }), "VALIDATION");
    expect(wrongLevel.message).toBe("该代码是乡镇级代码，不是村级代码");
    const notDigits = await expectAppError(createRegion(admin, { level: "VILLAGE", code: "52269810020x", name: "错村", parentCode: township }), "VALIDATION");
    expect(notDigits.fieldErrors?.code).toEqual(["区划代码应为 12 位数字"]);
    const taken = await expectAppError(createRegion(admin, { level: "VILLAGE", code: existing, name: "重码村", parentCode: otherTownship }), "CONFLICT");
    expect(taken.message).toBe(`区划代码 ${existing} 已被“${existingName}”使用`);
    const outside = await expectAppError(
      createRegion(admin, { level: "TOWNSHIP", code: "522698901000", name: "外县镇", parentCode: "522698000000" }),
      "NOT_FOUND",
    );
    expect(outside.message).toBe("上级区划不存在或不在您的管辖范围内");
    expect(await db.region.count({ where: { parentCode: township } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("is the 系统管理员's alone", async () => {
    const admin = shared.admin;
    const township = await newTownship(admin);
    for (const username of ["county", "town", "village", "inspector"]) {
      await expectAppError(
        createRegion(await signInAs(username), { level: "VILLAGE", code: `${township.slice(0, 9)}201`, name: "越权村", parentCode: township }),
        "FORBIDDEN",
      );
      await expectAppError(renameRegion(await signInAs(username), { code: township, name: "越权改名", version: 1 }), "FORBIDDEN");
    }
    expect(await db.region.count({ where: { parentCode: township } })).toBe(0);
    expect((await region(township)).version).toBe(1);
  });

  it("renames with a version check: a stale version changes nothing", async () => {
    const admin = shared.admin;
    const township = await newTownship(admin);
    const village = await newVillage(admin, township, "201");
    await renameRegion(admin, { code: village, name: "新名村", version: 1 });
    expect(await region(village)).toMatchObject({ name: "新名村", version: 2 });
    const stale = await expectAppError(renameRegion(admin, { code: village, name: "旧页面改名", version: 1 }), "STALE_VERSION");
    expect(stale.message).toBe("该记录已被他人修改，请刷新后重试");
    expect(await region(village)).toMatchObject({ name: "新名村", version: 2 });
    const audit = await db.auditEvent.findMany({ where: { entityId: village, action: "region.rename" } });
    expect(audit.map((row) => [row.before, row.after])).toEqual([[{ name: expect.stringMatching(/^村/) }, { name: "新名村" }]]);
    await newVillage(admin, township, "202");
    const [, second] = await db.region.findMany({ where: { parentCode: township }, orderBy: { code: "asc" } });
    await expectAppError(renameRegion(admin, { code: second.code, name: "新名村", version: 1 }), "CONFLICT");
  });

  it("reorders by swapping with the neighbour, both audited; not past the ends", async () => {
    const admin = shared.admin;
    const township = await newTownship(admin);
    const [a, b, c] = [await newVillage(admin, township, "201"), await newVillage(admin, township, "202"), await newVillage(admin, township, "203")];
    await moveRegion(admin, { code: c, direction: "up", version: 1 });
    const order = async () => (await db.region.findMany({ where: { parentCode: township }, orderBy: { sortOrder: "asc" } })).map((row) => row.code);
    expect(await order()).toEqual([a, c, b]);
    expect(await db.auditEvent.count({ where: { action: "region.reorder", entityId: { in: [b, c] } } })).toBe(2);
    await expectAppError(moveRegion(admin, { code: c, direction: "up", version: 1 }), "STALE_VERSION");
    await expectAppError(moveRegion(admin, { code: a, direction: "up", version: 1 }), "RULE_VIOLATION");
    expect(await order()).toEqual([a, c, b]);
  });

  it("retires an empty village (still readable, no new household), and refuses one that holds households or accounts", async () => {
    const admin = shared.admin;
    const county = shared.office;
    const township = await newTownship(admin);
    const held = await newVillage(admin, township, "201");
    const empty = await newVillage(admin, township, "202");
    await helperIn(admin, held);
    await createHousehold(county, await householdInput(held));
    const refused = await expectAppError(retireRegion(admin, { code: held, version: 1 }), "RULE_VIOLATION");
    expect(refused.message).toMatch(/还有1 户户档、1 个在用账号，撤销后这些记录将没有所属的村/);
    expect((await region(held)).retiredAt).toBeNull();
    await expectAppError(retireRegion(admin, { code: township, version: 1 }), "RULE_VIOLATION");

    await helperIn(admin, empty);
    await expectAppError(retireRegion(admin, { code: empty, version: 1 }), "RULE_VIOLATION");
    await db.user.updateMany({ where: { regionCode: empty }, data: { active: false } });
    await retireRegion(admin, { code: empty, version: 1 });
    expect((await region(empty)).retiredAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "region.retire", entityId: empty } })).toBe(1);
    const input = await householdInput(held);
    const intoRetired = await expectAppError(createHousehold(county, { ...input, villageCode: empty }), "VALIDATION");
    expect(intoRetired.message).toBe("该村已撤销，不能再建档");
    expect(await db.household.count({ where: { villageCode: empty } })).toBe(0);
    // The database refuses it too, whoever writes.
    await expect(db.household.updateMany({ where: { villageCode: held }, data: { villageCode: empty } })).rejects.toThrow();
    expect((await listRegionsInScope(county)).find((row) => row.code === empty)).toMatchObject({ retired: true });
    const account = await expectAppError(
      createUser(admin, { username: uniqueName("late"), displayName: "迟到", password: "Late-2026-xx", role: "HELPER", regionCode: empty }),
      "VALIDATION",
    );
    expect(account.fieldErrors).toEqual({ regionCode: ["该区域已撤销"] });
  });

  it("merges two villages: households renumbered into the target with an audit row each, accounts follow, the source retired", async () => {
    const admin = shared.admin;
    const county = shared.office;
    const township = await newTownship(admin);
    const source = await newVillage(admin, township, "201");
    const target = await newVillage(admin, township, "202");
    await helperIn(admin, source);
    await helperIn(admin, target);
    const cadre = await createUser(admin, {
      username: uniqueName("vc"),
      displayName: "村干部",
      password: "Cadre-2026-x",
      role: "VILLAGE_CADRE",
      regionCode: source,
    });
    const existing = await createHousehold(county, await householdInput(target));
    const moved = [await createHousehold(county, await householdInput(source)), await createHousehold(county, await householdInput(source))];
    await db.villagePopulation.createMany({
      data: [
        { villageCode: source, year: 2020, ruralPopulation: 300 },
        { villageCode: target, year: 2020, ruralPopulation: 500 },
      ],
    });

    const unconfirmed = await expectAppError(
      mergeVillages(admin, { sourceCode: source, targetCode: target, sourceVersion: 1, targetVersion: 1 }),
      "VALIDATION",
    );
    expect(unconfirmed.fieldErrors?.confirm).toEqual(["请勾选确认：合并后被合并的村撤销，其户全部转入合并到的村并重新编号"]);
    await expectAppError(mergeVillages(admin, { sourceCode: source, targetCode: target, sourceVersion: 1, targetVersion: 9, confirm: "yes" }), "STALE_VERSION");
    await expectAppError(mergeVillages(county, { sourceCode: source, targetCode: target, sourceVersion: 1, targetVersion: 1, confirm: "yes" }), "FORBIDDEN");
    const elsewhere = await newVillage(admin, await newTownship(admin), "201");
    await expectAppError(
      mergeVillages(admin, { sourceCode: source, targetCode: elsewhere, sourceVersion: 1, targetVersion: 1, confirm: "yes" }),
      "RULE_VIOLATION",
    );
    expect(await db.household.count({ where: { villageCode: source } })).toBe(2);

    const result = await mergeVillages(admin, { sourceCode: source, targetCode: target, sourceVersion: 1, targetVersion: 1, confirm: "yes" });
    expect(result).toEqual({ sourceCode: source, targetCode: target, households: 2 });
    const households = await db.household.findMany({ where: { id: { in: moved.map((row) => row.id) } }, orderBy: { householdNo: "asc" } });
    expect(households.map((row) => [row.villageCode, row.householdNo])).toEqual([
      [target, `${target}0002`],
      [target, `${target}0003`],
    ]);
    expect((await db.household.findUniqueOrThrow({ where: { id: existing.id } })).householdNo).toBe(`${target}0001`);
    const perHousehold = await db.auditEvent.findMany({
      where: { action: "household.moveVillage", entityId: { in: moved.map((row) => row.id) } },
      orderBy: { id: "asc" },
    });
    expect(perHousehold.map((row) => [row.before, row.after])).toEqual(
      moved.map((row, index) => [
        { householdNo: row.householdNo, villageCode: source },
        { householdNo: `${target}000${index + 2}`, villageCode: target },
      ]),
    );
    const merge = await db.auditEvent.findMany({ where: { action: "region.merge", entityId: source } });
    expect(merge.map((row) => row.after)).toEqual([{ mergedInto: target, households: 2, users: 2, retired: true }]);
    expect(await region(source)).toMatchObject({ mergedInto: target, version: 2 });
    expect((await region(source)).retiredAt).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: cadre.id } })).regionCode).toBe(target);
    expect(
      await db.villagePopulation.findMany({ where: { villageCode: { in: [source, target] } }, select: { villageCode: true, ruralPopulation: true } }),
    ).toEqual([{ villageCode: target, ruralPopulation: 800 }]);
    // The merged village stays in the tree, readable, and takes nothing more.
    await expectAppError(
      mergeVillages(admin, { sourceCode: source, targetCode: target, sourceVersion: 2, targetVersion: 2, confirm: "yes" }),
      "RULE_VIOLATION",
    );
  });

  it("the first administrator can only be created on a database without accounts", async () => {
    const before = await db.user.count();
    const refused = await expectAppError(
      createFirstAdmin(db, { countyCode: "522601", countyName: "凯里市", username: uniqueName("root"), displayName: "管理员", password: "Setup-2026-long" }),
      "RULE_VIOLATION",
    );
    expect(refused.message).toMatch(/^数据库中已有账号/);
    const invalid = await expectAppError(
      createFirstAdmin(db, { countyCode: "522600", countyName: "凯", username: "a", displayName: "", password: "short" }),
      "VALIDATION",
    );
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["countyCode", "countyName", "displayName", "password", "username"]);
    expect(await db.user.count()).toBe(before);
    expect(await db.region.count({ where: { code: "522601000000" } })).toBe(0);
  });
});

describe("a new county's tree: scopes keep working", () => {
  it("a township cadre of the new tree lists only their township and cannot open the other's household", async () => {
    const { countyCode, admin, office: countyOffice } = await newCounty("4527");
    expect(admin.countyCode).toBe(countyCode.slice(0, 6));

    const townshipA = await newTownship(admin, countyCode);
    const townshipB = await newTownship(admin, countyCode);
    const villageA = await newVillage(admin, townshipA, "201");
    const villageB = await newVillage(admin, townshipB, "201");
    await helperIn(admin, villageA);
    await helperIn(admin, villageB);
    // The demo county's admin cannot touch the new county's tree.
    await expectAppError(renameRegion(await signInAs("admin"), { code: townshipA, name: "越县改名", version: 1 }), "NOT_FOUND");

    const town = uniqueName("town");
    await createUser(admin, { username: town, displayName: "乡镇干部", password: "Township-2026", role: "TOWNSHIP_CADRE", regionCode: townshipA });
    const inA = await createHousehold(countyOffice, await householdInput(villageA));
    const inB = await createHousehold(countyOffice, await householdInput(villageB));

    const cadre = await signInAs(town, "Township-2026");
    const firstPage = { page: 1, pageSize: 20 };
    const listed = await findHouseholds(cadre, ZHouseholdFilter.parse({}), firstPage);
    expect(listed.rows.map((row) => row.householdNo)).toEqual([inA.householdNo]);
    expect((await findHouseholds(cadre, ZHouseholdFilter.parse({ township: townshipB }), firstPage)).rows).toEqual([]);
    await expectAppError(getHouseholdArchive(cadre, inB.id), "NOT_FOUND");
    expect((await getHouseholdArchive(cadre, inA.id)).household.id).toBe(inA.id);
    await expectAppError(createHousehold(cadre, await householdInput(villageB)), "NOT_FOUND");
    expect((await listRegionsInScope(cadre)).map((row) => row.code).sort()).toEqual([townshipA, villageA].sort());
    const countyList = await findHouseholds(countyOffice, ZHouseholdFilter.parse({}), firstPage);
    expect(countyList.rows.map((row) => row.householdNo).sort()).toEqual([inA.householdNo, inB.householdNo].sort());
    // The demo county's office sees none of it.
    expect((await findHouseholds(await signInAs("county"), ZHouseholdFilter.parse({ township: townshipA }), firstPage)).rows).toEqual([]);
  });
});
