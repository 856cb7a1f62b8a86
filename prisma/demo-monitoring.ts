/**
 * The demo county's 防止返贫动态监测 (issue 15, first part), written through the real commands with the
 * demo accounts after the archive exists (scripts/seed-activity.ts):
 * - the county office sets the 2022 and 2023 monitoring lines (2021 comes with the migration); later
 *   years stay unset, so the settings page shows which years cannot be screened by income;
 * - monitoring objects of each category in the first village (`village`, `team`) and in the first
 *   township's second village (`town`): 脱贫不稳定户 from exited households of the archive, 边缘易致贫户
 *   and 突发严重困难户 never 建档立卡 (flagged), with risks from each discovery channel, one with five risks.
 * - the county office sets last year's and this year's lines too (2024 stays unset); 预警 from each of the four
 *   channels: income screening of last year (incomes entered for three second-village households, and a fourth
 *   whose 合规自付医疗费用 is 70 % of its net income: a 医疗支出预警), a 民政 list
 *   (one row matched, one not), two 农户自主申报 (one filed five days ago and not yet acted on: 已超期 with the
 *   default two days) and a 基层干部排查 finding;
 * - one completed 风险消除: a first-village household identified through the chain, its identification
 *   backdated seven months in the database (never waited for), its risk resolved, incomes above the line, then
 *   the 风险消除 chain to its 公告.
 * Skipped when the database already has monitoring objects.
 */
