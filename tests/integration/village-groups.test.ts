import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createHousehold } from "@/lib/households/create-household";
import { updateHousehold } from "@/lib/households/update-household";
import { createRegion } from "@/lib/regions/commands";
import { findRegionTree } from "@/lib/regions/queries";
import { createVillageGroup, moveVillageGroup, renameVillageGroup, retireVillageGroup } from "@/lib/regions/village-groups";
import { createUser } from "@/lib/users/commands";
import type { Actor } from "@/lib/auth/actor";
import { createOwnCounty, householdInput } from "./factories";
import { expectAppError, signInAs, uniqueName } from "./helpers";

// A county of its own (as in regions.test.ts), so the demo county's villages keep no 自然村/组 list.
let admin: Actor;
let office: Actor;
let townshipCode: string;
let townshipNumber = 300 + Math.floor(Math.random() * 500);

beforeAll(async () => {
  const county6 = await createOwnCounty("4527", uniqueName("组县"));
  const countyCode = `${county6}000000`;
  const adminName = uniqueName("grpadmin");
  await db.user.create({
    data: { username: adminName, displayName: "管理员", role: "ADMIN", regionCode: countyCode, passwordHash: await hashPassword("Groups-2026-x") },
  });
  admin = await signInAs(adminName, "Groups-2026-x");
  const officeName = uniqueName("grpoffice");
  await createUser(admin, { username: officeName, displayName: "扶贫办", password: "Office-2026-x", role: "COUNTY_OFFICE", regionCode: countyCode });
  office = await signInAs(officeName, "Office-2026-x");
  townshipCode = `${county6}${String(++townshipNumber).padStart(3, "0")}000`;
  await createRegion(admin, { level: "TOWNSHIP", code: townshipCode, name: uniqueName("镇"), parentCode: countyCode });
});

let villageSuffix = 200;
async function newVillage() {
  const code = `${townshipCode.slice(0, 9)}${++villageSuffix}`;
  await createRegion(admin, { level: "VILLAGE", code, name: uniqueName("村"), parentCode: townshipCode });
  await createUser(admin, { username: uniqueName("hp"), displayName: "帮扶人", password: "Helper-2026-x", role: "HELPER", regionCode: code });
  return code;
}

const groupsOf = (villageCode: string) => db.villageGroup.findMany({ where: { villageCode }, orderBy: { sortOrder: "asc" } });
const auditOf = (ids: string[]) => db.auditEvent.findMany({ where: { entityType: "VillageGroup", entityId: { in: ids } }, orderBy: { id: "asc" } });

