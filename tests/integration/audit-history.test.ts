import { describe, expect, it } from "vitest";
import { uploadAttachment } from "@/lib/attachments/commands";
import type { Actor } from "@/lib/auth/actor";
import { auditNames, auditReferences, describeAuditEvent } from "@/lib/audit/describe";
import { ZAuditEvent } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/record";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import { findHouseholdHistory, type HistoryEntry } from "@/lib/households/history";
import { returnToPoverty } from "@/lib/households/return-to-poverty";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { addMeasure, changeMeasureStatus } from "@/lib/measures/commands";
import { recordVisit, savePlan } from "@/lib/measures/plans-and-visits";
import { reassignHelper } from "@/lib/measures/reassign-helper";
import { addMember, changeHead, endMembership, updateMember } from "@/lib/members/commands";
import { createTestHousehold, FIRST_VILLAGE, householdInput, memberFields, uniqueIdNumber } from "./factories";
import { signInAs } from "./helpers";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const YEAR = 2020;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Everything a reader of the entry sees, as one text. */
const seen = (entry: Pick<HistoryEntry, "action" | "subject" | "changes">) =>
  [entry.action, entry.subject ?? "", ...entry.changes.map((change) => `${change.field}：${change.before ? `${change.before} → ` : ""}${change.after}`)].join(
    "\n",
  );

/** The newest entry with this action, checked for what must never show. */
function latest(history: HistoryEntry[], action: string) {
  const entry = history.find((row) => row.action === action);
  if (!entry) throw new Error(`no “${action}” in the history: ${history.map((row) => row.action).join("、")}`);
  const text = seen(entry);
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(/image\/|application\//);
  expect(text).not.toMatch(/\b[A-Z][A-Z_]{2,}\b/);
  return entry;
}

/** Every audit row of these entities has exactly the fields its action defines (lib/audit/events.ts). */
async function expectRowsFitTheirDefinitions(entityIds: string[]) {
  const rows = await db.auditEvent.findMany({ where: { entityId: { in: entityIds } } });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const parsed = ZAuditEvent.safeParse({
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      countyCode: row.countyCode,
      before: row.before,
      after: row.after,
    });
    expect(parsed.success, `${row.action}: ${parsed.error?.message}`).toBe(true);
  }
}

