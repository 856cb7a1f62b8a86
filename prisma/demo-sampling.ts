// The demo county's spot check (抽查) and field verification (入户核查), written through the real commands: one
// completed round of a past exit year, drawn with a public value, every pick checked by `inspector` with a mix of
// outcomes (one 错退, one household not at home and replaced, every satisfaction answer), and a 未建档户 list with
// one 漏评. Run by scripts/seed-activity.ts after the exit sheets exist, so /inspections/rounds and /inspections/rates
// are not empty on a fresh start.
import { fromDateString, toDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Satisfaction } from "@/lib/domain/codes";
import { recordFieldCheck } from "@/lib/inspections/field-checks/commands";
import { createSamplingRound, drawSamplingRound, replaceSamplePick } from "@/lib/inspections/rounds/commands";
import { DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { demoActor } from "@/prisma/demo-actor";

const PUBLIC_SOURCE = "中国体育彩票超级大乐透第 26140 期开奖号码";
const PUBLIC_VALUE = "03 11 19 27 33 + 05 09";

const daysBefore = (today: string, days: number) => toDateString(new Date(fromDateString(today).getTime() - days * 86_400_000));

/** The 未建档户 list: households neighbours or village cadres named, in villages of several townships. */
function listedLines(): string {
  const villages = DEMO_TOWNSHIPS.flatMap((township) => township.villages.slice(0, 2));
  const names = ["吴国富", "潘小梅", "龙德才", "杨秀英", "石大山", "韦春花", "罗明光", "蒙桂兰"];
  return villages
    .slice(0, names.length)
    .map((village, index) => `${village.code},${names[index]},${2 + (index % 4)},${index % 2 ? "邻居反映收入偏低" : "村民小组长提名"}`)
    .join("\n");
}

/** Writes the round and its checks; null when the county has a round already or no past exits. */
export async function seedDemoSampling(): Promise<string | null> {
  if ((await db.samplingRound.count()) > 0) return null;
  const today = todayString();
  const thisYear = Number(today.slice(0, 4));
  const years = await db.household.groupBy({ by: ["exitYear"], where: { exitYear: { lt: thisYear } }, _count: { _all: true } });
  const best = years.filter((row) => row.exitYear !== null).sort((a, b) => b._count._all - a._count._all || b.exitYear! - a.exitYear!)[0];
  if (!best) return null;
  const year = best.exitYear!;
  const [county, inspector] = await Promise.all([demoActor("county"), demoActor("inspector")]);

  const { id: roundId } = await createSamplingRound(county, {
    name: `${year}年度脱贫户抽查（第一轮）`,
    scope: "COUNTY",
    populationYear: String(year),
    sizeKind: "COUNT",
    perTownship: "4",
    publicSource: PUBLIC_SOURCE,
    listed: listedLines(),
  });
  await drawSamplingRound(inspector, { roundId, version: "1", publicValue: PUBLIC_VALUE });

  const picks = await db.samplePick.findMany({ where: { roundId }, orderBy: [{ kind: "asc" }, { townshipCode: "asc" }, { ordinal: "asc" }] });
  const answers: Satisfaction[] = ["SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "SATISFIED", "DISSATISFIED", "SATISFIED", "UNKNOWN", "BASICALLY_SATISFIED"];
  const finding = (townshipCode: string) => ({
    responsibleUnit: `${DEMO_TOWNSHIPS.find((township) => township.code === townshipCode)?.name ?? ""}人民政府`,
    responsiblePerson: "乡镇扶贫工作站站长",
    deadline: daysBefore(today, -30),
  });
  let checks = 0;
  let replaced = 0;
  const exited = picks.filter((pick) => pick.kind === "EXITED");
  const listed = picks.filter((pick) => pick.kind === "LISTED");
  for (const [index, pick] of exited.entries()) {
    const base = { roundId, kind: "EXITED", entryId: pick.entryId, visitedOn: daysBefore(today, 20 - (index % 15)) };
    if (index === 0) {
      // Not at home: recorded, then replaced by the next household of the township's draw order.
      await recordFieldCheck(inspector, { ...base, atHome: "NO", note: "两次上门未见到，邻居称全家在浙江务工" });
      const replacement = await replaceSamplePick(inspector, { roundId, kind: "EXITED", entryId: pick.entryId, reason: "全家外出务工，两次上门未见到" });
      await recordFieldCheck(inspector, { ...base, entryId: replacement.entryId, atHome: "YES", meetsStandard: "YES", satisfaction: "SATISFIED" });
      checks += 2;
      replaced++;
      continue;
    }
    const wrongExit = index === 2;
    await recordFieldCheck(inspector, {
      ...base,
      atHome: "YES",
      meetsStandard: wrongExit ? "NO" : "YES",
      failedCriteria: wrongExit ? ["HOUSING"] : [],
      satisfaction: answers[index % answers.length],
      note: wrongExit ? "主房墙体开裂，经鉴定为 C 级危房，未纳入危房改造" : undefined,
      ...(wrongExit ? finding(pick.townshipCode) : {}),
    });
    checks++;
  }
  for (const [index, pick] of listed.entries()) {
    const missed = index === 1;
    await recordFieldCheck(inspector, {
      roundId,
      kind: "LISTED",
      entryId: pick.entryId,
      visitedOn: daysBefore(today, 10 - (index % 8)),
      atHome: "YES",
      shouldRegister: missed ? "YES" : "NO",
      people: String(3 + (index % 3)),
      satisfaction: answers[(index + 3) % answers.length],
      note: missed ? "户主患病丧失劳动能力，人均纯收入低于当年贫困线，应纳未纳" : "家庭有稳定务工收入，不符合识别标准",
      ...(missed ? finding(pick.townshipCode) : {}),
    });
    checks++;
  }
  return `抽查轮次 1 个（${year}年脱贫户，抽中 ${exited.length + replaced} 户、未建档户 ${listed.length} 户，入户核查 ${checks} 次，替换 ${replaced} 户）`;
}
