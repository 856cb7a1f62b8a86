import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { STALE_VERSION_MESSAGE } from "@/lib/errors";
import { createHousehold } from "@/lib/households/create-household";
import { findHouseholds } from "@/lib/households/find-households";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { findHouseholdHistory } from "@/lib/households/history";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { addMember, changeHead, endMembership, updateMember } from "@/lib/members/commands";
import { revealIdNumber } from "@/lib/members/reveal-id-number";
import { ZPageParams } from "@/lib/pagination";
import { createTestHousehold, FIRST_VILLAGE, householdInput, memberFields, SECOND_TOWNSHIP_VILLAGE, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const filter = (values: Record<string, string> = {}) => ZHouseholdFilter.parse(values);
const firstPage = ZPageParams.parse({});

describe("creating and editing a household", () => {
  it("creates the household and its head, numbers it from the village, and audits it", async () => {
    const village = await signInAs("village");
    const { id, householdNo } = await createTestHousehold(village);
    expect(householdNo).toMatch(new RegExp(`^${FIRST_VILLAGE}\\d{4}$`));
    const household = await db.household.findUniqueOrThrow({ where: { id }, include: { members: true } });
    expect(household).toMatchObject({
      countyCode: "522698",
      townshipCode: "522698100000",
      villageCode: FIRST_VILLAGE,
      version: 1,
      otherCauses: ["LACK_SKILLS"],
    });
    expect(household.farmlandMu.toString()).toBe("1.5");
    expect(household.members).toHaveLength(1);
    expect(household.members[0]).toMatchObject({ relation: "HEAD", status: "PRESENT", gender: "MALE" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "household.create" } });
    expect(audit.actorId).toBe(village.userId);
    expect(JSON.stringify(audit.after)).not.toContain(household.members[0].idNumber);

    const second = await createTestHousehold(village);
    expect(Number(second.householdNo.slice(-4))).toBe(Number(householdNo.slice(-4)) + 1);
  });

  it("stores an ID typed with a lower-case x in upper case", async () => {
    const village = await signInAs("village");
    let id = uniqueIdNumber(1980);
    while (!id.endsWith("X")) id = uniqueIdNumber(1980);
    const created = await createTestHousehold(village, FIRST_VILLAGE, { head: { idNumber: id.toLowerCase() } });
    const head = await db.member.findFirstOrThrow({ where: { householdId: created.id } });
    expect(head.idNumber).toBe(id);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const village = await signInAs("village");
    const before = { households: await db.household.count(), audit: await db.auditEvent.count() };
    const input = await householdInput(FIRST_VILLAGE, {
      household: { address: "", housingGrade: "E", identificationYear: "1999" },
      head: { idNumber: "52269819700101001" },
    });
    const error = await expectAppError(createHousehold(village, input), "VALIDATION");
    expect(error.fieldErrors?.["household.address"]).toEqual(["请填写住址"]);
    expect(error.fieldErrors?.["household.housingGrade"]).toEqual(["请选择住房安全等级"]);
    expect(error.fieldErrors?.["head.idNumber"]).toEqual(["身份证号码应为18位，当前为17位"]);
    expect({ households: await db.household.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });

  it("refuses a helper from another village", async () => {
    const village = await signInAs("village");
    const otherHelper = await db.user.findFirstOrThrow({ where: { role: "HELPER", regionCode: "522698100202" } });
    const input = await householdInput(FIRST_VILLAGE, { household: { helperId: otherHelper.id } });
    const error = await expectAppError(createHousehold(village, input), "VALIDATION");
    expect(error.fieldErrors?.["household.helperId"]).toEqual(["请从本村的帮扶责任人中选择"]);
  });

  it("edits with the current version, audits old → new, and refuses the stale version", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const input = await householdInput();
    await updateHousehold(village, { householdId: id, version: 1, household: { ...input.household, phone: "13800001111", housingGrade: "C" } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "household.update" } });
    expect(audit.before).toEqual({ phone: null, housingGrade: "B" });
    expect(audit.after).toEqual({ phone: "13800001111", housingGrade: "C" });

    const error = await expectAppError(
      updateHousehold(village, { householdId: id, version: 1, household: { ...input.household, phone: "13900002222" } }),
      "STALE_VERSION",
    );
    expect(error.message).toBe(STALE_VERSION_MESSAGE);
    const after = await db.household.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ phone: "13800001111", version: 2 });
    const history = await findHouseholdHistory(village, id);
    expect(history[0].action).toBe("修改户档");
    expect(history[0].changes).toContainEqual({ field: "住房安全等级", before: "B级（基本安全）", after: "C级（局部危房）" });
  });
});