import ExcelJS from "exceljs";
import { fromDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { makeIdNumber } from "@/lib/members/id-number";
import { saveIncome } from "@/lib/income/commands";
import { addMonitoringRisk, createMonitoringObject, saveMonitoringLine } from "@/lib/monitoring/commands";
import { addMonths } from "@/lib/monitoring/rules";
import { raiseWarning, screenIncomeWarnings } from "@/lib/monitoring/warnings";
import { uploadDepartmentList } from "@/lib/monitoring/warnings-department";
import {
  closeMonitoringNotice,
  openMonitoringSheet,
  recordMonitoringObjection,
  recordMonitoringStep,
  resolveMonitoringRisk,
  signMonitoringStep,
  startMonitoringNotice,
  uploadMonitoringConsent,
} from "@/lib/monitoring/procedure";
import { DEMO_TOWNSHIPS } from "./demo-county";
import { demoActor } from "./demo-actor";

const FIRST_VILLAGE = DEMO_TOWNSHIPS[0].villages[0].code;
const SECOND_VILLAGE = DEMO_TOWNSHIPS[0].villages[1].code;
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => todayString(new Date(Date.now() - days * DAY_MS));

export async function seedDemoMonitoring(): Promise<string | null> {
  if ((await db.monitoringObject.count()) > 0) return null;
  const [county, village, team, town] = await Promise.all(["county", "village", "team", "town"].map(demoActor));
  for (const [year, amount] of [
    [2022, "6600"],
    [2023, "7000"],
  ] as const) {
    if (!(await db.monitoringLine.findUnique({ where: { year } }))) await saveMonitoringLine(county, { year: String(year), amount });
  }

  const exited = await db.household.findMany({
    where: { villageCode: { in: [FIRST_VILLAGE, SECOND_VILLAGE] }, status: "EXITED" },
    orderBy: { householdNo: "asc" },
    select: { householdNo: true, villageCode: true },
  });
  const inFirst = exited.filter((row) => row.villageCode === FIRST_VILLAGE);
  const inSecond = exited.filter((row) => row.villageCode === SECOND_VILLAGE);
  let objects = 0;
  let risks = 0;
  const ids: Record<"fiveRisks" | "project" | "marginal" | "sudden", string | null> = { fiveRisks: null, project: null, marginal: null, sudden: null };

  // 脱贫不稳定户 from the archive: one with five risks found through every channel.
  if (inFirst[0]) {
    const { id } = await createMonitoringObject(village, {
      kind: "ARCHIVE",
      householdNo: inFirst[0].householdNo,
      category: "UNSTABLE",
      riskType: "ILLNESS",
      foundOn: daysAgo(40),
      source: "DEPARTMENT_WARNING",
      riskNote: "县医保局推送：年度合规自付医疗费用较高",
      note: "户主住院治疗",
    });
    ids.fiveRisks = id;
    objects++;
    risks++;
    const more = [
      ["LACK_OF_LABOUR", "CADRE_SCREENING", "主要劳动力住院，暂无务工收入", village],
      ["SCHOOLING", "SELF_APPLICATION", "子女就读高中，开支增加", team],
      ["UNSTABLE_WORK", "CADRE_SCREENING", "配偶务工中断", team],
      ["HOUSING", "CADRE_SCREENING", "住房局部漏雨，待鉴定", village],
    ] as const;
    for (const [index, [riskType, source, riskNote, actor]] of more.entries()) {
      await addMonitoringRisk(actor, { objectId: id, version: String(index + 1), riskType, foundOn: daysAgo(30 - index * 5), source, riskNote });
      risks++;
    }
  }
  if (inFirst[1]) {
    ids.project = (
      await createMonitoringObject(team, {
        kind: "ARCHIVE",
        householdNo: inFirst[1].householdNo,
        category: "UNSTABLE",
        riskType: "FAILED_PROJECT",
        foundOn: daysAgo(12),
        source: "CADRE_SCREENING",
        riskNote: "养殖生猪价格下跌，产业收入大幅下降",
      })
    ).id;
    objects++;
    risks++;
  }
  if (inSecond[0]) {
    await createMonitoringObject(town, {
      kind: "ARCHIVE",
      householdNo: inSecond[0].householdNo,
      category: "UNSTABLE",
      riskType: "NATURAL_DISASTER",
      foundOn: daysAgo(8),
      source: "CADRE_SCREENING",
      riskNote: "暴雨致农作物绝收",
    });
    objects++;
    risks++;
  }

  // Households never 建档立卡: 边缘易致贫户 and 突发严重困难户.
  const outside = [
    {
      actor: village,
      villageCode: FIRST_VILLAGE,
      headName: "罗家平",
      birth: "1968-04-12",
      seq: 731,
      address: "杨柳村四组 12 号",
      people: "4",
      category: "MARGINAL",
      riskType: "DISABILITY",
      source: "SELF_APPLICATION",
      riskNote: "户主申报：妻子二级肢体残疾，收入刚过监测线",
    },
    {
      actor: team,
      villageCode: FIRST_VILLAGE,
      headName: "田秀英",
      birth: "1959-09-03",
      seq: 742,
      address: "杨柳村二组 5 号",
      people: "2",
      category: "SUDDEN_HARDSHIP",
      riskType: "ACCIDENT",
      source: "CADRE_SCREENING",
      riskNote: "家中失火，房屋及财物受损",
    },
    {
      actor: town,
      villageCode: SECOND_VILLAGE,
      headName: "杨德贵",
      birth: "1975-01-21",
      seq: 753,
      address: "新寨村一组 8 号",
      people: "5",
      category: "MARGINAL",
      riskType: "DRINKING_WATER",
      source: "DEPARTMENT_WARNING",
      riskNote: "县水务局排查：饮水水源季节性断流",
    },
  ] as const;
  for (const [index, row] of outside.entries()) {
    const { id } = await createMonitoringObject(row.actor, {
      kind: "OUTSIDE",
      villageCode: row.villageCode,
      headName: row.headName,
      headIdNumber: makeIdNumber("522698", row.birth, row.seq),
      address: row.address,
      people: row.people,
      category: row.category,
      riskType: row.riskType,
      foundOn: daysAgo(3 + index * 4),
      source: row.source,
      riskNote: row.riskNote,
    });
    if (index === 0) ids.marginal = id;
    if (index === 1) ids.sudden = id;
    objects++;
    risks++;
  }
  const procedures = await seedProcedures(ids);
  const warnings = await seedWarnings();
  const elimination = await seedElimination();
  return `监测对象 ${objects + (elimination ? 1 : 0)} 户，风险 ${risks + (elimination ? 1 : 0)} 项；${procedures}；${warnings}${elimination ? `；${elimination}` : ""}`;
}

/** A tiny PNG standing in for the scanned 承诺授权书 (checked by content like every upload). */
const CONSENT_SCAN = {
  name: "承诺授权书.png",
  bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]),
};

