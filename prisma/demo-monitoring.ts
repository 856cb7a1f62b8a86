/**
 * The demo county's 防止返贫动态监测 (issue 15, first part), written through the real commands with the
 * demo accounts after the archive exists (scripts/seed-activity.ts):
 * - the county office sets the 2022 and 2023 monitoring lines (2021 comes with the migration); later
 *   years stay unset, so the settings page shows which years cannot be screened by income;
 * - monitoring objects of each category in the first village (`village`, `team`) and in the first
 *   township's second village (`town`): 脱贫不稳定户 from exited households of the archive, 边缘易致贫户
 *   and 突发严重困难户 never 建档立卡 (flagged), with risks from each discovery channel, one with five risks.
 * Skipped when the database already has monitoring objects.
 */
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { makeIdNumber } from "@/lib/members/id-number";
import { addMonitoringRisk, createMonitoringObject, saveMonitoringLine } from "@/lib/monitoring/commands";
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
    await createMonitoringObject(team, {
      kind: "ARCHIVE",
      householdNo: inFirst[1].householdNo,
      category: "UNSTABLE",
      riskType: "FAILED_PROJECT",
      foundOn: daysAgo(12),
      source: "CADRE_SCREENING",
      riskNote: "养殖生猪价格下跌，产业收入大幅下降",
    });
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
    await createMonitoringObject(row.actor, {
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
    objects++;
    risks++;
  }
  return `监测对象 ${objects} 户，风险 ${risks} 项`;
}