async function version(sheetId: string) {
  return String((await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
}

async function sign(actor: Actor, sheetId: string, step: string, extra: Record<string, unknown> = {}) {
  return signStep(actor, { sheetId, version: await version(sheetId), step, ...extra });
}

describe("the household history, rendered from the audit event definitions", () => {
  it("shows the archive's events in the reader's words: values of new records, old → new of edits, no ids or file details", async () => {
    const [village, helper, town] = await Promise.all(["village", "helper", "town"].map((name) => signInAs(name)));
    const helperName = (await db.user.findUniqueOrThrow({ where: { id: (await householdInput()).household.helperId as string } })).displayName;
    const { id: householdId } = await createTestHousehold(village, FIRST_VILLAGE, { head: { name: "户主甲" } });

    let history = await findHouseholdHistory(village, householdId);
    const created = latest(history, "新建户档");
    expect(created.subject).toBeNull();
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: "所属村", before: "", after: "杨柳村" },
        { field: "帮扶责任人", before: "", after: helperName },
        { field: "住房安全等级", before: "", after: "B级（基本安全）" },
        { field: "其他致贫原因", before: "", after: "缺技术" },
        { field: "户主姓名", before: "", after: "户主甲" },
      ]),
    );
    const headId = created.changes.find((change) => change.field === "户主身份证号")!.after;
    expect(headId).toMatch(/\*/);
    const fields = created.changes.map((change) => change.field);
    expect(fields.indexOf("户编号")).toBeLessThan(fields.indexOf("所属村"));
    expect(fields.indexOf("住址")).toBeLessThan(fields.indexOf("户主姓名"));

    const input = await householdInput();
    await updateHousehold(village, { householdId, version: 1, household: { ...input.household, housingGrade: "C", phone: "13800001111" } });
    history = await findHouseholdHistory(village, householdId);
    expect(latest(history, "修改户档").changes).toEqual([
      { field: "联系电话", before: "（空）", after: "13800001111" },
      { field: "住房安全等级", before: "B级（基本安全）", after: "C级（局部危房）" },
    ]);

    const spouseId = uniqueIdNumber(1972, "FEMALE");
    const { id: memberId } = await addMember(village, { householdId, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE" }) });
    await updateMember(village, { memberId, version: 1, ...memberFields({ name: "配偶乙", idNumber: spouseId, relation: "SPOUSE", health: "CHRONIC" }) });
    await endMembership(village, { memberId, version: 2, status: "MOVED_OUT", statusDate: "2024-05-01" });
    history = await findHouseholdHistory(village, householdId);
    const added = latest(history, "新增成员");
    expect(added.subject).toBe("配偶乙");
    expect(added.changes.slice(0, 4)).toEqual([
      { field: "身份证号码", before: "", after: expect.stringMatching(/^\d{4}\*{10}\d{3}[\dX]$/) },
      { field: "性别", before: "", after: "女" },
      { field: "出生日期", before: "", after: `1972-${spouseId.slice(10, 12)}-${spouseId.slice(12, 14)}` },
      { field: "与户主关系", before: "", after: "配偶" },
    ]);
    expect(added.changes.some((change) => change.field === "姓名")).toBe(false);
    expect(latest(history, "修改成员")).toMatchObject({ subject: "配偶乙", changes: [{ field: "健康状况", before: "健康", after: "长期慢性病" }] });
    expect(latest(history, "成员减少")).toMatchObject({
      subject: "配偶乙",
      changes: [
        { field: "状态", before: "在户", after: "迁出" },
        { field: "变动日期", before: "", after: "2024-05-01" },
      ],
    });

    const { id: sonId } = await addMember(village, { householdId, ...memberFields({ name: "儿子", relation: "SON", idNumber: uniqueIdNumber(1995) }) });
    await changeHead(village, { memberId: sonId, version: 1, formerHeadRelation: "FATHER" });
    history = await findHouseholdHistory(village, householdId);
    expect(latest(history, "变更户主").changes).toEqual([
      { field: "户主", before: "户主甲", after: "儿子" },
      { field: "原户主与新户主的关系", before: "", after: "之父" },
    ]);

    await saveIncome(village, { householdId, year: String(YEAR), version: "0", wageFen: "12000" });
    history = await findHouseholdHistory(village, householdId);
    const firstIncome = latest(history, "保存收入");
    expect(firstIncome.subject).toBe("2020年度");
    expect(firstIncome.changes.find((change) => change.field === "年度")).toBeUndefined();
    expect(seen(firstIncome)).not.toContain("2020 → 2020");
    expect(firstIncome.changes[0]).toEqual({ field: "工资性收入", before: "", after: "12,000.00 元" });
    expect(firstIncome.changes.map((change) => change.field)).toEqual([
      "工资性收入",
      "生产经营性收入",
      "生产经营性支出",
      "财产性收入",
      "低保金",
      "特困供养金",
      "养老金",
      "计划生育金",
      "生态补偿金",
      "其他转移性收入",
    ]);
    await saveIncome(village, { householdId, year: String(YEAR), version: "1", wageFen: "15000" });
    history = await findHouseholdHistory(village, householdId);
    expect(latest(history, "保存收入")).toMatchObject({
      subject: "2020年度",
      changes: [{ field: "工资性收入", before: "12,000.00 元", after: "15,000.00 元" }],
    });

    await uploadAttachment(village, { householdId, category: "住房照片", file: { name: "房屋.png", bytes: PNG } });
    history = await findHouseholdHistory(village, householdId);
    const upload = latest(history, "上传佐证材料");
    expect(upload).toMatchObject({ subject: "房屋.png", changes: [{ field: "类别", before: "", after: "住房照片" }] });
    expect(seen(upload)).not.toContain(String(PNG.byteLength));

    const itemId = (await db.measureItem.findFirstOrThrow({ where: { name: "家庭医生签约" } })).id;
    const measure = await addMeasure(helper, {
      householdId,
      itemId,
      addressedCauses: ["ILLNESS"],
      startDate: "2020-03-01",
      amountFen: "1000",
      fundingSource: "COUNTY",
      responsibleUnit: "县卫健局",
    });
    await changeMeasureStatus(helper, { measureId: measure.id, version: 1, status: "ACTIVE" });
    history = await findHouseholdHistory(village, householdId);
    const measureAdded = latest(history, "新增帮扶措施");
    expect(measureAdded.subject).toBe("家庭医生签约");
    expect(measureAdded.changes).toEqual([
      { field: "类别", before: "", after: "健康帮扶" },
      { field: "措施状态", before: "", after: "计划" },
      { field: "针对致贫原因", before: "", after: "因病" },
      { field: "开始日期", before: "", after: "2020-03-01" },
      { field: "结束日期", before: "", after: "（空）" },
      { field: "金额", before: "", after: "1,000.00 元" },
      { field: "资金来源", before: "", after: "县级财政" },
      { field: "帮扶单位", before: "", after: "县卫健局" },
    ]);
    expect(latest(history, "措施状态变更")).toMatchObject({ subject: "家庭医生签约", changes: [{ field: "措施状态", before: "计划", after: "实施中" }] });

    await savePlan(village, { householdId, year: String(YEAR), targetPerCapitaFen: "4500", plannedExitYear: String(YEAR), plannedMeasures: "家庭医生签约" });
    const yesterday = todayString(new Date(Date.now() - 86_400_000));
    await recordVisit(helper, { householdId, visitedOn: yesterday, findings: "住房漏雨", actions: "联系危改", photos: [] });
    history = await findHouseholdHistory(village, householdId);
    expect(latest(history, "保存脱贫计划")).toMatchObject({
      subject: "2020年度",
      changes: [
        { field: "目标人均纯收入", before: "", after: "4,500.00 元" },
        { field: "计划脱贫年度", before: "", after: "2020" },
        { field: "计划措施", before: "", after: "家庭医生签约" },
      ],
    });
    expect(latest(history, "走访记录").changes).toEqual([
      { field: "走访日期", before: "", after: yesterday },
      { field: "发现情况", before: "", after: "住房漏雨" },
      { field: "采取措施", before: "", after: "联系危改" },
    ]);

    const replacement = await db.user.create({
      data: { username: `bf${householdId.slice(0, 8)}`, displayName: "新帮扶人", role: "HELPER", regionCode: FIRST_VILLAGE, passwordHash: "x" },
    });
    const householdVersion = (await db.household.findUniqueOrThrow({ where: { id: householdId } })).version;
    await reassignHelper(town, { householdId, version: householdVersion, helperId: replacement.id, reason: "原帮扶人调离" });
    history = await findHouseholdHistory(village, householdId);
    expect(latest(history, "更换帮扶责任人").changes).toEqual([
      { field: "帮扶责任人", before: helperName, after: "新帮扶人" },
      { field: "原因", before: "", after: "原帮扶人调离" },
    ]);

    await expectRowsFitTheirDefinitions([householdId]);
  });

  it("shows the exit chain on the household (提出, 销号, 返贫) and renders each sheet event from its definition", async () => {
    const [helper, village, team, town, county] = await Promise.all(["helper", "village", "team", "town", "county"].map((name) => signInAs(name)));
    const { id: householdId } = await createTestHousehold(village);
    await saveIncome(village, { householdId, year: String(YEAR), version: "0", wageFen: "20000" });
    const { id: sheetId } = await openExitSheet(helper, { householdId, assessmentYear: String(YEAR), opinion: "两不愁三保障均已达标" });
    await sign(village, sheetId, "DEMOCRATIC_REVIEW", { reviewDate: todayString(), reviewPresent: "28", reviewResult: "同意退出（28票赞成）" });
    await sign(team, sheetId, "WORK_TEAM_VERIFY", { opinion: "入户核实属实" });
    await uploadSheetEvidence(village, { sheetId, kind: "CONSENT", file: { name: "认可书.png", bytes: PNG } });
    await recordConsent(village, { sheetId, version: await version(sheetId) });
    await uploadSheetEvidence(team, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
    await startNotice(team, { sheetId, version: await version(sheetId), postedOn: todayString() });
    const posted = todayString(new Date(Date.now() - 8 * 86_400_000));
    await db.exitSheet.update({ where: { id: sheetId }, data: { noticePostedOn: new Date(`${posted}T00:00:00.000Z`) } });
    await closeNotice(town, { sheetId, version: await version(sheetId) });
    await sign(town, sheetId, "TOWNSHIP_REVIEW", { opinion: "审核通过" });
    await sign(county, sheetId, "COUNTY_APPROVAL", { opinion: "同意退出" });

    let history = await findHouseholdHistory(town, householdId);
    expect(latest(history, "提出脱贫退出")).toMatchObject({ subject: "2020年度", changes: [] });
    expect(latest(history, "脱贫销号").changes).toEqual([
      { field: "状态", before: "在档", after: "已脱贫" },
      { field: "脱贫年度", before: "", after: "2020" },
    ]);

    const exitedVersion = (await db.household.findUniqueOrThrow({ where: { id: householdId } })).version;
    await returnToPoverty(town, {
      householdId,
      version: String(exitedVersion),
      reason: "户主突发重病，医疗支出大",
      primaryCause: "ILLNESS",
      otherCauses: ["LACK_LABOUR"],
    });
    history = await findHouseholdHistory(county, householdId);
    expect(latest(history, "返贫").changes).toEqual([
      { field: "状态", before: "已脱贫", after: "返贫" },
      { field: "脱贫年度", before: "2020", after: "" },
      { field: "返贫原因", before: "", after: "户主突发重病，医疗支出大" },
      { field: "其他致贫原因", before: "缺技术", after: "缺劳力" },
    ]);

    // The sheet's own trail, rendered by the same definitions the sheet page can use.
    const rows = await db.auditEvent.findMany({ where: { entityType: "ExitSheet", entityId: sheetId }, orderBy: { id: "asc" } });
    const references = auditReferences(rows);
    const names = auditNames(
      await db.user.findMany({ where: { id: { in: references.userIds } }, select: { id: true, displayName: true } }),
      await db.region.findMany({ where: { code: { in: references.regionCodes } }, select: { code: true, name: true } }),
    );
    const trail = rows.map((row) => describeAuditEvent(row, names));
    const { verificationCode } = await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } });
    for (const entry of trail) {
      // The verification code is printed on the sheet for the public to check; codes of vocabularies never show.
      const text = seen(entry).replace(verificationCode, "");
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(/\b[A-Z][A-Z_]{2,}\b/);
      expect(text).not.toMatch(/[0-9a-f]{16}/);
    }
    expect(trail.map((entry) => entry.action)).toEqual([
      "提出脱贫退出",
      "签署退出核验",
      "签署退出核验",
      "登记贫困户认可",
      "发布村内公示",
      "结束村内公示",
      "签署退出核验",
      "签署退出核验",
    ]);
    expect(trail[0]).toMatchObject({ subject: "2020年度" });
    expect(trail[0].changes).toEqual(
      expect.arrayContaining([
        { field: "环节", before: "", after: "帮扶责任人提出" },
        { field: "意见", before: "", after: "两不愁三保障均已达标" },
      ]),
    );
    expect(trail[2].changes).toEqual(
      expect.arrayContaining([
        { field: "环节", before: "", after: "驻村工作队核实" },
        { field: "意见", before: "", after: "入户核实属实" },
      ]),
    );
    expect(trail[4].changes).toEqual(expect.arrayContaining([{ field: "公示张贴日期", before: "", after: todayString() }]));
    expect(trail[7].changes).toEqual(
      expect.arrayContaining([
        { field: "环节", before: "", after: "县扶贫办审定" },
        { field: "核验表状态", before: "办理中", after: "已审定" },
      ]),
    );

    await expectRowsFitTheirDefinitions([householdId, sheetId]);
  });

  it("refuses, outside production, to write an event its definition does not allow, and writes nothing", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const before = await db.auditEvent.count({ where: { entityId: householdId } });
    // A cast (or a spread of an untyped object) is the only way past the compiler.
    const stray = { action: "income.save", entityType: "Household", entityId: householdId, after: { year: 2020, wage: 100 } } as unknown as Parameters<
      typeof recordAudit
    >[2];
    await expect(db.$transaction((tx) => recordAudit(tx, village, stray))).rejects.toThrow(/审计事件 income\.save 与其定义/);
    expect(await db.auditEvent.count({ where: { entityId: householdId } })).toBe(before);
  });
});
