/**
 * The demo county's casework activity (issue 10 point 8), written on top of the synthetic households so that
 * every tile of the 挂图作战 dashboard has something real to show on a fresh `npm start`:
 * - the county's poverty lines after 2020, and this year's income of every household not out of poverty
 *   (most above the line, about one in seven below);
 * - 帮扶措施 (因户施策): about four in five of those households have every cause covered by a running or
 *   completed measure of a fitting category, the others have a cause left uncovered; completed 危房改造 on
 *   some C/D houses; the measures' funds come from all seven funding sources;
 * - 走访 by each household's 帮扶责任人, about three in four within the configured overdue limit;
 * - a few households 返贫 (through the real command, so the audit trail dates the return), village
 *   populations for every year (two villages left unreported), 年度减贫任务 for this and two earlier years;
 * - a few shortfalls the generator never produces (a 辍学 pupil, 四季衣被 not secured), for the 短板清单;
 * - this year's exit sheets at every step of the chain, several approved (their households 已脱贫 this
 *   year) and one sent back, in four villages that get their own 村干部 and 驻村工作队 accounts. They are
 *   driven through the real commands with real actors, so every signature carries the content hash the
 *   server computed when it was made, in the order and with the separation of duties the chain demands
 *   (docs/domain.md §7).
 *
 * Deterministic: every choice comes from the seeded PRNG over rows read in a fixed order, so the same
 * households get the same measures, visits and sheets on every run of the same day. What is not a choice
 * (ids, verification codes, signing times) is made by the database and the commands.
 *
 * Runs in its own process (scripts/seed-activity.ts) under the react-server condition: the commands
 * import "server-only". The bulk rows (incomes, measures, visits, populations, targets) are written
 * directly, as the synthetic households themselves are: seed data, not the record of a user's edit.
 */
