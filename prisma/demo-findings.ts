/**
 * The demo county's 督查 reviews and findings (issue 11 point 7), written after the exit sheets exist
 * (scripts/seed-activity.ts), through the real commands with the demo accounts, so that the inspectors'
 * workspace and the 问题清单 are not empty on a fresh start:
 * - the `inspector` reviews an approved sheet of the first township (收入核算 and 佐证材料 不合格: two
 *   findings) and an in-progress one (all 合格);
 * - findings in every state: 已销号 (reported by `town`, accepted), 已提交整改 (reported by the sheet's village cadre),
 *   已退回 (a village finding reported and returned), 待整改 (a household finding by hand), and one
 *   overdue township finding (raised 45 days ago with a 30-day deadline: insertFinding is given that day).
 * Skipped when the database already has findings.
 */
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { decideFindingReport, raiseFinding, submitFindingReport } from "@/lib/inspections/findings/commands";
import { insertFinding, regionTarget } from "@/lib/inspections/findings/raise";
import { saveReview } from "@/lib/inspections/reviews/commands";
import { DEMO_TOWNSHIPS } from "./demo-county";
import { demoActor } from "./demo-actor";

const FIRST_TOWNSHIP = DEMO_TOWNSHIPS[0].code;
const FIRST_VILLAGE = DEMO_TOWNSHIPS[0].villages[0].code;
const ITEMS = ["INCOME", "FOOD", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING", "SIGNATURES", "NOTICE", "EVIDENCE"] as const;
const DAY_MS = 86_400_000;

const daysFrom = (today: string, days: number) => todayString(new Date(Date.parse(`${today}T12:00:00+08:00`) + days * DAY_MS));

function checklist(sheetId: string, failed: Partial<Record<(typeof ITEMS)[number], { category: string; note: string }>>, deadline: string, unit: string) {
  const input: Record<string, unknown> = { sheetId };
  for (const item of ITEMS) input[item] = failed[item] ? { result: "FAIL", ...failed[item] } : { result: "PASS", note: "" };
  if (Object.keys(failed).length) Object.assign(input, { responsibleUnit: unit, responsiblePerson: "王立新", deadline });
  return input;
}

const version = async (findingId: string) => String((await db.finding.findUniqueOrThrow({ where: { id: findingId }, select: { version: true } })).version);

export async function seedDemoFindings(): Promise<string | null> {
  if ((await db.finding.count()) > 0) return null;
  const [inspector, town, village] = await Promise.all(["inspector", "town", "village"].map(demoActor));
  const today = todayString();
  const townshipName = (await db.region.findUniqueOrThrow({ where: { code: FIRST_TOWNSHIP }, select: { name: true } })).name;
  const unit = `${townshipName}人民政府`;
  const sheets = await db.exitSheet.findMany({
    where: { townshipCode: FIRST_TOWNSHIP, status: { in: ["APPROVED", "IN_PROGRESS"] } },
    orderBy: [{ status: "asc" }, { verificationCode: "asc" }],
    select: { id: true, status: true, villageCode: true },
  });
  const approved = sheets.find((sheet) => sheet.status === "APPROVED");
  const inProgress = sheets.find((sheet) => sheet.status === "IN_PROGRESS");
  let reviews = 0;

  if (approved) {
    const review = await saveReview(
      inspector,
      checklist(
        approved.id,
        {
          INCOME: { category: "INCOME", note: "工资性收入按务工月数推算，缺少务工证明，人均纯收入核算依据不足" },
          EVIDENCE: { category: "MISSING_EVIDENCE", note: "户档缺少产业帮扶（养殖）的验收材料" },
        },
        daysFrom(today, 20),
        unit,
      ),
    );
    reviews++;
    const [incomeFinding, evidenceFinding] = review.findingIds;
    await submitFindingReport(town, {
      findingId: incomeFinding,
      version: await version(incomeFinding),
      content: "已补充务工单位出具的务工证明和工资流水，重新核算人均纯收入，仍高于当年贫困线。",
    });
    await decideFindingReport(inspector, { findingId: incomeFinding, version: await version(incomeFinding), decision: "ACCEPT" });
    // The sheet's own village cadre reports (the demo gives the villages with sheets their own accounts).
    const cadre = await db.user.findFirst({ where: { role: "VILLAGE_CADRE", regionCode: approved.villageCode, active: true }, orderBy: { username: "asc" } });
    await submitFindingReport(cadre ? await demoActor(cadre.username) : town, {
      findingId: evidenceFinding,
      version: await version(evidenceFinding),
      content: "已由乡农业服务中心补做养殖项目验收，验收单已上传户档。",
    });
  }
  if (inProgress) {
    await saveReview(inspector, checklist(inProgress.id, {}, daysFrom(today, 20), unit));
    reviews++;
  }

  // A village finding, reported and sent back.
  const returned = await raiseFinding(inspector, {
    targetKind: "REGION",
    regionCode: FIRST_VILLAGE,
    categoryCode: "POLICY",
    description: "村内公示栏未张贴本年度扶贫资金使用情况公告",
    responsibleUnit: "村两委",
    responsiblePerson: village.displayName,
    deadline: daysFrom(today, 15),
  });
  await submitFindingReport(village, { findingId: returned.id, version: "1", content: "已在村委会门口张贴公告。" });
  await decideFindingReport(inspector, { findingId: returned.id, version: "2", decision: "RETURN", reason: "未附张贴照片，且公告未列明资金来源" });

  // A household finding, still to rectify.
  const household = await db.household.findFirst({ where: { villageCode: FIRST_VILLAGE }, orderBy: { householdNo: "desc" }, select: { householdNo: true } });
  if (household) {
    await raiseFinding(inspector, {
      targetKind: "HOUSEHOLD",
      householdNo: household.householdNo,
      categoryCode: "BASIC_INFO",
      description: "户档中户主联系电话与走访记录不一致，家庭人口与户籍登记不符",
      responsibleUnit: "村两委",
      responsiblePerson: village.displayName,
      deadline: daysFrom(today, 30),
    });
  }

  // An overdue township finding: raised 45 days ago with 30 days to rectify.
  const raisedOn = daysFrom(today, -45);
  const overdue = await db.$transaction(async (tx) =>
    insertFinding(
      tx,
      inspector,
      {
        target: await regionTarget(tx, inspector, FIRST_TOWNSHIP),
        details: {
          categoryCode: "MEASURE_MISMATCH",
          description: "部分因病致贫户的帮扶措施以产业扶持为主，未落实医疗救助和大病保险",
          responsibleUnit: unit,
          responsiblePerson: town.displayName,
          deadline: daysFrom(raisedOn, 30),
        },
        source: "MANUAL",
      },
      raisedOn,
    ),
  );
  await db.finding.update({ where: { id: overdue.id }, data: { raisedAt: new Date(Date.parse(`${raisedOn}T10:00:00+08:00`)) } });

  const findings = await db.finding.count();
  return `督查审查 ${reviews} 份，督查问题 ${findings} 个`;
}