describe("自然村/组 list of a 行政村", () => {
  it("creates, renames, reorders and retires groups, each audited and version-checked", async () => {
    const village = await newVillage();
    const { id: first } = await createVillageGroup(admin, { villageCode: village, name: "1组" });
    const { id: second } = await createVillageGroup(admin, { villageCode: village, name: "2组" });
    expect((await groupsOf(village)).map((group) => [group.name, group.sortOrder, group.version])).toEqual([
      ["1组", 0, 1],
      ["2组", 1, 1],
    ]);
    const duplicate = await expectAppError(createVillageGroup(admin, { villageCode: village, name: "1组" }), "CONFLICT");
    expect(duplicate.fieldErrors?.name).toEqual(["同一村内名称不能重复"]);
    const blank = await expectAppError(createVillageGroup(admin, { villageCode: village, name: "  " }), "VALIDATION");
    expect(blank.fieldErrors?.name).toEqual(["请填写自然村/组名称"]);

    await renameVillageGroup(admin, { id: first, name: "一组", version: 1 });
    await expectAppError(renameVillageGroup(admin, { id: first, name: "壹组", version: 1 }), "STALE_VERSION");
    await moveVillageGroup(admin, { id: second, direction: "up", version: 1 });
    await expectAppError(moveVillageGroup(admin, { id: second, direction: "up", version: 2 }), "RULE_VIOLATION");
    expect((await groupsOf(village)).map((group) => [group.name, group.sortOrder, group.version])).toEqual([
      ["2组", 0, 2],
      ["一组", 1, 3],
    ]);
    await expectAppError(retireVillageGroup(admin, { id: second, version: 1 }), "STALE_VERSION");
    await retireVillageGroup(admin, { id: second, version: 2 });
    expect((await groupsOf(village)).find((group) => group.id === second)?.retiredAt).not.toBeNull();
    await expectAppError(retireVillageGroup(admin, { id: second, version: 3 }), "RULE_VIOLATION");
    // A retired name may be used again for a new group.
    await createVillageGroup(admin, { villageCode: village, name: "2组" });

    expect((await auditOf([first, second])).map((row) => [row.action, row.entityId, row.before, row.after])).toEqual([
      ["villageGroup.create", first, null, { villageCode: village, name: "1组", sortOrder: 0 }],
      ["villageGroup.create", second, null, { villageCode: village, name: "2组", sortOrder: 1 }],
      ["villageGroup.rename", first, { name: "1组" }, { name: "一组" }],
      ["villageGroup.reorder", first, { sortOrder: 0 }, { sortOrder: 1 }],
      ["villageGroup.reorder", second, { sortOrder: 1 }, { sortOrder: 0 }],
      ["villageGroup.retire", second, { retired: false }, { retired: true }],
    ]);
    const tree = await findRegionTree(admin);
    const row = tree.townships.find((township) => township.code === townshipCode)?.villages.find((candidate) => candidate.code === village);
    expect(row?.groups.map((group) => [group.name, group.retired])).toEqual([
      ["2组", true],
      ["一组", false],
      ["2组", false],
    ]);
  });

  it("is the 系统管理员's alone, and only in their own county; refusals change nothing", async () => {
    const village = await newVillage();
    const { id } = await createVillageGroup(admin, { villageCode: village, name: "1组" });
    const before = await db.auditEvent.count({ where: { entityType: "VillageGroup" } });
    await expectAppError(createVillageGroup(office, { villageCode: village, name: "越权组" }), "FORBIDDEN");
    await expectAppError(renameVillageGroup(office, { id, name: "越权改名", version: 1 }), "FORBIDDEN");
    await expectAppError(retireVillageGroup(await signInAs("village"), { id, version: 1 }), "FORBIDDEN");
    const demoAdmin = await signInAs("admin");
    await expectAppError(renameVillageGroup(demoAdmin, { id, name: "外县改名", version: 1 }), "NOT_FOUND");
    await expectAppError(createVillageGroup(demoAdmin, { villageCode: village, name: "外县组" }), "NOT_FOUND");
    expect((await groupsOf(village)).map((group) => [group.name, group.version, group.retiredAt])).toEqual([["1组", 1, null]]);
    expect(await db.auditEvent.count({ where: { entityType: "VillageGroup" } })).toBe(before);
  });

  it("the household's 自然村/组 is checked on the server against the list; retiring keeps existing households' value; renaming carries it", async () => {
    const village = await newVillage();
    const free = await createHousehold(office, await householdInput(village, { household: { villageGroup: "随便写的组" } }));
    expect((await db.household.findUniqueOrThrow({ where: { id: free.id } })).villageGroup).toBe("随便写的组");

    const { id: one } = await createVillageGroup(admin, { villageCode: village, name: "1组" });
    await createVillageGroup(admin, { villageCode: village, name: "2组" });
    const count = await db.household.count({ where: { villageCode: village } });
    const wrong = await expectAppError(createHousehold(office, await householdInput(village, { household: { villageGroup: "9组" } })), "VALIDATION");
    expect(wrong.fieldErrors?.["household.villageGroup"]).toEqual(["本村的自然村/组中没有“9组”，应为：1组、2组"]);
    expect(await db.household.count({ where: { villageCode: village } })).toBe(count);

    const inOne = await createHousehold(office, await householdInput(village, { household: { villageGroup: "1组" } }));
    await retireVillageGroup(admin, { id: one, version: 1 });
    const retiredChoice = await expectAppError(createHousehold(office, await householdInput(village, { household: { villageGroup: "1组" } })), "VALIDATION");
    expect(retiredChoice.message).toBe("自然村/组“1组”已撤销，请从本村在用的自然村/组中选择");
    // The household already in 1组 keeps it on edit; it may not move to a name outside the list.
    const input = await householdInput(village, { household: { villageGroup: "1组" } });
    await updateHousehold(office, { householdId: inOne.id, version: 1, household: { ...input.household, phone: "13800002222" } });
    expect(await db.household.findUniqueOrThrow({ where: { id: inOne.id } })).toMatchObject({ villageGroup: "1组", version: 2 });
    await expectAppError(updateHousehold(office, { householdId: inOne.id, version: 2, household: { ...input.household, villageGroup: "9组" } }), "VALIDATION");
    expect((await db.household.findUniqueOrThrow({ where: { id: inOne.id } })).villageGroup).toBe("1组");

    const two = (await groupsOf(village)).find((group) => group.name === "2组")!;
    const inTwo = await createHousehold(office, await householdInput(village, { household: { villageGroup: "2组" } }));
    await renameVillageGroup(admin, { id: two.id, name: "二组", version: two.version });
    expect(await db.household.findUniqueOrThrow({ where: { id: inTwo.id } })).toMatchObject({ villageGroup: "二组", version: 2 });
  });
});