import bcrypt from "bcryptjs";
import type { Actor } from "@/lib/auth/actor";
import { ageOn, fromDateString, toDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { EXIT_STEP, type ExitStep, type FundingSourceCode, type MeasureCategory, type MeasureStatus, type PovertyCause, type Role } from "@/lib/domain/codes";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { recordObjection } from "@/lib/exits/household/record-objection";
import { rejectSheet } from "@/lib/exits/household/reject-sheet";
import { contentEnvironment, contentFor, loadHouseholdExitData } from "@/lib/exits/household/sheet-context";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import type { Prisma } from "@/lib/generated/prisma/client";
import { returnToPoverty } from "@/lib/households/return-to-poverty";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { householdCauses } from "@/lib/measures/household-causes";
import { computeCoverage, fittingCategories, type FitMatrix } from "@/lib/measures/rules";
import { getCountySettings } from "@/lib/settings/queries";
import {
  DEMO_ACTIVITY_SEED,
  DEMO_COUNTY,
  DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN,
  DEMO_PASSWORD,
  DEMO_TOWNSHIPS,
  DEMO_VILLAGE_ACCOUNTS,
  DEMO_VILLAGES_WITHOUT_POPULATION,
} from "./demo-county";
import { DEMO_USER_SELECT, demoActorOf } from "./demo-actor";
import { Random } from "./synthetic-county";

// ---------------------------------------------------------------------------
// Seeded choices and dates
// ---------------------------------------------------------------------------

/** One PRNG stream per section, so that a change in one section does not reshuffle the others. */
class Choices extends Random {
  constructor(stream: string) {
    let hash = 2_166_136_261;
    for (const char of stream) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
    super((DEMO_ACTIVITY_SEED ^ hash) >>> 0);
  }
  fraction(): number {
    return this.next();
  }
  /** A key of `weights`, each as likely as its weight. */
  weightedKey<K extends string>(weights: Partial<Record<K, number>>): K {
    const table = Object.entries(weights) as [K, number][];
    let roll = this.next() * table.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  /** Whole yuan in [min, max], as fen. */
  yuan(min: number, max: number): number {
    return this.int(min, max) * 100;
  }
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => toDateString(new Date(fromDateString(date).getTime() + days * DAY_MS));
const daysAgo = (today: string, days: number) => addDays(today, -days);

function dateBetween(r: Choices, from: string, to: string): string {
  const span = Math.round((fromDateString(to).getTime() - fromDateString(from).getTime()) / DAY_MS);
  return addDays(from, r.int(0, Math.max(0, span)));
}

const earlier = (a: string, b: string) => (a < b ? a : b);

// ---------------------------------------------------------------------------
// What the activity is written on
// ---------------------------------------------------------------------------

const HOUSEHOLD_SELECT = {
  id: true,
  householdNo: true,
  countyCode: true,
  townshipCode: true,
  villageCode: true,
  status: true,
  exitYear: true,
  identificationYear: true,
  attribute: true,
  primaryCause: true,
  otherCauses: true,
  housingGrade: true,
  helperId: true,
  version: true,
  members: { select: { id: true, status: true, birthDate: true, schoolStatus: true, schoolingExemption: true } },
  incomes: { orderBy: { year: "desc" }, take: 1 },
} satisfies Prisma.HouseholdSelect;
type DemoHousehold = Prisma.HouseholdGetPayload<{ select: typeof HOUSEHOLD_SELECT }>;

const OPEN_STATUSES = ["REGISTERED", "RETURNED"];
const isOpen = (household: DemoHousehold) => OPEN_STATUSES.includes(household.status);
const FIRST_VILLAGE = DEMO_TOWNSHIPS[0].villages[0].code;
const countyCode6 = DEMO_COUNTY.code.slice(0, 6);

async function loadHouseholds(): Promise<DemoHousehold[]> {
  return db.household.findMany({ where: { countyCode: countyCode6 }, orderBy: { householdNo: "asc" }, select: HOUSEHOLD_SELECT });
}

const presentCount = (household: DemoHousehold) => household.members.filter((member) => member.status === "PRESENT").length;

class Actors {
  private constructor(private readonly users: Actor[]) {}
  static async load(): Promise<Actors> {
    const users = await db.user.findMany({ where: { active: true }, orderBy: { username: "asc" }, select: DEMO_USER_SELECT });
    return new Actors(users.map(demoActorOf));
  }
  byId(userId: string): Actor {
    const actor = this.users.find((user) => user.userId === userId);
    if (!actor) throw new Error(`演示数据：找不到用户 ${userId}`);
    return actor;
  }
  /** The first active user (by username) of a role in exactly this region, if any. */
  inRegion(role: Role, regionCode: string): Actor | null {
    return this.users.find((user) => user.role === role && user.regionCode === regionCode) ?? null;
  }
  get county(): Actor {
    const county = this.users.find((user) => user.role === "COUNTY_OFFICE" && user.username === "county");
    if (!county) throw new Error("演示数据：找不到县扶贫办账号 county");
    return county;
  }
}

// ---------------------------------------------------------------------------
// Settings and accounts
// ---------------------------------------------------------------------------

/** 2021 … this year at the demo county's own line (DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN). */
async function seedPovertyLines(currentYear: number): Promise<number> {
  const years = Array.from({ length: Math.max(0, currentYear - 2020) }, (_, index) => 2021 + index);
  const { count } = await db.povertyLine.createMany({
    data: years.map((year) => ({ year, amountFen: DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN })),
    skipDuplicates: true,
  });
  return count;
}

async function seedVillageAccounts(): Promise<number> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const { count } = await db.user.createMany({ data: DEMO_VILLAGE_ACCOUNTS.map((account) => ({ ...account, passwordHash })), skipDuplicates: true });
  return count;
}

// ---------------------------------------------------------------------------
// 返贫
// ---------------------------------------------------------------------------

const RETURNS: { reason: string; primaryCause: PovertyCause; otherCauses: PovertyCause[] }[] = [
  { reason: "户主突发脑梗住院治疗，医疗支出大，家庭人均纯收入降至贫困线以下", primaryCause: "ILLNESS", otherCauses: ["LACK_FUNDS"] },
  { reason: "今年汛期山洪冲毁耕地和养殖圈舍，当年经营收入大幅减少", primaryCause: "DISASTER", otherCauses: ["LACK_FUNDS"] },
  { reason: "家中主要劳动力外出务工时受伤致残，家庭失去主要收入来源", primaryCause: "DISABILITY", otherCauses: ["LACK_LABOUR"] },
  { reason: "两个子女同时就读高中和大学，教育支出超过家庭承受能力", primaryCause: "SCHOOLING", otherCauses: [] },
  { reason: "配偶患尿毒症需长期透析，户主照料病人无法外出务工", primaryCause: "ILLNESS", otherCauses: ["LACK_LABOUR"] },
];

/**
 * A few exited households (outside the first village) return to poverty through the real command, one
 * per township and one more: the household's status, reason and new causes, and the audit row the
 * dashboard reads the return year from, are exactly what the 返贫 form writes.
 */
async function returnSomeToPoverty(households: DemoHousehold[], actors: Actors): Promise<number> {
  const r = new Choices("returns");
  const exited = r.shuffled(households.filter((household) => household.status === "EXITED" && household.villageCode !== FIRST_VILLAGE));
  const chosen: DemoHousehold[] = [];
  for (const township of DEMO_TOWNSHIPS) {
    const household = exited.find((candidate) => candidate.townshipCode === township.code && !chosen.includes(candidate));
    if (household) chosen.push(household);
  }
  const extra = exited.find((candidate) => !chosen.includes(candidate));
  if (extra) chosen.push(extra);

  for (const [index, household] of chosen.slice(0, RETURNS.length).entries()) {
    const actor = actors.inRegion("TOWNSHIP_CADRE", household.townshipCode) ?? actors.county;
    const { reason, primaryCause, otherCauses } = RETURNS[index];
    await returnToPoverty(actor, { householdId: household.id, version: household.version, reason, primaryCause, otherCauses });
  }
  return Math.min(chosen.length, RETURNS.length);
}

/**
 * The synthetic generator never leaves a school-age child out of school nor a household without clothes:
 * the 短板清单 would show nothing for 义务教育 and 不愁穿. A few households outside the first village get
 * these shortfalls recorded (a 辍学 pupil, 四季衣被 not secured).
 */
async function recordShortfalls(households: DemoHousehold[], today: string): Promise<{ dropouts: number; clothing: number }> {
  const r = new Choices("shortfalls");
  const candidates = households.filter((household) => isOpen(household) && household.villageCode !== FIRST_VILLAGE);
  const pupils = r
    .shuffled(
      candidates.flatMap((household) =>
        household.members.filter((member) => {
          const age = ageOn(toDateString(member.birthDate), today) ?? 0;
          return (
            member.status === "PRESENT" && member.schoolingExemption === "NONE" && ["PRIMARY", "JUNIOR"].includes(member.schoolStatus) && age >= 12 && age <= 14
          );
        }),
      ),
    )
    .slice(0, 3);
  await db.member.updateMany({ where: { id: { in: pupils.map((pupil) => pupil.id) } }, data: { schoolStatus: "NOT_IN_SCHOOL" } });
  const unclothed = candidates.filter(() => r.chance(0.02)).map((household) => household.id);
  await db.household.updateMany({ where: { id: { in: unclothed } }, data: { clothingSecure: false } });
  return { dropouts: pupils.length, clothing: unclothed.length };
}

// ---------------------------------------------------------------------------
// This year's income
// ---------------------------------------------------------------------------

const TRANSFER_FIELDS = [
  "minimumLivingFen",
  "extremePovertySupportFen",
  "pensionFen",
  "familyPlanningFen",
  "ecologicalCompensationFen",
  "otherTransferFen",
] as const;

/**
 * This year's income of an open household: the transfers of its last record (raised a little since), the
 * market income making up the rest of a net income drawn around the line, in whole yuan. 返贫 households
 * are mostly below the line; of the others about one in seven.
 */
function currentIncome(r: Choices, household: DemoHousehold, lineFen: number, year: number): Prisma.IncomeRecordCreateManyInput {
  const last = household.incomes[0];
  const people = Math.max(1, presentCount(household));
  const below = household.status === "RETURNED" ? r.chance(0.7) : household.attribute !== "EXTREME" && r.chance(0.15);
  const ratio = below ? 0.6 + 0.35 * r.fraction() : 1.08 + Math.min(2.2, -Math.log(1 - r.fraction()) * 0.5);
  const netFen = Math.round((ratio * lineFen * people) / 100) * 100;

  const transfers = Object.fromEntries(TRANSFER_FIELDS.map((field) => [field, Math.round(((last?.[field] ?? 0) * 1.15) / 100) * 100])) as Record<
    (typeof TRANSFER_FIELDS)[number],
    number
  >;
  let transferFen = TRANSFER_FIELDS.reduce((sum, field) => sum + transfers[field], 0);
  if (transferFen > netFen) {
    for (const field of TRANSFER_FIELDS) transfers[field] = Math.floor((transfers[field] * netFen) / transferFen / 100) * 100;
    transferFen = TRANSFER_FIELDS.reduce((sum, field) => sum + transfers[field], 0);
  }
  const marketFen = netFen - transferFen;
  const propertyFen = Math.min(marketFen, Math.round(((last?.propertyFen ?? 0) * 1.1) / 100) * 100);
  const lastWage = last?.wageFen ?? 0;
  const lastBusiness = (last?.businessIncomeFen ?? 0) - (last?.businessExpenseFen ?? 0);
  const wageShare = lastWage + lastBusiness > 0 ? Math.min(1, Math.max(0, lastWage / (lastWage + lastBusiness))) : 0.6;
  const wageFen = Math.floor(((marketFen - propertyFen) * wageShare) / 100) * 100;
  const businessNetFen = marketFen - propertyFen - wageFen;
  const businessIncomeFen = Math.round(businessNetFen / (1 - (0.2 + 0.3 * r.fraction())) / 100) * 100;
  return {
    householdId: household.id,
    countyCode: household.countyCode,
    year,
    wageFen,
    businessIncomeFen,
    businessExpenseFen: businessIncomeFen - businessNetFen,
    propertyFen,
    ...transfers,
  };
}

async function seedCurrentIncomes(households: DemoHousehold[], year: number): Promise<{ records: number; belowLine: number }> {
  const r = new Choices("incomes");
  const lineFen = DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN;
  const rows = households
    .filter((household) => isOpen(household) && !household.incomes.some((income) => income.year === year))
    .map((household) => currentIncome(r, household, lineFen, year));
  await db.incomeRecord.createMany({ data: rows });
  const belowLine = rows.filter((row) => {
    const transfer = TRANSFER_FIELDS.reduce((sum, field) => sum + (row[field] ?? 0), 0);
    const net = (row.wageFen ?? 0) + (row.businessIncomeFen ?? 0) - (row.businessExpenseFen ?? 0) + (row.propertyFen ?? 0) + transfer;
    const people = Math.max(1, presentCount(households.find((household) => household.id === row.householdId)!));
    return net <= lineFen * people;
  }).length;
  return { records: rows.length, belowLine };
}

// ---------------------------------------------------------------------------
// 帮扶措施
// ---------------------------------------------------------------------------

/** Who carries out a category, who pays for it and what it usually costs (whole yuan). */
const CATEGORY_PRACTICE: Record<MeasureCategory, { units: string[]; funding: Partial<Record<FundingSourceCode, number>>; yuan: [number, number] }> = {
  INDUSTRY: {
    units: ["县农业农村局", "乡镇农业服务中心"],
    funding: { CENTRAL: 3, PROVINCIAL: 2, EAST_WEST: 2, DESIGNATED: 1, MUNICIPAL: 1 },
    yuan: [2_000, 8_000],
  },
  EMPLOYMENT: { units: ["县人力资源和社会保障局", "乡镇劳动保障所"], funding: { COUNTY: 2, EAST_WEST: 2, PROVINCIAL: 1, DESIGNATED: 1 }, yuan: [500, 3_000] },
  EDUCATION: { units: ["县教育局"], funding: { CENTRAL: 2, PROVINCIAL: 2, SOCIAL: 1, DESIGNATED: 1 }, yuan: [1_000, 5_000] },
  HEALTH: { units: ["县卫生健康局", "县医疗保障局", "乡镇卫生院"], funding: { CENTRAL: 2, PROVINCIAL: 1, COUNTY: 2, SOCIAL: 1 }, yuan: [500, 6_000] },
  HOUSING: { units: ["县住房和城乡建设局"], funding: { CENTRAL: 3, PROVINCIAL: 2 }, yuan: [15_000, 35_000] },
  WATER: { units: ["县水务局"], funding: { PROVINCIAL: 1, MUNICIPAL: 1, COUNTY: 1 }, yuan: [800, 2_500] },
  SOCIAL_SECURITY: { units: ["县民政局", "乡镇民政办"], funding: { CENTRAL: 2, PROVINCIAL: 1, COUNTY: 1 }, yuan: [1_500, 4_800] },
  FINANCE: { units: ["县农村商业银行"], funding: { COUNTY: 2, MUNICIPAL: 1 }, yuan: [20_000, 50_000] },
  ECOLOGY: { units: ["县林业局"], funding: { CENTRAL: 2, PROVINCIAL: 1 }, yuan: [8_000, 10_000] },
  ASSET_INCOME: { units: ["村股份经济合作社"], funding: { EAST_WEST: 1, MUNICIPAL: 1, COUNTY: 1 }, yuan: [300, 1_500] },
  MOTIVATION: { units: ["乡镇人民政府", "县扶贫办"], funding: { COUNTY: 1, SOCIAL: 1 }, yuan: [100, 600] },
  SOCIAL: { units: ["定点帮扶单位", "县工商联"], funding: { DESIGNATED: 2, SOCIAL: 2, EAST_WEST: 1 }, yuan: [500, 3_000] },
  INFRASTRUCTURE: { units: ["县交通运输局"], funding: { CENTRAL: 1, PROVINCIAL: 1, MUNICIPAL: 1 }, yuan: [5_000, 20_000] },
};

/** The items a cadre would choose for a cause within a fitting category; other pairs take any item of the category. */
const USUAL_ITEMS: Partial<Record<`${PovertyCause}:${MeasureCategory}`, string[]>> = {
  "ILLNESS:HEALTH": ["三重医疗保障", "家庭医生签约", "大病专项救治", "先诊疗后付费"],
  "ILLNESS:SOCIAL_SECURITY": ["低保", "临时救助"],
  "DISABILITY:SOCIAL_SECURITY": ["残疾人两项补贴", "低保"],
  "DISABILITY:HEALTH": ["家庭医生签约"],
  "DISABILITY:EMPLOYMENT": ["公益岗位", "扶贫车间"],
  "SCHOOLING:EDUCATION": ["两免一补", "助学金", "雨露计划"],
  "LACK_LABOUR:SOCIAL_SECURITY": ["低保", "特困供养"],
  "LACK_LABOUR:EMPLOYMENT": ["公益岗位"],
  "LACK_SKILLS:EMPLOYMENT": ["技能培训", "转移就业", "扶贫车间"],
  "LACK_FUNDS:FINANCE": ["扶贫小额信贷"],
  "LACK_FUNDS:INDUSTRY": ["到户产业资金", "养殖", "种植"],
  "LACK_LAND:INDUSTRY": ["土地流转", "光伏", "电商"],
  "LACK_LAND:EMPLOYMENT": ["转移就业"],
  "LACK_WATER:WATER": ["饮水安全工程"],
  "DISASTER:SOCIAL_SECURITY": ["临时救助"],
  "POOR_TRANSPORT:INFRASTRUCTURE": ["通组路建设", "产业路建设"],
  "LACK_MOTIVATION:MOTIVATION": ["扶志扶智教育", "道德积分超市"],
  "LACK_MOTIVATION:EMPLOYMENT": ["公益岗位", "技能培训"],
  "OTHER:SOCIAL": ["结对帮扶", "消费帮扶"],
  "OTHER:INDUSTRY": ["种植", "养殖"],
};

type Catalogue = Map<MeasureCategory, { id: string; name: string }[]>;

async function loadCatalogue(): Promise<Catalogue> {
  const items = await db.measureItem.findMany({
    where: { retired: false },
    orderBy: [{ category: "asc" }, { sortOrder: "asc" }],
    select: { id: true, category: true, name: true },
  });
  const catalogue: Catalogue = new Map();
  for (const item of items) catalogue.set(item.category as MeasureCategory, [...(catalogue.get(item.category as MeasureCategory) ?? []), item]);
  return catalogue;
}

type MeasureRow = Prisma.MeasureCreateManyInput & { category: MeasureCategory; addressedCauses: PovertyCause[]; status: MeasureStatus };

class MeasurePlanner {
  readonly rows: MeasureRow[] = [];
  constructor(
    private readonly r: Choices,
    private readonly matrix: FitMatrix,
    private readonly catalogue: Catalogue,
    private readonly today: string,
  ) {}

  /** A category that fits the cause and has items in use; housing is left to the C/D houses (addHousing). */
  categoryFor(cause: PovertyCause): MeasureCategory | null {
    const fitting = fittingCategories(this.matrix, cause).filter((category) => category !== "HOUSING" && this.catalogue.has(category));
    if (fitting.length === 0) return null;
    const usual = fitting.filter((category) => USUAL_ITEMS[`${cause}:${category}`]);
    return this.r.pick(usual.length > 0 ? usual : fitting);
  }

  private item(cause: PovertyCause, category: MeasureCategory, name?: string) {
    const items = this.catalogue.get(category)!;
    const wanted = name ? [name] : (USUAL_ITEMS[`${cause}:${category}`] ?? []);
    const usual = items.filter((item) => wanted.includes(item.name));
    return this.r.pick(usual.length > 0 ? usual : items);
  }

  /** Dates and outcome that fit the status: completed in the past, running now, planned ahead, terminated early. */
  private schedule(status: MeasureStatus, category: MeasureCategory): Pick<MeasureRow, "startDate" | "endDate" | "outcomeFen"> {
    const r = this.r;
    const today = this.today;
    switch (status) {
      case "COMPLETED": {
        const start = dateBetween(r, "2021-03-01", daysAgo(today, 200));
        const end = earlier(addDays(start, r.int(60, 365)), daysAgo(today, 7));
        return { startDate: fromDateString(start), endDate: fromDateString(end), outcomeFen: category === "HOUSING" ? 0 : r.yuan(300, 5_000) };
      }
      case "ACTIVE": {
        const start = dateBetween(r, "2024-01-01", daysAgo(today, 30));
        return { startDate: fromDateString(start), endDate: r.chance(0.5) ? fromDateString(addDays(start, r.int(365, 730))) : null, outcomeFen: null };
      }
      case "PLANNED":
        return { startDate: fromDateString(addDays(today, r.int(7, 90))), endDate: null, outcomeFen: null };
      case "TERMINATED": {
        const start = dateBetween(r, "2022-03-01", daysAgo(today, 240));
        return { startDate: fromDateString(start), endDate: fromDateString(addDays(start, r.int(30, 200))), outcomeFen: null };
      }
    }
  }

  add(household: DemoHousehold, category: MeasureCategory, causes: PovertyCause[], status: MeasureStatus, itemName?: string): MeasureRow {
    const practice = CATEGORY_PRACTICE[category];
    const item = this.item(causes[0], category, itemName);
    const row: MeasureRow = {
      countyCode: household.countyCode,
      householdId: household.id,
      itemId: item.id,
      category,
      addressedCauses: causes,
      amountFen: this.r.yuan(...practice.yuan),
      fundingSource: this.r.weightedKey(practice.funding),
      responsibleUnit: this.r.pick(practice.units),
      status,
      createdBy: household.helperId,
      ...this.schedule(status, category),
    };
    this.rows.push(row);
    return row;
  }

  /** A completed 危房改造 (or 易地扶贫搬迁 for a household cut off by poor roads) on a C/D house. */
  addHousing(household: DemoHousehold, cause: PovertyCause): void {
    const item = cause === "POOR_TRANSPORT" && this.r.chance(0.5) ? "易地扶贫搬迁" : "危房改造";
    const row = this.add(household, "HOUSING", [cause], "COMPLETED", item);
    row.amountFen = household.housingGrade?.trim() === "D" ? this.r.yuan(30_000, 35_000) : this.r.yuan(15_000, 20_000);
  }
}

/**
 * Every open household gets measures for its causes: about four in five have each cause covered by a
 * running or completed measure of a fitting category (one measure may address two causes its category
 * fits), the others leave one cause uncovered (its measure only planned, terminated, or missing); 返贫
 * households, just returned, are uncovered more often. Some get a further planned measure. About half of
 * the open C/D houses have a completed 危房改造 (their household gets 因灾 recorded when none of its
 * causes fits 住房保障). About half of the exited households keep a completed measure from before they exited.
 */
async function seedMeasures(households: DemoHousehold[], today: string): Promise<{ measures: number; covered: number; open: number; housing: number }> {
  const r = new Choices("measures");
  const matrix = await loadFitMatrix(db);
  const planner = new MeasurePlanner(r, matrix, await loadCatalogue(), today);
  const fitsHousing = (cause: PovertyCause) => matrix.get(cause)?.has("HOUSING") ?? false;
  const addedDisaster: string[] = [];
  let housing = 0;

  for (const household of households.filter(isOpen)) {
    const causes = householdCauses(household);
    const covered = new Set<PovertyCause>();
    if (["C", "D"].includes(household.housingGrade?.trim() ?? "") && r.chance(0.55)) {
      const cause = causes.find(fitsHousing) ?? (fitsHousing("DISASTER") ? "DISASTER" : null);
      if (cause) {
        if (!causes.includes(cause)) {
          causes.push(cause);
          addedDisaster.push(household.id);
        }
        planner.addHousing(household, cause);
        covered.add(cause);
        housing++;
      }
    }
    const uncoveredShare = household.status === "RETURNED" ? 0.5 : 0.2;
    const leftOut = r.chance(uncoveredShare) ? r.pick(causes.length > 1 ? causes.slice(1) : causes) : null;
    const covering: MeasureRow[] = [];
    for (const cause of causes) {
      if (covered.has(cause)) continue;
      const category = planner.categoryFor(cause);
      if (!category) continue;
      if (cause === leftOut) {
        const outcome = r.weightedKey({ PLANNED: 45, TERMINATED: 25, MISSING: 30 });
        if (outcome !== "MISSING") planner.add(household, category, [cause], outcome);
        continue;
      }
      const shared = covering.find((row) => matrix.get(cause)?.has(row.category));
      if (shared && r.chance(0.4)) shared.addressedCauses.push(cause);
      else covering.push(planner.add(household, category, [cause], r.chance(0.55) ? "ACTIVE" : "COMPLETED"));
    }
    if (r.chance(0.2)) {
      const cause = r.pick(causes);
      const category = planner.categoryFor(cause);
      if (category) planner.add(household, category, [cause], "PLANNED");
    }
  }

  for (const household of households.filter((candidate) => candidate.status === "EXITED" && candidate.exitYear)) {
    if (!r.chance(0.5)) continue;
    const cause = household.primaryCause as PovertyCause;
    const category = planner.categoryFor(cause);
    if (!category) continue;
    const row = planner.add(household, category, [cause], "COMPLETED");
    const start = dateBetween(r, `${Math.max(household.identificationYear, household.exitYear! - 2)}-03-01`, `${household.exitYear! - 1}-12-31`);
    row.startDate = fromDateString(start);
    row.endDate = fromDateString(dateBetween(r, `${household.exitYear}-01-01`, `${household.exitYear}-11-30`));
  }

  await db.$transaction(async (tx) => {
    for (const id of addedDisaster) {
      const household = households.find((candidate) => candidate.id === id)!;
      await tx.household.update({ where: { id }, data: { otherCauses: [...household.otherCauses, "DISASTER"] } });
      household.otherCauses = [...household.otherCauses, "DISASTER"];
    }
    await tx.measure.createMany({ data: planner.rows });
  });

  // The coverage the dashboard will count, by the rule function it counts with.
  const open = households.filter(isOpen);
  const coveredHouseholds = open.filter((household) => {
    const measures = planner.rows
      .filter((row) => row.householdId === household.id)
      .map((row, index) => ({ id: String(index), category: row.category, item: "", status: row.status, addressedCauses: row.addressedCauses }));
    return computeCoverage(householdCauses(household), measures, matrix).every((coverage) => coverage.covered);
  }).length;
  return { measures: planner.rows.length, covered: coveredHouseholds, open: open.length, housing };
}

// ---------------------------------------------------------------------------
// 走访
// ---------------------------------------------------------------------------

const VISIT_NOTES: Partial<Record<PovertyCause, [string, string][]>> = {
  ILLNESS: [
    ["患病成员按时服药，病情稳定，家庭医生每月随访", "提醒按时复诊，协助办理慢性病门诊报销"],
    ["户主住院后回家休养，医疗费用已按三重保障报销", "核对报销单据，跟进大病救助申请"],
  ],
  DISABILITY: [
    ["残疾成员生活基本能自理，两项补贴按月到账", "联系残联为其适配辅助器具"],
    ["了解残疾成员就业意愿，希望在村扶贫车间做手工", "推荐到扶贫车间试岗"],
  ],
  SCHOOLING: [["两个孩子在校就读正常，已落实两免一补和助学金", "提醒办理下学期雨露计划补助"]],
  LACK_SKILLS: [["长子想学电焊技术外出务工", "报名县人社局本月电焊培训班"]],
  LACK_LABOUR: [["家中只有两位老人，日常生活靠低保和养老金", "联系邻居结对照应，落实公益岗位"]],
  LACK_FUNDS: [["户主计划扩大养牛规模，缺少启动资金", "协助申请扶贫小额信贷"]],
  LACK_WATER: [["饮水管道已入户，水量水质正常", "提醒冬季做好水管防冻"]],
  DISASTER: [["房屋受灾后已修缮，临时救助金已发放", "跟进耕地复垦情况"]],
};
const GENERAL_NOTES: [string, string][] = [
  ["核对家庭收入台账，补充记录今年务工和养殖收入", "收集务工收入证明"],
  ["宣讲防止返贫监测和帮扶政策，户主表示清楚", ""],
  ["查看住房和饮水情况，均正常", ""],
  ["种植的辣椒长势良好，预计亩产收入三千元以上", "对接消费帮扶，帮助联系收购商"],
  ["户主在家，家庭成员身体健康，生活有保障", ""],
];

/**
 * Each open household is visited by its 帮扶责任人: about three in four last within the overdue limit,
 * most of the others longer ago, a few never; earlier visits go back several months.
 */
async function seedVisits(households: DemoHousehold[], today: string, overdueDays: number): Promise<{ visits: number; recent: number; open: number }> {
  const r = new Choices("visits");
  const rows: Prisma.VisitCreateManyInput[] = [];
  let recent = 0;
  const open = households.filter(isOpen);
  for (const household of open) {
    const kind = r.weightedKey({ recent: 72, overdue: 20, never: 8 });
    if (kind === "never") continue;
    if (kind === "recent") recent++;
    let visitedOn = kind === "recent" ? daysAgo(today, r.int(0, Math.max(0, overdueDays - 3))) : daysAgo(today, r.int(overdueDays + 5, 200));
    const notes = [...(VISIT_NOTES[household.primaryCause as PovertyCause] ?? []), ...GENERAL_NOTES];
    for (let visit = r.int(1, 4); visit > 0; visit--) {
      const [findings, actions] = r.pick(notes);
      rows.push({
        countyCode: household.countyCode,
        householdId: household.id,
        visitorId: household.helperId,
        visitedOn: fromDateString(visitedOn),
        findings,
        actions,
      });
      visitedOn = daysAgo(visitedOn, r.int(20, 75));
    }
  }
  await db.visit.createMany({ data: rows });
  return { visits: rows.length, recent, open: open.length };
}

// ---------------------------------------------------------------------------
// 农村户籍人口 and 年度减贫任务
// ---------------------------------------------------------------------------

/** 2014 … this year for every village but the unreported ones; each village drifts slowly from its base. */
async function seedVillagePopulations(currentYear: number): Promise<number> {
  const r = new Choices("populations");
  const unreported: readonly string[] = DEMO_VILLAGES_WITHOUT_POPULATION;
  const rows: Prisma.VillagePopulationCreateManyInput[] = [];
  for (const village of DEMO_TOWNSHIPS.flatMap((township) => township.villages)) {
    const base = r.int(1_200, 4_200);
    const drift = -0.01 + 0.025 * r.fraction();
    if (unreported.includes(village.code)) continue;
    for (let year = 2014; year <= currentYear; year++)
      rows.push({ villageCode: village.code, year, ruralPopulation: Math.round(base * (1 + drift) ** (year - 2014)) });
  }
  await db.villagePopulation.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}

/**
 * This year's targets: every township (what it has approved so far plus a few more households still to go,
 * so the progress bars differ) and the villages with exit sheets (never more, together, than their
 * township's); two earlier years per township, around what was actually achieved.
 */
async function seedReductionTargets(households: DemoHousehold[], currentYear: number, countyUserId: string): Promise<number> {
  const r = new Choices("targets");
  const rows: Prisma.ReductionTargetCreateManyInput[] = [];
  const peopleOf = (group: DemoHousehold[]) => group.reduce((sum, household) => sum + Math.max(1, presentCount(household)), 0);
  const target = (regionCode: string, year: number, householdsTarget: number, people: number) =>
    rows.push({ regionCode, year, countyCode: countyCode6, households: householdsTarget, people: Math.max(householdsTarget, people), updatedBy: countyUserId });
  const villagesWithSheets = Object.keys(SHEET_PLAN);

  for (const township of DEMO_TOWNSHIPS) {
    const exitedNow = households.filter((household) => household.townshipCode === township.code && household.exitYear === currentYear);
    const villageTargets = township.villages
      .filter((village) => villagesWithSheets.includes(village.code))
      .map((village) => {
        const own = exitedNow.filter((household) => household.villageCode === village.code);
        const extra = r.int(0, 1);
        return { code: village.code, households: own.length + extra, people: peopleOf(own) + extra * 4 };
      });
    const villageSum = villageTargets.reduce((sum, village) => sum + village.households, 0);
    const extra = r.int(1, 3);
    const householdsTarget = Math.max(exitedNow.length + extra, villageSum);
    const villagePeople = villageTargets.reduce((sum, village) => sum + village.people, 0);
    target(township.code, currentYear, householdsTarget, Math.max(peopleOf(exitedNow) + (householdsTarget - exitedNow.length) * 4, villagePeople));
    for (const village of villageTargets) if (village.households > 0) target(village.code, currentYear, village.households, village.people);

    for (const year of [2018, 2019]) {
      const achieved = households.filter((household) => household.townshipCode === township.code && household.exitYear === year);
      const planned = Math.max(1, achieved.length + r.int(-2, 2));
      const perHousehold = achieved.length > 0 ? peopleOf(achieved) / achieved.length : 4;
      target(township.code, year, planned, Math.round(planned * perHousehold));
    }
  }
  await db.reductionTarget.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}

// ---------------------------------------------------------------------------
// This year's exit sheets, through the real commands
// ---------------------------------------------------------------------------

/** Where a demo sheet is left: waiting for a step (a notice still running, or due to close), approved, or sent back. */
type SheetGoal = { waitsFor: ExitStep; notice?: "RUNNING" | "DUE"; objection?: boolean } | { approved: true } | { rejectedAt: "TOWNSHIP_REVIEW" };

/** Per village (with its 村干部 and 驻村工作队 in DEMO_VILLAGE_ACCOUNTS), the sheets in the order candidates are taken. */
const SHEET_PLAN: Record<string, SheetGoal[]> = {
  "522698100202": [
    { approved: true },
    { approved: true },
    { waitsFor: "COUNTY_APPROVAL" },
    { waitsFor: "PUBLIC_NOTICE", notice: "DUE" },
    { waitsFor: "WORK_TEAM_VERIFY" },
  ],
  "522698100203": [
    { approved: true },
    { approved: true },
    { waitsFor: "TOWNSHIP_REVIEW" },
    { waitsFor: "PUBLIC_NOTICE", notice: "RUNNING", objection: true },
    { waitsFor: "DEMOCRATIC_REVIEW" },
  ],
  "522698101202": [
    { approved: true },
    { approved: true },
    { waitsFor: "COUNTY_APPROVAL" },
    { waitsFor: "PUBLIC_NOTICE", notice: "RUNNING" },
    { waitsFor: "WORK_TEAM_VERIFY" },
    { rejectedAt: "TOWNSHIP_REVIEW" },
  ],
  "522698101203": [
    { approved: true },
    { approved: true },
    { waitsFor: "TOWNSHIP_REVIEW" },
    { waitsFor: "HOUSEHOLD_CONSENT" },
    { waitsFor: "DEMOCRATIC_REVIEW" },
  ],
};

/** A valid one-pixel PNG standing in for the scans and photos (the demo has no real paper to scan). */
const PLACEHOLDER_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000500020106a1a5a40000000049454e44ae426082",
  "hex",
);

const STEP_ORDER: readonly ExitStep[] = EXIT_STEP.codes;

type SheetCrew = { helper: Actor; village: Actor; team: Actor; township: Actor; county: Actor };

/** The households of a village that meet all six criteria for the year, evaluated exactly as the proposal will evaluate them. */
async function eligibleHouseholds(households: DemoHousehold[], villageCode: string, year: number): Promise<DemoHousehold[]> {
  const candidates = households.filter((household) => household.villageCode === villageCode && household.status === "REGISTERED");
  const environment = await contentEnvironment(db, [year]);
  const facts = await loadHouseholdExitData(
    db,
    candidates.map((household) => household.id),
  );
  return candidates.filter((household) => contentFor(facts.get(household.id)!, year, environment).allMet);
}

const version = async (sheetId: string) => String((await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId }, select: { version: true } })).version);