/**
 * 识别纳入 at various steps, through the procedure commands with the demo accounts: the five-risk
 * household identified (监测中), the failed-project household in its 村内公示 with an objection, the
 * 边缘易致贫户 past 入户核实, the 突发严重困难户 just opened. The notice period is backdated in the
 * database (like the exit demo), never waited for.
 */
async function seedProcedures(ids: Record<"fiveRisks" | "project" | "marginal" | "sudden", string | null>): Promise<string> {
  const [county, village, team, town] = await Promise.all(["county", "village", "team", "town"].map(demoActor));
  const objectVersion = async (id: string) => String((await db.monitoringObject.findUniqueOrThrow({ where: { id } })).version);
  const sheetVersion = async (id: string) => String((await db.monitoringSheet.findUniqueOrThrow({ where: { id } })).version);
  const open = async (objectId: string) => (await openMonitoringSheet(village, { kind: "IDENTIFY", objectId, version: await objectVersion(objectId) })).sheetId;
  const sign = async (actor: typeof village, sheetId: string, step: string, opinion: string) =>
    signMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion });
  const record = async (sheetId: string, step: string, opinion: string) =>
    recordMonitoringStep(county, { sheetId, step, version: await sheetVersion(sheetId), opinion });
  async function toNotice(sheetId: string) {
    await uploadMonitoringConsent(team, { sheetId, file: CONSENT_SCAN });
    await sign(team, sheetId, "VISIT", "入户核实：家庭收支情况属实");
    await record(sheetId, "DATA_CHECK", "县医保局、民政局、残联、公安、市场监管局比对：无财政供养人员、无车辆、无经营主体");
    await sign(village, sheetId, "DEMOCRATIC_REVIEW", "村民代表 25 人参加，同意纳入");
    await startMonitoringNotice(village, { sheetId, version: await sheetVersion(sheetId), postedOn: todayString() });
  }
  let steps = 0;
  if (ids.fiveRisks) {
    const sheetId = await open(ids.fiveRisks);
    await toNotice(sheetId);
    await db.monitoringSheet.update({ where: { id: sheetId }, data: { noticePostedOn: fromDateString(daysAgo(6)) } });
    await closeMonitoringNotice(town, { sheetId, version: await sheetVersion(sheetId), opinion: "公示期满，无异议" });
    await sign(town, sheetId, "TOWNSHIP_REVIEW", "审核通过");
    await sign(county, sheetId, "COUNTY_APPROVAL", "同意纳入监测");
    await record(sheetId, "ANNOUNCE", "已在村务公开栏和县政府网站公告");
    steps++;
  }
  if (ids.project) {
    const sheetId = await open(ids.project);
    await toNotice(sheetId);
    await recordMonitoringObjection(village, {
      sheetId,
      version: await sheetVersion(sheetId),
      raisedOn: todayString(),
      content: "村民反映该户另有门面出租收入",
    });
    steps++;
  }
  if (ids.marginal) {
    const sheetId = await open(ids.marginal);
    await uploadMonitoringConsent(team, { sheetId, file: CONSENT_SCAN });
    await sign(team, sheetId, "VISIT", "入户核实：妻子残疾，收入刚过监测线");
    steps++;
  }
  if (ids.sudden) {
    await open(ids.sudden);
    steps++;
  }
  return `识别纳入程序 ${steps} 件（1 件已纳入监测）`;
}

const THIS_YEAR = Number(todayString().slice(0, 4));

/** Exited households of a village that are no monitoring object and have no 预警 yet, in a fixed order. */
async function freeHouseholds(villageCode: string, where: object = {}) {
  return db.household.findMany({
    where: { villageCode, status: "EXITED", monitoringObjects: { none: {} }, monitoringWarnings: { none: {} }, ...where },
    orderBy: { householdNo: "asc" },
    select: {
      id: true,
      householdNo: true,
      members: { where: { status: "PRESENT" }, select: { idNumber: true, relation: true, labourSkill: true }, orderBy: { relation: "asc" } },
    },
  });
}