describe("members", () => {
  it("adds, edits and ends a membership without deleting the person, all audited", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const spouseId = uniqueIdNumber(1972, "FEMALE");
    const { id: memberId } = await addMember(village, { householdId, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE" }) });
    const spouse = await db.member.findUniqueOrThrow({ where: { id: memberId } });
    expect(spouse).toMatchObject({ gender: "FEMALE", relation: "SPOUSE", status: "PRESENT" });
    expect(spouse.birthDate.toISOString().slice(0, 10)).toBe(`1972-${spouseId.slice(10, 12)}-${spouseId.slice(12, 14)}`);

    await updateMember(village, { memberId, version: 1, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE", health: "CHRONIC" }) });
    await expectAppError(
      updateMember(village, { memberId, version: 1, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE" }) }),
      "STALE_VERSION",
    );
    await endMembership(village, { memberId, version: 2, status: "MOVED_OUT", statusDate: "2024-05-01" });
    const ended = await db.member.findUniqueOrThrow({ where: { id: memberId } });
    expect(ended).toMatchObject({ status: "MOVED_OUT", version: 3, health: "CHRONIC" });
    expect(ended.statusDate?.toISOString().slice(0, 10)).toBe("2024-05-01");

    const actions = (await db.auditEvent.findMany({ where: { entityId: householdId }, orderBy: { id: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["household.create", "member.create", "member.update", "member.end"]);
    const history = await findHouseholdHistory(village, householdId);
    expect(history[0]).toMatchObject({ action: "成员减少", subject: "配偶乙" });
    expect(history[0].changes).toContainEqual({ field: "状态", before: "在户", after: "迁出" });
    expect(history[1].changes).toContainEqual({ field: "健康状况", before: "健康", after: "长期慢性病" });

    // The person left: the same ID can now join another household.
    const other = await createTestHousehold(village);
    await addMember(village, { householdId: other.id, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE" }) });
  });

  it("refuses a second 户主 and ending the 户主", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const error = await expectAppError(addMember(village, { householdId, ...memberFields({ relation: "HEAD" }) }), "RULE_VIOLATION");
    expect(error.message).toBe("该户已有户主，每户只能有一名户主");
    const head = await db.member.findFirstOrThrow({ where: { householdId, relation: "HEAD" } });
    const ending = await expectAppError(
      endMembership(village, { memberId: head.id, version: 1, status: "DECEASED", statusDate: "2024-01-01" }),
      "RULE_VIOLATION",
    );
    expect(ending.message).toMatch(/户主不能直接减少/);
  });

  it("changes the 户主 in one step, so the former head can then leave; audited and versioned", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village, FIRST_VILLAGE, { head: { name: "老户主" } });
    const { id: sonId } = await addMember(village, { householdId, ...memberFields({ name: "儿子", relation: "SON", idNumber: uniqueIdNumber(1995) }) });
    const oldHead = await db.member.findFirstOrThrow({ where: { householdId, relation: "HEAD" } });
    await expectAppError(changeHead(village, { memberId: sonId, version: 1, formerHeadRelation: "HEAD" }), "VALIDATION");
    await changeHead(village, { memberId: sonId, version: 1, formerHeadRelation: "FATHER" });
    expect((await db.member.findUniqueOrThrow({ where: { id: sonId } })).relation).toBe("HEAD");
    expect((await db.member.findUniqueOrThrow({ where: { id: oldHead.id } })).relation).toBe("FATHER");
    await expectAppError(changeHead(village, { memberId: sonId, version: 1, formerHeadRelation: "FATHER" }), "STALE_VERSION");
    await endMembership(village, { memberId: oldHead.id, version: 2, status: "DECEASED", statusDate: "2024-02-01" });
    const history = await findHouseholdHistory(village, householdId);
    expect(history.map((entry) => entry.action)).toContain("变更户主");
    const town2 = await signInAs("town2");
    await expectAppError(changeHead(town2, { memberId: oldHead.id, version: 3, formerHeadRelation: "SON" }), "NOT_FOUND");
  });

  it("refuses an ID already present in another household, naming that household (head only in scope)", async () => {
    const village = await signInAs("village");
    const holder = await createTestHousehold(village, FIRST_VILLAGE, { head: { name: "王占位" } });
    const taken = (await db.member.findFirstOrThrow({ where: { householdId: holder.id } })).idNumber;
    const target = await createTestHousehold(village);
    const before = await db.member.count();

    const inScope = await expectAppError(addMember(village, { householdId: target.id, ...memberFields({ idNumber: taken, relation: "SON" }) }), "CONFLICT");
    expect(inScope.message).toBe(`该身份证号码已是户 ${holder.householdNo}（石桥镇杨柳村，户主王占位）的在户成员；一人只能属于一个户，请先在原户办理迁出`);

    const town2 = await signInAs("town2");
    const elsewhere = await createTestHousehold(town2, SECOND_TOWNSHIP_VILLAGE);
    const outOfScope = await expectAppError(addMember(town2, { householdId: elsewhere.id, ...memberFields({ idNumber: taken, relation: "SON" }) }), "CONFLICT");
    expect(outOfScope.message).toContain(holder.householdNo);
    expect(outOfScope.message).toContain("石桥镇杨柳村");
    expect(outOfScope.message).not.toContain("王占位");
    expect(await db.member.count()).toBe(before + 1); // only town2's new head
  });

  it("lets exactly one of two concurrent requests register the same ID", async () => {
    const village = await signInAs("village");
    const first = await createTestHousehold(village);
    const second = await createTestHousehold(village);
    const idNumber = uniqueIdNumber(1990);
    const results = await Promise.allSettled([
      addMember(village, { householdId: first.id, ...memberFields({ idNumber, relation: "SON" }) }),
      addMember(village, { householdId: second.id, ...memberFields({ idNumber, relation: "SON" }) }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("CONFLICT");
    expect(refused.reason.message).toMatch(/该身份证号码已是户 \d{16}/);
    expect(await db.member.count({ where: { idNumber, status: "PRESENT" } })).toBe(1);
  });
});

describe("income", () => {
  it("stores exact fen, computes per-capita from present members, and refuses a stale version", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    await addMember(village, { householdId, ...memberFields({ relation: "SPOUSE", idNumber: uniqueIdNumber(1971, "FEMALE") }) });
    await addMember(village, { householdId, ...memberFields({ relation: "SON", idNumber: uniqueIdNumber(1995) }) });
    await saveIncome(village, {
      householdId,
      year: "2020",
      version: "0",
      wageFen: "8000.10",
      businessIncomeFen: "3000.20",
      businessExpenseFen: "500.30",
      propertyFen: "0.1",
      minimumLivingFen: "0.2",
      otherTransferFen: "1500",
    });
    const record = await db.incomeRecord.findUniqueOrThrow({ where: { householdId_year: { householdId, year: 2020 } } });
    expect(record).toMatchObject({
      wageFen: 800010,
      businessIncomeFen: 300020,
      businessExpenseFen: 50030,
      propertyFen: 10,
      minimumLivingFen: 20,
      otherTransferFen: 150000,
    });

    const archive = await getHouseholdArchive(village, householdId);
    const income = archive.incomes[0];
    expect(income.result.netIncomeFen).toBe(800010 + 300020 - 50030 + 10 + 20 + 150000);
    expect(income.result.perCapitaFen).toBe(400010); // 1,200,030 fen ÷ 3
    expect(income.lineFen).toBe(400_000);
    expect(income.comparison.status).toBe("ABOVE");

    await expectAppError(saveIncome(village, { householdId, year: "2020", version: "0", wageFen: "1" }), "STALE_VERSION");
    await saveIncome(village, {
      householdId,
      year: "2020",
      version: "1",
      wageFen: "7999.80",
      businessIncomeFen: "3000.20",
      businessExpenseFen: "500.30",
      propertyFen: "0.1",
      minimumLivingFen: "0.2",
      otherTransferFen: "1500",
    });
    const atLine = (await getHouseholdArchive(village, householdId)).incomes[0];
    expect(atLine.result.netIncomeFen).toBe(1_200_000);
    expect(atLine.comparison.status).toBe("AT_OR_BELOW");

    await saveIncome(village, { householdId, year: "2019", version: "0", wageFen: "9000" });
    const noLine = (await getHouseholdArchive(village, householdId)).incomes.find((entry) => entry.record.year === 2019)!;
    expect(noLine.lineFen).toBeNull();
    expect(noLine.comparison).toEqual({ status: "NO_LINE", message: "该年度未设置贫困线，无法判断" });
  });

  it("refuses a malformed amount with the field's name and writes nothing", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const error = await expectAppError(saveIncome(village, { householdId, year: "2020", wageFen: "12.345" }), "VALIDATION");
    expect(error.fieldErrors?.wageFen?.[0]).toMatch(/^工资性收入：金额最多保留两位小数/);
    expect(await db.incomeRecord.count({ where: { householdId } })).toBe(0);
  });
});

describe("list and search", () => {
  it("finds by head name prefix, by the last digits of any member's ID, and by household number; masks IDs", async () => {
    const village = await signInAs("village");
    const name = `搜索${Date.now() % 100000}`;
    const { id, householdNo } = await createTestHousehold(village, FIRST_VILLAGE, { head: { name } });
    const childId = uniqueIdNumber(2012, "FEMALE");
    await addMember(village, { householdId: id, ...memberFields({ name: "孩子", relation: "DAUGHTER", idNumber: childId, schoolStatus: "PRIMARY" }) });

    const byName = await findHouseholds(village, filter({ q: name.slice(0, 4) }), firstPage);
    expect(byName.rows.map((row) => row.id)).toContain(id);
    const bySuffix = await findHouseholds(village, filter({ q: childId.slice(-6) }), firstPage);
    expect(bySuffix.rows.map((row) => row.id)).toEqual([id]);
    const byNumber = await findHouseholds(village, filter({ q: householdNo }), firstPage);
    expect(byNumber.rows).toHaveLength(1);
    expect(byNumber.rows[0].headIdMasked).toMatch(/^5226\*{10}[\dX]{4}$/);
    expect(byNumber.rows[0].memberCount).toBe(2);
  });
});

describe("scope: a second-township user and first-township households", () => {
  it("cannot list, open, edit, add members, save income or reveal IDs by direct id — and the owner is not blocked", async () => {
    const village = await signInAs("village");
    const { id, householdNo } = await createTestHousehold(village);
    const head = await db.member.findFirstOrThrow({ where: { householdId: id } });
    const town2 = await signInAs("town2");
    const snapshot = async () => ({
      household: await db.household.findUniqueOrThrow({ where: { id } }),
      members: await db.member.count({ where: { householdId: id } }),
      incomes: await db.incomeRecord.count({ where: { householdId: id } }),
    });
    const before = await snapshot();

    expect((await findHouseholds(town2, filter({ q: householdNo }), firstPage)).total).toBe(0);
    await expectAppError(getHouseholdArchive(town2, id), "NOT_FOUND");
    await expectAppError(findHouseholdHistory(town2, id), "NOT_FOUND");
    const input = await householdInput();
    await expectAppError(updateHousehold(town2, { householdId: id, version: 1, household: { ...input.household, phone: "13700000000" } }), "NOT_FOUND");
    await expectAppError(addMember(town2, { householdId: id, ...memberFields({ relation: "SON" }) }), "NOT_FOUND");
    await expectAppError(
      updateMember(town2, { memberId: head.id, version: 1, ...memberFields({ name: "篡改", idNumber: head.idNumber, relation: "HEAD" }) }),
      "NOT_FOUND",
    );
    await expectAppError(saveIncome(town2, { householdId: id, year: "2020", wageFen: "1" }), "NOT_FOUND");
    await expectAppError(revealIdNumber(town2, { memberId: head.id }), "NOT_FOUND");
    await expectAppError(createHousehold(town2, await householdInput(FIRST_VILLAGE)), "NOT_FOUND");
    expect(await snapshot()).toEqual(before);

    const town = await signInAs("town");
    expect((await getHouseholdArchive(town, id)).household.householdNo).toBe(householdNo);
    const helper = await signInAs("helper");
    expect((await getHouseholdArchive(helper, id)).household.id).toBe(id);
  });

  it("a helper sees only their assigned households; a read-only inspector cannot write", async () => {
    const village = await signInAs("village");
    const otherHelper = await db.user.create({
      data: { username: `bfx${Date.now() % 100000}`, displayName: "另一位帮扶人", role: "HELPER", regionCode: FIRST_VILLAGE, passwordHash: "x" },
    });
    const assignedElsewhere = await createTestHousehold(village, FIRST_VILLAGE, { household: { helperId: otherHelper.id } });
    const helper = await signInAs("helper");
    await expectAppError(getHouseholdArchive(helper, assignedElsewhere.id), "NOT_FOUND");
    const list = await findHouseholds(helper, filter(), ZPageParams.parse({ pageSize: "100" }));
    const helperIds = new Set(
      (await db.household.findMany({ where: { id: { in: list.rows.map((row) => row.id) } }, select: { helperId: true } })).map((row) => row.helperId),
    );
    expect([...helperIds]).toEqual([helper.userId]);

    const inspector = await signInAs("inspector");
    expect((await getHouseholdArchive(inspector, assignedElsewhere.id)).household.id).toBe(assignedElsewhere.id);
    await expectAppError(createHousehold(inspector, await householdInput()), "FORBIDDEN");
  });

  it("logs every full view of an ID number", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const head = await db.member.findFirstOrThrow({ where: { householdId: id } });
    expect(await revealIdNumber(village, { memberId: head.id })).toBe(head.idNumber);
    const log = await db.auditEvent.findFirstOrThrow({ where: { action: "idNumber.viewFull", entityId: head.id } });
    expect(log.actorId).toBe(village.userId);
    const helper = await signInAs("helper");
    await expectAppError(revealIdNumber(helper, { memberId: head.id }), "FORBIDDEN");
  });
});