/**
 * Posts the 村内公示 with its photo, dated `daysBack` days ago. The demo simulates a process that took place over the last weeks:
 * the commands sign now (signatures are immutable and dated by the server), so the one date the chain
 * waits on — the posting of the 村内公示, which must be ≥ noticeMinDays old before it can close — is moved
 * back in the database, as tests/integration/exits.test.ts does. Nothing else is back-dated.
 */
async function postNotice(sheetId: string, team: Actor, today: string, daysBack: number) {
  await uploadSheetEvidence(team, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示栏照片（演示）.png", bytes: PLACEHOLDER_PNG } });
  await startNotice(team, { sheetId, version: await version(sheetId), postedOn: today });
  await db.exitSheet.update({ where: { id: sheetId }, data: { noticePostedOn: fromDateString(daysAgo(today, daysBack)) } });
}

type SheetTime = { year: number; today: string; noticeMinDays: number };

/** Drives one sheet through the chain up to its goal, each step by the user whose step it is. */
async function driveSheet(r: Choices, household: DemoHousehold, goal: SheetGoal, crew: SheetCrew, { year, today, noticeMinDays }: SheetTime): Promise<void> {
  const stopAt = "approved" in goal ? STEP_ORDER.length : "rejectedAt" in goal ? STEP_ORDER.indexOf(goal.rejectedAt) : STEP_ORDER.indexOf(goal.waitsFor);
  const { id: sheetId } = await openExitSheet(crew.helper, {
    householdId: household.id,
    assessmentYear: year,
    opinion: r.pick(["经入户核验，两不愁三保障均已达标，申请脱贫退出", "该户收入稳定超过贫困线，三保障均已落实", "家庭收入来源稳定，符合退出条件"]),
  });
  for (const step of STEP_ORDER.slice(1, stopAt)) {
    switch (step) {
      case "DEMOCRATIC_REVIEW": {
        const present = r.int(18, 35);
        await signStep(crew.village, {
          sheetId,
          version: await version(sheetId),
          step,
          reviewDate: today,
          reviewPresent: present,
          reviewResult: `同意退出（${present - r.int(0, 2)}票赞成）`,
        });
        break;
      }
      case "WORK_TEAM_VERIFY":
        await signStep(crew.team, { sheetId, version: await version(sheetId), step, opinion: "入户核实，情况属实" });
        break;
      case "HOUSEHOLD_CONSENT":
        await uploadSheetEvidence(crew.village, { sheetId, kind: "CONSENT", file: { name: "认可书扫描件（演示）.png", bytes: PLACEHOLDER_PNG } });
        await recordConsent(crew.village, { sheetId, version: await version(sheetId), opinion: "户主签字按手印" });
        break;
      case "PUBLIC_NOTICE":
        await postNotice(sheetId, crew.team, today, noticeMinDays + r.int(1, 7));
        await closeNotice(crew.village, { sheetId, version: await version(sheetId), opinion: "公示期满，无异议" });
        break;
      case "TOWNSHIP_REVIEW":
        await signStep(crew.township, { sheetId, version: await version(sheetId), step, opinion: "审核通过" });
        break;
      case "COUNTY_APPROVAL":
        await signStep(crew.county, { sheetId, version: await version(sheetId), step, opinion: "同意退出" });
        break;
    }
  }
  if ("waitsFor" in goal && goal.notice) {
    await postNotice(sheetId, crew.team, today, goal.notice === "DUE" ? noticeMinDays + r.int(1, 3) : r.int(1, Math.max(1, noticeMinDays - 2)));
    if (goal.objection) {
      await recordObjection(crew.team, {
        sheetId,
        version: await version(sheetId),
        raisedOn: daysAgo(today, 1),
        content: "有村民反映该户家中购置了一辆农用车，收入可能未如实申报",
      });
    }
  }
  if ("rejectedAt" in goal) {
    await rejectSheet(crew.township, {
      sheetId,
      version: await version(sheetId),
      step: goal.rejectedAt,
      reason: "该户今年的务工收入缺少务工证明，请补充佐证材料后重新提出",
    });
  }
}

/**
 * The villages' sheets are driven side by side (each village its own PRNG stream, so the outcome does not
 * depend on how the commands interleave); within a village one sheet after another.
 */
async function seedExitSheets(households: DemoHousehold[], actors: Actors, time: SheetTime): Promise<{ sheets: number; shortOf: number }> {
  const perVillage = await Promise.all(
    Object.entries(SHEET_PLAN).map(async ([villageCode, goals]) => {
      const r = new Choices(`exit-sheets/${villageCode}`);
      const candidates = r.shuffled(await eligibleHouseholds(households, villageCode, time.year));
      const cadre = actors.inRegion("VILLAGE_CADRE", villageCode);
      const team = actors.inRegion("WORK_TEAM", villageCode);
      const township = candidates[0] ? actors.inRegion("TOWNSHIP_CADRE", candidates[0].townshipCode) : null;
      if (!cadre || !team || !township) return { sheets: 0, shortOf: goals.length };
      let sheets = 0;
      for (const [index, goal] of goals.slice(0, candidates.length).entries()) {
        const household = candidates[index];
        await driveSheet(r, household, goal, { helper: actors.byId(household.helperId), village: cadre, team, township, county: actors.county }, time);
        sheets++;
      }
      return { sheets, shortOf: goals.length - sheets };
    }),
  );
  return { sheets: perVillage.reduce((sum, row) => sum + row.sheets, 0), shortOf: perVillage.reduce((sum, row) => sum + row.shortOf, 0) };
}

// ---------------------------------------------------------------------------
// The whole activity
// ---------------------------------------------------------------------------

/** Writes the activity into a freshly seeded demo county and returns a summary for the log; null (nothing written) when it has measures or sheets already. */
export async function seedDemoActivity(): Promise<string | null> {
  if ((await db.measure.count()) > 0 || (await db.exitSheet.count()) > 0) return null;
  const today = todayString();
  const year = Number(today.slice(0, 4));
  const settings = await getCountySettings(db);

  const lines = await seedPovertyLines(year);
  const accounts = await seedVillageAccounts();
  const actors = await Actors.load();
  const returned = await returnSomeToPoverty(await loadHouseholds(), actors);
  const shortfalls = await recordShortfalls(await loadHouseholds(), today);
  let households = await loadHouseholds();
  const incomes = await seedCurrentIncomes(households, year);
  const measures = await seedMeasures(households, today);
  const visits = await seedVisits(households, today, settings.visitOverdueDays);
  const populations = await seedVillagePopulations(year);
  households = await loadHouseholds();
  const sheets = await seedExitSheets(households, actors, { year, today, noticeMinDays: settings.noticeMinDays });
  const targets = await seedReductionTargets(await loadHouseholds(), year, actors.county.userId);

  const parts = [
    `贫困线 ${lines} 个年度`,
    `村级账号 ${accounts} 个`,
    `返贫 ${returned} 户`,
    `${year}年收入 ${incomes.records} 户（${incomes.belowLine} 户低于贫困线）`,
    `帮扶措施 ${measures.measures} 项（未脱贫户 ${measures.covered}/${measures.open} 户全覆盖，危房改造 ${measures.housing} 户）`,
    `走访 ${visits.visits} 次（${visits.recent}/${visits.open} 户 ${settings.visitOverdueDays} 天内走访过）`,
    `辍学 ${shortfalls.dropouts} 人、衣被无保障 ${shortfalls.clothing} 户`,
    `农村户籍人口 ${populations} 条`,
    `退出核验表 ${sheets.sheets} 张`,
    `减贫任务 ${targets} 条`,
  ];
  if (sheets.shortOf > 0) parts.push(`另有 ${sheets.shortOf} 张核验表因没有达标的户未能建立`);
  return parts.join("，");
}