/** 预警 from each channel (see the file's comment). */
async function seedWarnings(): Promise<string> {
  const [county, village, team, town] = await Promise.all(["county", "village", "team", "town"].map(demoActor));
  for (const [year, amount] of [
    [THIS_YEAR - 1, "7600"],
    [THIS_YEAR, "7900"],
  ] as const) {
    if (!(await db.monitoringLine.findUnique({ where: { year } }))) await saveMonitoringLine(county, { year: String(year), amount });
  }
  // The screened and listed households are in the first township's second village (the township cadre's), so
  // that the first village keeps exited households for the other demos and the e2e journeys.
  const second = await freeHouseholds(SECOND_VILLAGE);
  const lastYear = THIS_YEAR - 1;
  // Income screening of last year: only these households have last year's income, so it raises exactly their 预警.
  const incomes = [
    [second[0], 0.8],
    [second[1], 1.3],
    [second[2], 2.5],
  ] as const;
  for (const [household, ratio] of incomes) {
    if (!household) continue;
    const people = Math.max(1, household.members.length);
    await saveIncome(town, { householdId: household.id, year: String(lastYear), version: "0", wageFen: String(Math.round(7600 * ratio * people)) });
  }
  // 医疗支出预警: well above the line, but the household paid 70 % of its net income itself for medical care (above
  // the default 50 %), so the screening raises the medical 预警 alone.
  const ill = second[4];
  if (ill) {
    const wage = Math.round(7600 * 2.5 * Math.max(1, ill.members.length));
    await saveIncome(town, {
      householdId: ill.id,
      year: String(lastYear),
      version: "0",
      wageFen: String(wage),
      medicalOutOfPocketFen: String(Math.round(wage * 0.7)),
    });
  }
  const screened = await screenIncomeWarnings(county, { year: String(lastYear) });

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("民政名单");
  sheet.addRow(["身份证号码", "姓名", "说明"]);
  const listed = second[3]?.members.find((member) => member.relation === "HEAD") ?? second[3]?.members[0];
  if (listed) sheet.addRow([listed.idNumber, "", "临时救助：家中突发变故"]);
  sheet.addRow(["522698190001010000", "", "本县户档中查无此人"]);
  const department = await uploadDepartmentList(county, {
    department: "CIVIL_AFFAIRS",
    file: { name: "民政临时救助名单.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) },
  });

  let manual = 0;
  const first = await freeHouseholds(FIRST_VILLAGE);
  const entries = [
    [village, "SELF_APPLICATION", first[0], daysAgo(5), "户主到村委会申报：妻子确诊慢性病，长期用药开支大"],
    [team, "SELF_APPLICATION", first[1], todayString(), "农户电话申报：外出务工受伤返乡，收入中断"],
    [team, "CADRE_VISIT", first[1], daysAgo(1), "走访发现：厨房后墙开裂，存在安全隐患"],
  ] as const;
  for (const [actor, source, household, raisedOn, reason] of entries) {
    if (!household) continue;
    await raiseWarning(actor, { source, householdNo: household.householdNo, raisedOn, reason });
    manual++;
  }
  return `预警：收入筛查 ${screened.created} 条、部门名单 ${department.created} 条、自主申报与干部排查 ${manual} 条（1 条已超期）`;
}

/**
 * One completed 风险消除 (帮扶消除 would need a measure of its own; this one is 自然消除 after the household's
 * work resumed). The household is chosen so that the 消除 conditions hold once its income is entered: 三保障 and
 * safe water as the exit criteria judge them, and someone able to work.
 */
async function seedElimination(): Promise<string | null> {
  const [county, village, team, town] = await Promise.all(["county", "village", "team", "town"].map(demoActor));
  const grownUp = fromDateString(`${THIS_YEAR - 17}-01-01`);
  const candidates = await freeHouseholds(FIRST_VILLAGE, {
    foodSecure: true,
    clothingSecure: true,
    drinkingWaterSafe: true,
    drinkingWaterDifficult: false,
    housingGrade: { in: ["A", "B"] },
    members: {
      none: {
        status: "PRESENT",
        // Uninsured, or of school age and not at school.
        OR: [
          { basicMedicalInsurance: false },
          { seriousIllnessInsurance: false },
          { birthDate: { gt: grownUp }, schoolStatus: { in: ["NOT_IN_SCHOOL", "PRESCHOOL"] } },
        ],
      },
      some: { status: "PRESENT", labourSkill: { notIn: ["NONE", "LOST"] } },
    },
  });
  // The last candidate: the first ones stay free for the e2e journeys.
  const household = candidates.at(-1);
  if (!household) return null;
  const foundOn = daysAgo(240);
  const { id: objectId } = await createMonitoringObject(village, {
    kind: "ARCHIVE",
    householdNo: household.householdNo,
    category: "UNSTABLE",
    riskType: "UNSTABLE_WORK",
    foundOn,
    source: "CADRE_SCREENING",
    riskNote: "主要劳动力务工中断",
  });
  const objectVersion = async () => String((await db.monitoringObject.findUniqueOrThrow({ where: { id: objectId } })).version);
  const sheetVersion = async (id: string) => String((await db.monitoringSheet.findUniqueOrThrow({ where: { id } })).version);
  const sign = async (actor: typeof village, sheetId: string, step: string, opinion: string) =>
    signMonitoringStep(actor, { sheetId, step, version: await sheetVersion(sheetId), opinion });
  const record = async (sheetId: string, step: string, opinion: string) =>
    recordMonitoringStep(county, { sheetId, step, version: await sheetVersion(sheetId), opinion });
  const noticeDone = async (sheetId: string) => {
    await startMonitoringNotice(village, { sheetId, version: await sheetVersion(sheetId), postedOn: todayString() });
    await db.monitoringSheet.update({ where: { id: sheetId }, data: { noticePostedOn: fromDateString(daysAgo(6)) } });
    await closeMonitoringNotice(town, { sheetId, version: await sheetVersion(sheetId), opinion: "公示期满，无异议" });
  };

  const identify = (await openMonitoringSheet(village, { kind: "IDENTIFY", objectId, version: await objectVersion() })).sheetId;
  await uploadMonitoringConsent(team, { sheetId: identify, file: CONSENT_SCAN });
  await sign(team, identify, "VISIT", "入户核实：务工中断属实");
  await record(identify, "DATA_CHECK", "县人社局、医保局、民政局比对无异常");
  await sign(village, identify, "DEMOCRATIC_REVIEW", "村民代表 23 人参加，同意纳入");
  await noticeDone(identify);
  await sign(town, identify, "TOWNSHIP_REVIEW", "审核通过");
  await sign(county, identify, "COUNTY_APPROVAL", "同意纳入监测");
  await record(identify, "ANNOUNCE", "已公告");
  // Identified seven months ago: the waiting period is data (like the notice above), never waited for.
  await db.monitoringObject.update({ where: { id: objectId }, data: { identifiedOn: fromDateString(addMonths(todayString(), -7)) } });

  const people = Math.max(1, household.members.length);
  for (const [year, line] of [
    [THIS_YEAR - 1, 7600],
    [THIS_YEAR, 7900],
  ] as const) {
    const existing = await db.incomeRecord.findFirst({ where: { householdId: household.id, year }, select: { version: true } });
    await saveIncome(village, {
      householdId: household.id,
      year: String(year),
      version: String(existing?.version ?? 0),
      wageFen: String(Math.round(line * 1.8 * people)),
    });
  }
  const risk = await db.monitoringRisk.findFirstOrThrow({ where: { objectId } });
  await resolveMonitoringRisk(village, { objectId, riskId: risk.id, version: await objectVersion(), resolvedOn: daysAgo(20) });

  const eliminate = (await openMonitoringSheet(village, { kind: "ELIMINATE", objectId, version: await objectVersion(), method: "NATURAL" })).sheetId;
  await sign(team, eliminate, "VISIT", "入户核实：已在县城稳定务工，收入恢复");
  await sign(village, eliminate, "DEMOCRATIC_REVIEW", "村民代表评议同意消除");
  await noticeDone(eliminate);
  await sign(county, eliminate, "COUNTY_APPROVAL", "同意风险消除");
  await record(eliminate, "ANNOUNCE", "已公告");
  return "风险消除 1 户（已公告）";
}
