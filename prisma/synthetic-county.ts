/**
 * Synthetic county generator: realistic registered poor households (一户一档) with members and
 * one year of income, for the demo seed and for benchmarks at the size of the largest county
 * (ARCHITECTURE "Sizes to design for": ~75 000 households / ~340 000 people).
 *
 * - Deterministic given the seed, the reference date (ages are computed on it; default today)
 *   and what the database already holds (户编号 continue after the villages' sequences, ID
 *   numbers already registered in the county are avoided).
 * - ID numbers are valid GB 11643 numbers (region = the county's 6 digits, birth date and
 *   sequence parity matching the member's columns) and unique in the county.
 * - Bulk load: one INSERT … SELECT FROM unnest(…) per table per batch of households, each
 *   batch in its own transaction. Never row by row.
 */
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import type pg from "pg";
import type { HouseholdAttribute, PovertyCause } from "@/lib/domain/codes";
import { makeIdNumber } from "@/lib/members/id-number";
import { DEMO_PASSWORD } from "./demo-county";

export type Queryable = pg.Client | pg.PoolClient;

export type SyntheticVillage = { code: string; townshipCode: string; helperIds: string[] };

export type GenerateOptions = {
  households: number;
  seed?: number;
  /** The county's 6-digit code (also the region code of every generated ID number). */
  countyCode6: string;
  villages: SyntheticVillage[];
  /** The income year, e.g. 2020; its poverty line must be configured (poverty_line). */
  year: number;
  onProgress?: (done: number, total: number) => void;
  /** Households per transaction (default 2 000). */
  batchSize?: number;
  /** YYYY-MM-DD: the date ages and school status refer to (default: today, local calendar). */
  referenceDate?: string;
  /** Plant the known data errors of PLANTED_ERRORS / PLANTED_PHONE_GROUPS (for the 疑点数据 scan's test and bench). */
  plantErrors?: boolean;
};

/**
 * Known errors the generator plants when asked (docs/domain.md §17): by the household's position in the run (0-based,
 * in the order generated), never by chance, so the count for a run of N households is exact (plantedCounts). Planting
 * draws no random numbers: every other value of every household is the same as in a clean run.
 */
export type PlantedError = { rule: string; every: number; offset: number; what: string };
export const PLANTED_ERRORS: readonly PlantedError[] = [
  { rule: "H-007", every: 40, offset: 1, what: "耕地面积 150 亩（超过 100 亩）" },
  { rule: "H-005", every: 50, offset: 2, what: "联系电话为 12 开头的 11 位数字（无效号码）" },
  { rule: "M-010", every: 60, offset: 3, what: "户主务工时间 13 个月" },
  { rule: "I-008", every: 70, offset: 4, what: "生产经营性支出比全部收入多 1 000 元（家庭纯收入为负）" },
  { rule: "M-045", every: 80, offset: 5, what: "户主姓名末尾多一个数字“1”" },
];
/** C-004: in every block of 500 households, positions 10–13 share one phone (4 households, above the default limit of 3). */
export const PLANTED_PHONE_GROUPS = { rule: "C-004", every: 500, first: 10, size: 4 } as const;

const plantedAt = (error: Pick<PlantedError, "every" | "offset">, index: number) => index % error.every === error.offset;

/** The hits each planted rule must have after a run of `total` households (C-004 with the default limit of 3 per phone). */
export function plantedCounts(total: number, householdsPerPhone = 3): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const error of PLANTED_ERRORS) counts[error.rule] = total > error.offset ? Math.floor((total - 1 - error.offset) / error.every) + 1 : 0;
  let phone = 0;
  for (let block = 0; block * PLANTED_PHONE_GROUPS.every < total; block++) {
    const start = block * PLANTED_PHONE_GROUPS.every + PLANTED_PHONE_GROUPS.first;
    const inGroup = Math.max(0, Math.min(PLANTED_PHONE_GROUPS.size, total - start));
    if (inGroup > householdsPerPhone) phone += inGroup;
  }
  counts[PLANTED_PHONE_GROUPS.rule] = phone;
  return counts;
}

/** Plants the errors due at this position into one generated household (in place). */
function plantErrors(index: number, generated: { household: Record<string, Cell>; members: Person[]; income: Record<string, Cell> }): void {
  const head = generated.members[0];
  for (const error of PLANTED_ERRORS) {
    if (!plantedAt(error, index)) continue;
    switch (error.rule) {
      case "H-007":
        generated.household.farmland_mu = "150.00";
        break;
      case "H-005":
        generated.household.phone = `12${String(index).padStart(9, "0")}`;
        break;
      case "M-010":
        head.workMonths = 13;
        break;
      case "I-008": {
        const income = generated.income;
        const incomes = Object.entries(income)
          .filter(([key]) => key !== "business_expense_fen")
          .reduce((sum, [, value]) => sum + Number(value), 0);
        income.business_expense_fen = incomes + 100_000;
        break;
      }
      case "M-045":
        head.name = `${head.name}1`;
        break;
    }
  }
  const { every, first, size } = PLANTED_PHONE_GROUPS;
  const position = index % every;
  if (position >= first && position < first + size) generated.household.phone = `145${String(Math.floor(index / every)).padStart(8, "0")}`; // 145: a prefix the clean generator never uses
}

export type GenerateResult = { households: number; members: number; seconds: number };

export const DEFAULT_BATCH_SIZE = 2_000;
const HOUSEHOLDS_PER_VILLAGE = 250;
const HOUSEHOLDS_PER_HELPER = 25;
const MAX_SEQUENCE = 9_999;

// ---------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded choices over mulberry32 (shared with the demo activity, prisma/demo-activity.ts). */
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }
  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function hashString(text: string): number {
  return createHash("sha1").update(text).digest().readUInt32BE(0);
}

/** A name-based (version 5 style) UUID: stable for the same name, unique for different names. */
function nameUuid(name: string): string {
  const bytes = createHash("sha1").update("fupin-synthetic-county:").update(name).digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------
// Vocabulary: names, places, phone numbers
// ---------------------------------------------------------------------------

const SURNAMES: readonly (readonly [string, number])[] = [
  ["杨", 9],
  ["吴", 8],
  ["王", 7],
  ["张", 6],
  ["李", 6],
  ["龙", 5],
  ["陈", 5],
  ["刘", 5],
  ["罗", 4],
  ["田", 4],
  ["石", 4],
  ["潘", 4],
  ["周", 3],
  ["赵", 3],
  ["黄", 3],
  ["徐", 2],
  ["孙", 2],
  ["胡", 2],
  ["朱", 2],
  ["高", 2],
  ["林", 2],
  ["何", 2],
  ["郭", 2],
  ["马", 2],
  ["欧", 2],
  ["姚", 2],
  ["邓", 2],
  ["韦", 2],
  ["麻", 1],
  ["蒋", 1],
  ["谢", 1],
  ["宋", 1],
  ["唐", 1],
  ["许", 1],
  ["韩", 1],
  ["冯", 1],
  ["曹", 1],
  ["彭", 1],
  ["曾", 1],
  ["肖", 1],
  ["袁", 1],
  ["余", 1],
  ["杜", 1],
  ["叶", 1],
  ["程", 1],
  ["魏", 1],
  ["吕", 1],
  ["丁", 1],
  ["任", 1],
  ["姜", 1],
  ["范", 1],
  ["金", 1],
  ["熊", 1],
  ["秦", 1],
  ["江", 1],
  ["雷", 1],
  ["史", 1],
  ["万", 1],
  ["文", 1],
  ["邰", 1],
];
const MALE_OLD = "德国建明志文永正福贵友光成金海华军兴学开世春忠祥林发昌顺富荣胜安平才宝礼仁义生林元庆洪";
const FEMALE_OLD = "秀桂英兰芳珍梅凤玉莲翠花娥琼菊云香仙群妹美淑金银爱春兰芬萍";
const MALE_YOUNG = "浩宇杰俊涛鹏磊强超斌伟鑫轩博晨子睿豪航文明一嘉泽天思阳林峰健凯";
const FEMALE_YOUNG = "婷欣怡雨佳思雪丽娜静敏琳颖诗梦涵悦可馨瑶萱慧洁露艳燕丹";

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ["汉族", 45],
  ["苗族", 30],
  ["侗族", 15],
  ["布依族", 5],
  ["水族", 3],
  ["土家族", 2],
];

const PLACE_FIRST = "大小新老上下高石岩水河龙凤马牛羊松柏竹茶桃杨柳花金银青白红黄长平安乐兴合和中东西南北双三五九板坡沟冲湾寨溪塘桥田关营堡屯铺坝坪梨枫樟桂";
const PLACE_SECOND = "坪寨坝坡沟湾冲溪河塘桥田山岭坳井林园场堡屯营口脚头洞庄湖源岗垭冈滩";

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "173",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "184",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "198",
  "199",
];

function mobile(r: Random): string {
  let digits = r.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(r.int(0, 9));
  return digits;
}

function givenName(r: Random, gender: Gender, birthYear: number): string {
  const old = birthYear < 1975;
  const pool = gender === "MALE" ? (old ? MALE_OLD : MALE_YOUNG) : old ? FEMALE_OLD : FEMALE_YOUNG;
  const first = pool[r.int(0, pool.length - 1)];
  if (r.chance(0.25) && !"子一思嘉天可美淑妹".includes(first)) return first;
  return first + pool[r.int(0, pool.length - 1)];
}

function placeName(r: Random): string {
  return PLACE_FIRST[r.int(0, PLACE_FIRST.length - 1)] + PLACE_SECOND[r.int(0, PLACE_SECOND.length - 1)];
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

type RefDate = { year: number; month: number; day: number; ms: number };

function parseReference(text: string): RefDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`referenceDate must be YYYY-MM-DD, got "${text}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { year, month, day, ms: Date.UTC(year, month - 1, day) };
}

/** A birth date (YYYY-MM-DD) on which the person is exactly `age` whole years old on the reference date. */
function birthDateForAge(r: Random, ref: RefDate, age: number): string {
  const anniversary = Date.UTC(ref.year - age, ref.month - 1, ref.day);
  const back = age === 0 ? r.int(1, 364) : r.int(0, 364);
  return isoOf(anniversary - back * DAY_MS);
}

// ---------------------------------------------------------------------------
// The shape of a generated household
// ---------------------------------------------------------------------------

type Gender = "MALE" | "FEMALE";
type Relation =
  "HEAD" | "SPOUSE" | "SON" | "DAUGHTER" | "DAUGHTER_IN_LAW" | "SON_IN_LAW" | "GRANDSON" | "GRANDDAUGHTER" | "FATHER" | "MOTHER" | "SIBLING" | "OTHER";

type Person = {
  relation: Relation;
  gender: Gender;
  age: number;
  surname: string;
  name: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  educationLevel: string;
  schoolStatus: string;
  schoolingExemption: string;
  health: string;
  disabilityGrade: string | null;
  labourSkill: string;
  workStatus: string;
  workMonths: number | null;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  pensionInsurance: boolean;
  minimumLiving: boolean;
  extremeSupport: boolean;
  status: "PRESENT" | "DECEASED" | "MOVED_OUT";
  statusDate: string | null;
  joinedOn: string | null;
};

const PRIMARY_CAUSES: readonly (readonly [PovertyCause, number])[] = [
  ["ILLNESS", 40],
  ["DISABILITY", 20],
  ["LACK_SKILLS", 10],
  ["LACK_LABOUR", 8],
  ["LACK_FUNDS", 8],
  ["SCHOOLING", 5],
  ["DISASTER", 2],
  ["LACK_LAND", 2],
  ["POOR_TRANSPORT", 2],
  ["LACK_WATER", 1],
  ["LACK_MOTIVATION", 1],
  ["OTHER", 1],
];
/** P(因病 among the other causes | primary is not 因病): (56% − 40%) / 60%. */
const ILLNESS_AS_OTHER = 0.16 / 0.6;
/** P(因残 among the other causes | primary is not 因残): (39% − 20%) / 80%. */
const DISABILITY_AS_OTHER = 0.19 / 0.8;
const SECONDARY_CAUSES: readonly (readonly [PovertyCause, number])[] = [
  ["LACK_FUNDS", 30],
  ["LACK_SKILLS", 25],
  ["LACK_LABOUR", 15],
  ["SCHOOLING", 8],
  ["POOR_TRANSPORT", 8],
  ["LACK_LAND", 5],
  ["DISASTER", 4],
  ["LACK_WATER", 3],
  ["LACK_MOTIVATION", 2],
];

/** Household sizes of 一般/低保 households; with the 特困 ones (1–2 people) the mean is ≈ 4.5. */
const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 8],
  [3, 12],
  [4, 19],
  [5, 24],
  [6, 20],
  [7, 13],
];

const DISABILITY_GRADES: readonly (readonly [string, number])[] = [
  ["一级", 15],
  ["二级", 30],
  ["三级", 30],
  ["四级", 25],
];

// ---------------------------------------------------------------------------
// Family structure
// ---------------------------------------------------------------------------

type Draft = { relation: Relation; gender: Gender; age: number };

function triangularAge(r: Random, min: number, max: number): number {
  return Math.round(min + ((r.next() + r.next()) / 2) * (max - min));
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** Relations, genders and ages (on the reference date) of a household of `size` people. */
function draftFamily(r: Random, size: number, attribute: HouseholdAttribute, preferChildren: boolean): Draft[] {
  let headAge: number;
  if (attribute === "EXTREME") headAge = r.int(58, 80);
  else if (size === 1) headAge = triangularAge(r, 40, 80);
  else if (preferChildren) headAge = r.int(36, 55);
  else headAge = triangularAge(r, size >= 5 ? 30 : 25, 80);
  const headGender: Gender = r.chance(size === 1 ? 0.7 : 0.88) ? "MALE" : "FEMALE";
  const members: Draft[] = [{ relation: "HEAD", gender: headGender, age: headAge }];

  if (size >= 2 && (attribute === "EXTREME" ? r.chance(0.6) : r.chance(headAge > 70 ? 0.7 : 0.9))) {
    const gap = clamp(Math.round(r.normal(2.5, 3)), -4, 12); // husband older by `gap` years
    const spouseAge = clamp(headGender === "MALE" ? headAge - gap : headAge + gap, 20, 90);
    members.push({ relation: "SPOUSE", gender: headGender === "MALE" ? "FEMALE" : "MALE", age: spouseAge });
  }
  if (attribute === "EXTREME") {
    if (members.length < size) members.push({ relation: "SIBLING", gender: r.chance(0.5) ? "MALE" : "FEMALE", age: clamp(headAge + r.int(-8, 8), 50, 90) });
    return members;
  }

  const motherAge = members.find((m) => m.gender === "FEMALE")?.age ?? headAge - 3;
  let remaining = size - members.length;
  const child = (age: number): Draft => {
    const male = r.chance(0.53);
    return { relation: male ? "SON" : "DAUGHTER", gender: male ? "MALE" : "FEMALE", age };
  };

  // Three generations: an adult son with his wife (or, now and then, a daughter with a
  // son-in-law who married in, 上门女婿) and their children.
  if (headAge >= 55 && remaining >= 3 && r.chance(0.7)) {
    const childAge = Math.max(22, motherAge - r.int(20, 32));
    const daughterLine = r.chance(0.12);
    let motherOfGrandchildren: number;
    if (daughterLine) {
      members.push({ relation: "DAUGHTER", gender: "FEMALE", age: childAge });
      members.push({ relation: "SON_IN_LAW", gender: "MALE", age: clamp(childAge + r.int(-1, 5), 20, 80) });
      motherOfGrandchildren = childAge;
    } else {
      members.push({ relation: "SON", gender: "MALE", age: childAge });
      motherOfGrandchildren = clamp(childAge - r.int(-1, 5), 19, 80);
      members.push({ relation: "DAUGHTER_IN_LAW", gender: "FEMALE", age: motherOfGrandchildren });
    }
    const sonAge = childAge;
    remaining -= 2;
    let age = motherOfGrandchildren - r.int(20, 27);
    while (remaining > 0 && age >= 0) {
      const male = r.chance(0.53);
      members.push({ relation: male ? "GRANDSON" : "GRANDDAUGHTER", gender: male ? "MALE" : "FEMALE", age });
      remaining--;
      age -= r.int(1, 4);
    }
    // A younger, unmarried child of the head.
    let youngest = sonAge - r.int(2, 6);
    while (remaining > 0 && youngest >= 16) {
      members.push(child(youngest));
      remaining--;
      youngest -= r.int(2, 5);
    }
  } else {
    let age = motherAge - r.int(20, 30);
    let children = 0;
    while (remaining > 0 && age >= 0 && children < 5) {
      members.push(child(age));
      remaining--;
      children++;
      age -= r.int(1, 4);
    }
  }

  // Parents of a younger head.
  const parents: Draft[] = [];
  if (remaining > 0 && headAge + 24 <= 92) {
    const fatherAge = clamp(headAge + r.int(24, 32), headAge + 20, 95);
    const motherOfHeadAge = clamp(fatherAge - r.int(0, 5), headAge + 19, 95);
    if (r.chance(0.5)) parents.push({ relation: "MOTHER", gender: "FEMALE", age: motherOfHeadAge }, { relation: "FATHER", gender: "MALE", age: fatherAge });
    else parents.push({ relation: "FATHER", gender: "MALE", age: fatherAge }, { relation: "MOTHER", gender: "FEMALE", age: motherOfHeadAge });
  }
  while (remaining > 0 && parents.length > 0) {
    members.push(parents.shift()!);
    remaining--;
  }
  // Whoever is left: brothers and sisters of the head.
  while (remaining > 0) {
    members.push({ relation: "SIBLING", gender: r.chance(0.5) ? "MALE" : "FEMALE", age: clamp(headAge + r.int(-10, 10), 16, 90) });
    remaining--;
  }
  return members;
}

// ---------------------------------------------------------------------------
// Member attributes
// ---------------------------------------------------------------------------

function schooling(r: Random, age: number, disabled: boolean): { schoolStatus: string; educationLevel: string; exemption: string } {
  if (age < 3) return { schoolStatus: "NOT_IN_SCHOOL", educationLevel: "PRESCHOOL", exemption: "NONE" };
  if (age < 6) return { schoolStatus: r.chance(0.8) ? "PRESCHOOL" : "NOT_IN_SCHOOL", educationLevel: "PRESCHOOL", exemption: "NONE" };
  if (age <= 15) {
    if (disabled && r.chance(0.25)) return { schoolStatus: "NOT_IN_SCHOOL", educationLevel: age >= 9 ? "PRIMARY" : "ILLITERATE", exemption: "HOME_TEACHING" };
    return age <= 11
      ? { schoolStatus: "PRIMARY", educationLevel: "PRIMARY", exemption: "NONE" }
      : { schoolStatus: "JUNIOR", educationLevel: "JUNIOR", exemption: "NONE" };
  }
  if (age <= 18 && !disabled) {
    const status = r.weighted([
      ["SENIOR", 45],
      ["SECONDARY_VOCATIONAL", 25],
      ["NOT_IN_SCHOOL", 30],
    ] as const);
    if (status === "SENIOR") return { schoolStatus: status, educationLevel: "SENIOR", exemption: "NONE" };
    if (status === "SECONDARY_VOCATIONAL") return { schoolStatus: status, educationLevel: "VOCATIONAL", exemption: "NONE" };
    return { schoolStatus: status, educationLevel: "JUNIOR", exemption: "NONE" };
  }
  if (age <= 22 && !disabled) {
    const status = r.weighted([
      ["HIGHER_VOCATIONAL", 10],
      ["JUNIOR_COLLEGE", 8],
      ["UNDERGRADUATE", 7],
      ["NOT_IN_SCHOOL", 75],
    ] as const);
    if (status !== "NOT_IN_SCHOOL") return { schoolStatus: status, educationLevel: "COLLEGE", exemption: "NONE" };
    return {
      schoolStatus: status,
      educationLevel: r.weighted([
        ["JUNIOR", 60],
        ["SENIOR", 20],
        ["VOCATIONAL", 15],
        ["PRIMARY", 5],
      ] as const),
      exemption: "NONE",
    };
  }
  return { schoolStatus: "NOT_IN_SCHOOL", educationLevel: adultEducation(r, age, disabled), exemption: "NONE" };
}

function adultEducation(r: Random, age: number, disabled: boolean): string {
  if (disabled && r.chance(0.4)) return r.chance(0.6) ? "ILLITERATE" : "PRIMARY";
  if (age >= 60)
    return r.weighted([
      ["ILLITERATE", 40],
      ["PRIMARY", 45],
      ["JUNIOR", 14],
      ["SENIOR", 1],
    ] as const);
  if (age >= 40)
    return r.weighted([
      ["ILLITERATE", 10],
      ["PRIMARY", 40],
      ["JUNIOR", 42],
      ["SENIOR", 6],
      ["VOCATIONAL", 2],
    ] as const);
  return r.weighted([
    ["PRIMARY", 12],
    ["JUNIOR", 55],
    ["SENIOR", 15],
    ["VOCATIONAL", 12],
    ["COLLEGE", 6],
  ] as const);
}

function labourSkill(r: Random, age: number, health: string, inSchool: boolean): string {
  if (age < 16 || age > 75 || inSchool) return "NONE";
  if (health === "DISABLED")
    return r.weighted([
      ["LOST", 55],
      ["WEAK", 35],
      ["GENERAL", 10],
    ] as const);
  if (health === "SERIOUS")
    return r.weighted([
      ["LOST", 50],
      ["WEAK", 45],
      ["GENERAL", 5],
    ] as const);
  if (health === "CHRONIC")
    return r.weighted([
      ["WEAK", 55],
      ["GENERAL", 40],
      ["LOST", 5],
    ] as const);
  if (age >= 60)
    return r.weighted([
      ["WEAK", 60],
      ["GENERAL", 38],
      ["LOST", 2],
    ] as const);
  return r.weighted([
    ["GENERAL", 78],
    ["SKILLED", 13],
    ["WEAK", 9],
  ] as const);
}

function work(r: Random, age: number, skill: string): { workStatus: string; workMonths: number | null } {
  const able = skill === "GENERAL" || skill === "SKILLED";
  if (age >= 18 && age <= 60 && able && r.chance(0.62)) {
    return {
      workStatus: r.weighted([
        ["IN_COUNTY", 30],
        ["IN_PROVINCE", 30],
        ["OUT_OF_PROVINCE", 40],
      ] as const),
      workMonths: r.int(3, 12),
    };
  }
  if (age >= 18 && age <= 65 && skill === "WEAK" && r.chance(0.2)) return { workStatus: "IN_COUNTY", workMonths: r.int(2, 8) };
  return { workStatus: "NONE", workMonths: null };
}

// ---------------------------------------------------------------------------
// Column batches for unnest
// ---------------------------------------------------------------------------

const HOUSEHOLD_COLUMNS = [
  ["id", "uuid"],
  ["township_code", "text"],
  ["village_code", "text"],
  ["household_no", "text"],
  ["village_group", "text"],
  ["address", "text"],
  ["phone", "text"],
  ["attribute", "text"],
  ["identification_year", "int"],
  ["primary_cause", "text"],
  ["other_causes", "text"],
  ["helper_id", "uuid"],
  ["farmland_mu", "numeric"],
  ["forest_mu", "numeric"],
  ["has_electricity", "bool"],
  ["has_broadcast_tv", "bool"],
  ["drinking_water_safe", "bool"],
  ["drinking_water_difficult", "bool"],
  ["distance_to_road_km", "numeric"],
  ["road_type", "text"],
  ["housing_area_m2", "numeric"],
  ["housing_grade", "text"],
  ["has_sanitary_toilet", "bool"],
  ["fuel_type", "text"],
  ["in_cooperative", "bool"],
  ["status", "text"],
  ["exit_year", "int"],
] as const;

const MEMBER_COLUMNS = [
  ["id", "uuid"],
  ["household_id", "uuid"],
  ["name", "text"],
  ["id_number", "text"],
  ["gender", "text"],
  ["birth_date", "date"],
  ["relation", "text"],
  ["ethnicity", "text"],
  ["education_level", "text"],
  ["school_status", "text"],
  ["schooling_exemption", "text"],
  ["health", "text"],
  ["disability_grade", "text"],
  ["labour_skill", "text"],
  ["work_status", "text"],
  ["work_months", "int"],
  ["basic_medical_insurance", "bool"],
  ["serious_illness_insurance", "bool"],
  ["pension_insurance", "bool"],
  ["minimum_living", "bool"],
  ["extreme_support", "bool"],
  ["status", "text"],
  ["status_date", "date"],
  ["joined_on", "date"],
] as const;

const INCOME_COLUMNS = [
  ["id", "uuid"],
  ["household_id", "uuid"],
  ["wage_fen", "int"],
  ["business_income_fen", "int"],
  ["business_expense_fen", "int"],
  ["property_fen", "int"],
  ["minimum_living_fen", "int"],
  ["extreme_poverty_support_fen", "int"],
  ["pension_fen", "int"],
  ["family_planning_fen", "int"],
  ["ecological_compensation_fen", "int"],
  ["other_transfer_fen", "int"],
] as const;

type ColumnList = readonly (readonly [string, string])[];
type Cell = string | number | boolean | null;

class Batch {
  readonly columns: Cell[][];
  constructor(readonly spec: ColumnList) {
    this.columns = spec.map(() => []);
  }
  push(values: Record<string, Cell>) {
    for (let i = 0; i < this.spec.length; i++) this.columns[i].push(values[this.spec[i][0]]);
  }
  get size() {
    return this.columns[0].length;
  }
}

/** `SELECT … FROM unnest($1::uuid[], $2::text[], …) AS t(col1, col2, …)`, parameters numbered from `first`. */
function unnestFrom(spec: ColumnList, first: number): string {
  const params = spec.map(([, type], index) => `$${first + index}::${type}[]`).join(", ");
  return `unnest(${params}) AS t(${spec.map(([name]) => `"${name}"`).join(", ")})`;
}

const INSERT_HOUSEHOLDS = `
  INSERT INTO "household" ("county_code", "identification_standard", "food_secure", "clothing_secure", "version",
    ${HOUSEHOLD_COLUMNS.map(([name]) => `"${name}"`).join(", ")})
  SELECT $1::char(6), 'NATIONAL', TRUE, TRUE, 1,
    ${HOUSEHOLD_COLUMNS.map(([name]) => (name === "other_causes" ? `string_to_array(t."other_causes", ',')` : `t."${name}"`)).join(", ")}
  FROM ${unnestFrom(HOUSEHOLD_COLUMNS, 2)}`;

const INSERT_MEMBERS = `
  INSERT INTO "member" ("county_code", "version", ${MEMBER_COLUMNS.map(([name]) => `"${name}"`).join(", ")})
  SELECT $1::char(6), 1, ${MEMBER_COLUMNS.map(([name]) => `t."${name}"`).join(", ")}
  FROM ${unnestFrom(MEMBER_COLUMNS, 2)}`;

const INSERT_INCOMES = `
  INSERT INTO "income_record" ("county_code", "year", "version", ${INCOME_COLUMNS.map(([name]) => `"${name}"`).join(", ")})
  SELECT $1::char(6), $2::int, 1, ${INCOME_COLUMNS.map(([name]) => `t."${name}"`).join(", ")}
  FROM ${unnestFrom(INCOME_COLUMNS, 3)}`;

// ---------------------------------------------------------------------------
// Helpers that read the database
// ---------------------------------------------------------------------------

/** The villages of a county with their active 帮扶责任人 (HELPER users whose region is the village). */
export async function loadCountyVillages(client: Queryable, countyCode6: string): Promise<SyntheticVillage[]> {
  const { rows } = await client.query<{ code: string; township_code: string; helper_ids: string[] | null }>(
    `SELECT r.code, r.township_code,
            array_agg(u.id::text ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL) AS helper_ids
       FROM region r
       LEFT JOIN app_user u ON u.region_code = r.code AND u.role = 'HELPER' AND u.active
      WHERE r.county_code = $1 AND r.level = 'VILLAGE'
      GROUP BY r.code, r.township_code
      ORDER BY r.code`,
    [countyCode6],
  );
  return rows.map((row) => ({ code: row.code, townshipCode: row.township_code, helperIds: row.helper_ids ?? [] }));
}

/** Splits `total` over `count` parts with weights 0.6–1.4 (largest remainder), deterministic. */
function splitCounts(r: Random, total: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => 0.6 + 0.8 * r.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i][1]]++;
  return counts;
}

/**
 * Reserves `counts[i]` 户编号 in each village, after both the village's sequence and any
 * household already numbered there. Returns the first free sequence number per village.
 */
async function reserveSequences(client: Queryable, villageCodes: string[], counts: number[]): Promise<Map<string, number>> {
  const used = villageCodes
    .map((code, i) => [code, counts[i]] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const codes = used.map(([code]) => code);
  const starts = new Map<string, number>();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "household_sequence" ("village_code", "last_value")
       SELECT code, 0 FROM unnest($1::text[]) AS t(code)
       ON CONFLICT ("village_code") DO NOTHING`,
      [codes],
    );
    const { rows } = await client.query<{ village_code: string; last_value: number }>(
      `SELECT s."village_code", GREATEST(s."last_value", COALESCE((
                SELECT max(substr(h."household_no", 13)::int) FROM "household" h WHERE h."village_code" = s."village_code"), 0)) AS last_value
         FROM "household_sequence" s
        WHERE s."village_code" = ANY($1::text[])
        ORDER BY s."village_code"
        FOR UPDATE`,
      [codes],
    );
    const last = new Map(rows.map((row) => [row.village_code.trim(), Number(row.last_value)]));
    const newLast: number[] = [];
    for (const [code, n] of used) {
      const start = (last.get(code) ?? 0) + 1;
      if (start + n - 1 > MAX_SEQUENCE) {
        throw new Error(`村 ${code} 的户编号已用到 ${start - 1}，再生成 ${n} 户将超过 ${MAX_SEQUENCE}`);
      }
      starts.set(code, start);
      newLast.push(start + n - 1);
    }
    await client.query(
      `UPDATE "household_sequence" s SET "last_value" = t.last
         FROM unnest($1::text[], $2::int[]) AS t(code, last)
        WHERE s."village_code" = t.code`,
      [codes, newLast],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  return starts;
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

export async function generateSyntheticHouseholds(client: Queryable, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { households: total, countyCode6, villages, year } = options;
  const seed = options.seed ?? 20_140_101;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const ref = parseReference(options.referenceDate ?? localToday());
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`households must be a non-negative integer, got ${total}`);
  if (!/^\d{6}$/.test(countyCode6)) throw new RangeError(`countyCode6 must be 6 digits, got "${countyCode6}"`);
  if (villages.length === 0) throw new Error("没有可用的村，无法生成户档");
  for (const village of villages) {
    if (village.code.slice(0, 6) !== countyCode6) throw new Error(`村 ${village.code} 不属于县 ${countyCode6}`);
    if (village.helperIds.length === 0) throw new Error(`村 ${village.code} 没有帮扶责任人，无法生成户档`);
  }
  if (total === 0) return { households: 0, members: 0, seconds: 0 };

  const lineRow = await client.query<{ amount_fen: number }>(`SELECT "amount_fen" FROM "poverty_line" WHERE "year" = $1`, [year]);
  if (lineRow.rowCount === 0) throw new Error(`${year} 年未设置贫困线，无法生成收入数据`);
  const lineFen = Number(lineRow.rows[0].amount_fen);

  const regionCodes = [...new Set(villages.flatMap((v) => [v.code, v.townshipCode]))];
  const names = new Map(
    (await client.query<{ code: string; name: string }>(`SELECT "code", "name" FROM "region" WHERE "code" = ANY($1::text[])`, [regionCodes])).rows.map(
      (row) => [row.code.trim(), row.name] as const,
    ),
  );
  for (const code of regionCodes) if (!names.has(code)) throw new Error(`区划 ${code} 不存在`);

  // Every ID number already in the county stays taken (one person, one household).
  const usedIds = new Set<string>(
    (await client.query<{ id_number: string }>(`SELECT "id_number" FROM "member" WHERE "county_code" = $1`, [countyCode6])).rows.map((row) => row.id_number),
  );

  const r = new Random(seed);
  const perVillage = splitCounts(r, total, villages.length);
  const starts = await reserveSequences(
    client,
    villages.map((v) => v.code),
    perVillage,
  );

  let done = 0;
  let memberCount = 0;
  /** The household's place in the run (PLANTED_ERRORS count by it). */
  let position = 0;
  let households = new Batch(HOUSEHOLD_COLUMNS);
  let members = new Batch(MEMBER_COLUMNS);
  let incomes = new Batch(INCOME_COLUMNS);

  // One batch is loaded while the next one is generated: at most one load in flight on the
  // connection, so the server inserts while JavaScript builds rows.
  let inFlight: Promise<void> | null = null;
  const load = async (h: Batch, m: Batch, i: Batch) => {
    await client.query("BEGIN");
    try {
      await client.query({ name: "synthetic_households", text: INSERT_HOUSEHOLDS, values: [countyCode6, ...h.columns] });
      await client.query({ name: "synthetic_members", text: INSERT_MEMBERS, values: [countyCode6, ...m.columns] });
      await client.query({ name: "synthetic_incomes", text: INSERT_INCOMES, values: [countyCode6, year, ...i.columns] });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    done += h.size;
    memberCount += m.size;
    options.onProgress?.(done, total);
  };
  const flush = async () => {
    if (households.size === 0) return;
    const batch = [households, members, incomes] as const;
    households = new Batch(HOUSEHOLD_COLUMNS);
    members = new Batch(MEMBER_COLUMNS);
    incomes = new Batch(INCOME_COLUMNS);
    if (inFlight) await inFlight;
    const loading = load(...batch);
    loading.catch(() => {}); // awaited (and rethrown) before the next batch or at the end
    inFlight = loading;
  };

  const idFor = (birthDate: string, gender: Gender, rng: Random): string => {
    let sequence = rng.int(0, 499) * 2 + (gender === "MALE" ? 1 : 0);
    for (let attempt = 0; attempt < 500; attempt++) {
      const id = makeIdNumber(countyCode6, birthDate, sequence);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
      sequence = (sequence + 2) % 1000; // keeps the parity, i.e. the gender
    }
    throw new Error(`出生日期 ${birthDate} 的身份证顺序码已用完`);
  };

  for (let v = 0; v < villages.length; v++) {
    const village = villages[v];
    const count = perVillage[v];
    if (count === 0) continue;
    const villageName = names.get(village.code)!;
    const townshipName = names.get(village.townshipCode)!;
    const groups = 3 + (hashString(village.code) % 8);
    const firstSequence = starts.get(village.code)!;
    const houseNumbers = new Array<number>(groups + 1).fill(0);

    for (let local = 0; local < count; local++) {
      const sequence = firstSequence + local;
      const householdNo = village.code + String(sequence).padStart(4, "0");
      const householdId = nameUuid(`${countyCode6}/${householdNo}`);
      const group = 1 + Math.floor((local * groups) / count);
      const houseNo = ++houseNumbers[group];
      const helperId = village.helperIds[Math.floor((local * village.helperIds.length) / count)];
      const generated = generateHousehold(r, ref, year, lineFen, idFor);
      if (options.plantErrors) plantErrors(position, generated);
      position++;

      households.push({
        id: householdId,
        township_code: village.townshipCode,
        village_code: village.code,
        household_no: householdNo,
        village_group: `${group}组`,
        address: `${townshipName}${villageName}${group}组${houseNo}号`,
        helper_id: helperId,
        ...generated.household,
      });
      generated.members.forEach((person, index) => {
        members.push({
          id: nameUuid(`${countyCode6}/${householdNo}/${index + 1}`),
          household_id: householdId,
          name: person.name,
          id_number: person.idNumber,
          gender: person.gender,
          birth_date: person.birthDate,
          relation: person.relation,
          ethnicity: person.ethnicity,
          education_level: person.educationLevel,
          school_status: person.schoolStatus,
          schooling_exemption: person.schoolingExemption,
          health: person.health,
          disability_grade: person.disabilityGrade,
          labour_skill: person.labourSkill,
          work_status: person.workStatus,
          work_months: person.workMonths,
          basic_medical_insurance: person.basicMedicalInsurance,
          serious_illness_insurance: person.seriousIllnessInsurance,
          pension_insurance: person.pensionInsurance,
          minimum_living: person.minimumLiving,
          extreme_support: person.extremeSupport,
          status: person.status,
          status_date: person.statusDate,
          joined_on: person.joinedOn,
        });
      });
      incomes.push({ id: nameUuid(`${countyCode6}/${householdNo}/income/${year}`), household_id: householdId, ...generated.income });
      if (households.size >= batchSize) await flush();
      // Let the connection send and receive while rows are being generated.
      else if (households.size % 10 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await flush();
  if (inFlight) await inFlight;
  return { households: done, members: memberCount, seconds: (performance.now() - started) / 1000 };
}

/** One household: its own columns (without place and helper), its members and its income. */
function generateHousehold(
  r: Random,
  ref: RefDate,
  year: number,
  lineFen: number,
  idFor: (birthDate: string, gender: Gender, rng: Random) => string,
): { household: Record<string, Cell>; members: Person[]; income: Record<string, Cell> } {
  const attribute = r.weighted([
    ["GENERAL", 75],
    ["LOW_INCOME", 20],
    ["EXTREME", 5],
  ] as const) as HouseholdAttribute;
  const identificationYear = r.weighted([
    [2014, 70],
    [2015, 18],
    [2016, 12],
  ] as const);
  const exited = r.chance(0.3);
  const exitYear = exited ? r.int(Math.max(2016, identificationYear + 1), 2019) : null;

  // 致贫原因: the primary one, then 因病/因残 at the seeds' shares, then perhaps one more.
  const primary = r.weighted(PRIMARY_CAUSES);
  const others = new Set<PovertyCause>();
  if (primary !== "ILLNESS" && r.chance(ILLNESS_AS_OTHER)) others.add("ILLNESS");
  if (primary !== "DISABILITY" && r.chance(DISABILITY_AS_OTHER)) others.add("DISABILITY");
  if (r.chance(0.35)) {
    const extra = r.weighted(SECONDARY_CAUSES);
    if (extra !== primary) others.add(extra);
  }

  const size = attribute === "EXTREME" ? (r.chance(0.7) ? 1 : 2) : r.weighted(HOUSEHOLD_SIZES);
  const drafts = draftFamily(r, size, attribute, primary === "SCHOOLING" || others.has("SCHOOLING"));

  const ethnicity = r.weighted(ETHNICITIES);
  const familySurname = r.weighted(SURNAMES);
  const otherSurname = () => {
    let s = r.weighted(SURNAMES);
    if (s === familySurname) s = r.weighted(SURNAMES);
    return s;
  };
  const head = drafts[0];
  const spouseSurname = otherSurname();
  // Children carry the father's surname: the head's, or the husband's when the head is a woman.
  const childSurname = head.gender === "MALE" || !drafts.some((d) => d.relation === "SPOUSE") ? familySurname : spouseSurname;

  const people: Person[] = drafts.map((draft) => {
    let surname: string;
    switch (draft.relation) {
      case "HEAD":
      case "FATHER":
      case "SIBLING":
        surname = familySurname;
        break;
      case "SPOUSE":
        surname = spouseSurname;
        break;
      case "SON":
      case "DAUGHTER":
      case "GRANDSON":
      case "GRANDDAUGHTER":
        surname = childSurname;
        break;
      default:
        surname = otherSurname();
    }
    const birthDate = birthDateForAge(r, ref, draft.age);
    const birthYear = Number(birthDate.slice(0, 4));
    return {
      relation: draft.relation,
      gender: draft.gender,
      age: draft.age,
      surname,
      name: surname + givenName(r, draft.gender, birthYear),
      ethnicity: draft.relation === "DAUGHTER_IN_LAW" || draft.relation === "SPOUSE" ? (r.chance(0.8) ? ethnicity : r.weighted(ETHNICITIES)) : ethnicity,
      birthDate,
      idNumber: "",
      educationLevel: "",
      schoolStatus: "",
      schoolingExemption: "NONE",
      health: "HEALTHY",
      disabilityGrade: null,
      labourSkill: "",
      workStatus: "NONE",
      workMonths: null,
      basicMedicalInsurance: true,
      seriousIllnessInsurance: true,
      pensionInsurance: false,
      minimumLiving: false,
      extremeSupport: false,
      status: "PRESENT",
      statusDate: null,
      joinedOn: null,
    };
  });

  // A few members have left: died (mostly the old) or moved out (mostly daughters marrying out). Never the head.
  for (const person of people) {
    if (person.relation === "HEAD") continue;
    const pDeceased = person.age >= 70 ? 0.08 : person.age >= 40 ? 0.006 : 0;
    const pMoved = person.age >= 18 && person.age <= 35 ? (person.relation === "DAUGHTER" ? 0.12 : 0.03) : 0;
    const roll = r.next();
    if (roll < pDeceased) person.status = "DECEASED";
    else if (roll < pDeceased + pMoved) person.status = "MOVED_OUT";
    if (person.status !== "PRESENT") {
      const from = Math.max(Date.UTC(identificationYear, 0, 1), Date.parse(person.birthDate) + 16 * 365 * DAY_MS);
      const to = ref.ms - DAY_MS;
      person.statusDate = isoOf(from + Math.floor(r.next() * Math.max(1, (to - from) / DAY_MS)) * DAY_MS);
    }
    // Born after the household was registered: a 新增 member.
    if (person.birthDate > `${identificationYear}-12-31`) person.joinedOn = person.birthDate;
  }
  const present = people.filter((p) => p.status === "PRESENT");

  // Health, so that every 因病 household has someone ill and every 因残 household someone disabled.
  if (present.length === 1 && (primary === "ILLNESS" || others.has("ILLNESS")) && (primary === "DISABILITY" || others.has("DISABILITY"))) {
    others.delete(primary === "ILLNESS" ? "DISABILITY" : "ILLNESS");
  }
  const pickPresent = (weight: (p: Person) => number, exclude: Person | null): Person => {
    const candidates = present.filter((p) => p !== exclude);
    return r.weighted(candidates.map((p) => [p, weight(p)] as const));
  };
  let ill: Person | null = null;
  if (primary === "ILLNESS" || others.has("ILLNESS")) {
    ill = pickPresent((p) => (p.age >= 40 ? 4 : p.age >= 16 ? 1.5 : 0.4), null);
    ill.health = r.chance(0.62) ? "CHRONIC" : "SERIOUS";
  }
  if (primary === "DISABILITY" || others.has("DISABILITY")) {
    const disabled = pickPresent((p) => (p.age >= 16 ? 2 : 0.6), ill);
    disabled.health = "DISABLED";
  }
  for (const person of people) {
    if (person.health === "HEALTHY") {
      const roll = r.next();
      if (roll < 0.012) person.health = "DISABLED";
      else if (roll < 0.012 + (person.age >= 60 ? 0.18 : person.age >= 30 ? 0.05 : 0.01)) person.health = "CHRONIC";
    }
    if (person.health === "DISABLED") person.disabilityGrade = r.weighted(DISABILITY_GRADES);
  }

  for (const person of people) {
    const disabled = person.health === "DISABLED";
    const school = schooling(r, person.age, disabled);
    person.schoolStatus = school.schoolStatus;
    person.educationLevel = school.educationLevel;
    person.schoolingExemption = school.exemption;
    const inSchool = school.schoolStatus !== "NOT_IN_SCHOOL" && school.schoolStatus !== "PRESCHOOL";
    person.labourSkill = labourSkill(r, person.age, person.health, inSchool);
    const job = work(r, person.age, person.labourSkill);
    person.workStatus = job.workStatus;
    person.workMonths = job.workMonths;
    // 基本医疗有保障: nearly everyone; every member of an exited household.
    person.basicMedicalInsurance = exited || r.chance(0.985);
    person.seriousIllnessInsurance = person.basicMedicalInsurance && (exited || r.chance(0.985));
    person.pensionInsurance = person.age >= 16 && !inSchool && r.chance(person.age >= 60 ? 0.97 : 0.85);
    person.minimumLiving = attribute === "LOW_INCOME" && person.status === "PRESENT";
    person.extremeSupport = attribute === "EXTREME" && person.status === "PRESENT";
    person.idNumber = idFor(person.birthDate, person.gender, r);
  }

  // 生产生活条件; an exited household meets 两不愁三保障.
  const drinkingWaterDifficult = !exited && r.chance(0.05);
  const drinkingWaterSafe = exited || (drinkingWaterDifficult ? r.chance(0.3) : r.chance(0.97));
  const housingGrade = exited
    ? r.weighted([
        ["A", 60],
        ["B", 40],
      ] as const)
    : r.weighted([
        ["A", 52],
        ["B", 42],
        ["C", 4.5],
        ["D", 1.5],
      ] as const);
  const forestMu = r.chance(0.7) ? Math.round(r.next() * r.next() * 3000) / 100 : 0;
  const household: Record<string, Cell> = {
    phone: r.chance(0.85) ? mobile(r) : null,
    attribute,
    identification_year: identificationYear,
    primary_cause: primary,
    other_causes: [...others].filter((c) => c !== primary).join(","),
    farmland_mu: (primary === "LACK_LAND" ? Math.round(r.next() * 60) / 100 : Math.round((0.5 + r.next() * r.next() * 6) * 100) / 100).toFixed(2),
    forest_mu: forestMu.toFixed(2),
    has_electricity: r.chance(0.997),
    has_broadcast_tv: r.chance(0.97),
    drinking_water_safe: drinkingWaterSafe,
    drinking_water_difficult: drinkingWaterDifficult,
    distance_to_road_km: (Math.round(r.next() * r.next() * 500) / 100).toFixed(2),
    road_type: r.weighted([
      ["HARDENED", 60],
      ["GRAVEL", 25],
      ["DIRT", 13],
      ["NONE", 2],
    ] as const),
    housing_area_m2: (40 + r.int(0, 24) * 5 + people.length * 8).toFixed(2),
    housing_grade: housingGrade,
    has_sanitary_toilet: r.chance(exited ? 0.8 : 0.6),
    fuel_type: r.weighted([
      ["FIREWOOD", 45],
      ["ELECTRIC", 20],
      ["COAL", 15],
      ["GAS", 12],
      ["BIOGAS", 6],
      ["OTHER", 2],
    ] as const),
    in_cooperative: r.chance(0.35),
    status: exited ? "EXITED" : "REGISTERED",
    exit_year: exitYear,
  };
  // No electricity, no electric cooking (疑点数据 H-016 is an 错误); no extra draw, so every other value stays as it was.
  if (!household.has_electricity && household.fuel_type === "ELECTRIC") household.fuel_type = "FIREWOOD";

  return { household, members: people, income: income(r, people, present, attribute, exited, year, lineFen, forestMu) };
}

/**
 * One year's income in whole yuan (as fen), so that 人均纯收入 spreads around the line:
 * about one household in ten below it, exited households always above it.
 */
function income(
  r: Random,
  people: Person[],
  present: Person[],
  attribute: HouseholdAttribute,
  exited: boolean,
  year: number,
  lineFen: number,
  forestMu: number,
): Record<string, Cell> {
  const yuan = (amount: number) => Math.max(0, Math.round(amount)) * 100;
  const n = present.length;
  const belowLine = !exited && attribute !== "EXTREME" && r.chance(0.145);
  const ratio = exited ? 1.1 + r.next() * r.next() * 1.6 : belowLine ? 0.6 + 0.36 * r.next() : 1.03 + Math.min(2.5, -Math.log(1 - r.next()) * 0.45);
  const targetFen = yuan((ratio * lineFen * n) / 100);

  const olderThan60InYear = present.filter((p) => year - Number(p.birthDate.slice(0, 4)) >= 60).length;
  const minimumLivingFen = attribute === "LOW_INCOME" ? yuan(n * r.int(1_500, 2_800)) : 0;
  const extremePovertySupportFen = attribute === "EXTREME" ? yuan(n * r.int(5_000, 7_000)) : 0;
  const pensionFen = yuan(olderThan60InYear * r.int(1_200, 1_700));
  const familyPlanningFen = r.chance(0.08) ? yuan(960 * r.int(1, 2)) : 0;
  const ecologicalCompensationFen = forestMu > 0 && r.chance(0.5) ? yuan(forestMu * r.int(10, 16)) : 0;
  const disabledCount = present.filter((p) => p.health === "DISABLED").length;
  const otherTransferFen = yuan(disabledCount * r.int(600, 1_200) + (r.chance(0.15) ? r.int(200, 1_500) : 0));
  const transferFen = minimumLivingFen + extremePovertySupportFen + pensionFen + familyPlanningFen + ecologicalCompensationFen + otherTransferFen;

  // Below-line households: transfers are part of the shortfall, not on top of it.
  let marketFen = Math.max(0, targetFen - transferFen);
  const propertyFen = marketFen > 0 && r.chance(0.35) ? Math.min(Math.floor(marketFen / 1000) * 100, yuan(r.int(200, 1_200))) : 0;
  marketFen -= propertyFen;
  const hasWorker = people.some((p) => p.status === "PRESENT" && p.workStatus !== "NONE");
  const wageShare = hasWorker ? 0.55 + 0.35 * r.next() : r.chance(0.3) ? 0.1 + 0.2 * r.next() : 0;
  const wageFen = Math.floor((marketFen * wageShare) / 100) * 100;
  const businessNetFen = marketFen - wageFen;
  const expenseShare = 0.2 + 0.3 * r.next();
  const businessIncomeFen = yuan(businessNetFen / (1 - expenseShare) / 100);
  const businessExpenseFen = businessIncomeFen - businessNetFen;

  return {
    wage_fen: wageFen,
    business_income_fen: businessIncomeFen,
    business_expense_fen: businessExpenseFen,
    property_fen: propertyFen,
    minimum_living_fen: minimumLivingFen,
    extreme_poverty_support_fen: extremePovertySupportFen,
    pension_fen: pensionFen,
    family_planning_fen: familyPlanningFen,
    ecological_compensation_fen: ecologicalCompensationFen,
    other_transfer_fen: otherTransferFen,
  };
}

// ---------------------------------------------------------------------------
// Regions and helpers for a big county
// ---------------------------------------------------------------------------

export type EnsureRegionsOptions = {
  /** 12 digits, e.g. "522698000000". */
  countyCode: string;
  countyName: string;
  /** The number of households the county must hold (≈ 250 per village, 1 helper per ≈ 25). */
  households: number;
};

/**
 * Makes sure the county has enough townships (≈ 20–30 for a big county) and villages
 * (≈ 250 households each), with invented names and valid 12-digit codes, and one HELPER
 * per ≈ 25 households in every village (usernames bf<village6><nn>, password "demo-2026").
 * Idempotent: existing regions and users are kept, only what is missing is added.
 * Returns every village of the county with its helpers.
 */
export async function ensureSyntheticRegions(client: Queryable, options: EnsureRegionsOptions): Promise<SyntheticVillage[]> {
  const { countyCode, countyName, households } = options;
  if (!/^\d{6}0{6}$/.test(countyCode)) throw new RangeError(`countyCode must be 12 digits ending in 000000, got "${countyCode}"`);
  const county6 = countyCode.slice(0, 6);
  const r = new Random(hashString(`regions/${countyCode}`));

  await client.query("BEGIN");
  try {
    await client.query(`INSERT INTO "region" ("code", "name", "level", "county_code") VALUES ($1, $2, 'COUNTY', $3) ON CONFLICT ("code") DO NOTHING`, [
      countyCode,
      countyName,
      county6,
    ]);
    const { rows: existing } = await client.query<{ code: string; name: string; level: string; township_code: string | null }>(
      `SELECT "code", "name", "level", "township_code" FROM "region" WHERE "county_code" = $1 AND "level" <> 'COUNTY' ORDER BY "code" FOR UPDATE`,
      [county6],
    );
    const townships = existing.filter((row) => row.level === "TOWNSHIP").map((row) => ({ code: row.code, villages: 0, nextVillage: 201 }));
    const byCode = new Map(townships.map((t) => [t.code, t]));
    const usedNames = new Set(existing.map((row) => row.name));
    const usedCodes = new Set(existing.map((row) => row.code));
    let villageTotal = 0;
    for (const row of existing) {
      if (row.level !== "VILLAGE" || !row.township_code) continue;
      const township = byCode.get(row.township_code);
      if (township) township.villages++;
      villageTotal++;
    }

    const targetVillages = Math.max(1, Math.ceil(households / HOUSEHOLDS_PER_VILLAGE));
    const targetTownships = Math.max(townships.length, Math.min(30, Math.max(1, Math.round(targetVillages / 12))));
    const villagesPerTownship = Math.ceil(targetVillages / targetTownships);

    const uniqueName = (suffix: string) => {
      for (;;) {
        const name = placeName(r) + suffix;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    };
    const newTownships: { code: string; name: string; sort: number }[] = [];
    const newVillages: { code: string; name: string; townshipCode: string; sort: number }[] = [];
    let townTownships = 0;
    while (townships.length < targetTownships) {
      // Two 镇 (1xx) for every 乡 (2xx).
      const isTown = townTownships++ % 3 !== 2;
      let number = isTown ? 100 : 200;
      while (usedCodes.has(`${county6}${number}000`)) number++;
      const code = `${county6}${number}000`;
      usedCodes.add(code);
      newTownships.push({ code, name: uniqueName(isTown ? "镇" : "乡"), sort: townships.length });
      const township = { code, villages: 0, nextVillage: 201 };
      townships.push(township);
      byCode.set(code, township);
    }
    for (const township of townships) {
      while (villageTotal < targetVillages && township.villages < villagesPerTownship) {
        while (usedCodes.has(`${township.code.slice(0, 9)}${township.nextVillage}`)) township.nextVillage++;
        if (township.nextVillage > 399) break;
        const code = `${township.code.slice(0, 9)}${township.nextVillage}`;
        usedCodes.add(code);
        newVillages.push({ code, name: uniqueName("村"), townshipCode: township.code, sort: township.villages });
        township.villages++;
        villageTotal++;
      }
    }

    if (newTownships.length > 0) {
      await client.query(
        `INSERT INTO "region" ("code", "name", "level", "parent_code", "county_code", "township_code", "sort_order")
         SELECT t.code, t.name, 'TOWNSHIP', $1, $2, t.code, t.sort FROM unnest($3::text[], $4::text[], $5::int[]) AS t(code, name, sort)
         ON CONFLICT ("code") DO NOTHING`,
        [countyCode, county6, newTownships.map((t) => t.code), newTownships.map((t) => t.name), newTownships.map((t) => t.sort)],
      );
    }
    if (newVillages.length > 0) {
      await client.query(
        `INSERT INTO "region" ("code", "name", "level", "parent_code", "county_code", "township_code", "sort_order")
         SELECT t.code, t.name, 'VILLAGE', t.township, $1, t.township, t.sort
           FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(code, name, township, sort)
         ON CONFLICT ("code") DO NOTHING`,
        [county6, newVillages.map((v) => v.code), newVillages.map((v) => v.name), newVillages.map((v) => v.townshipCode), newVillages.map((v) => v.sort)],
      );
    }

    // 帮扶责任人: one per ≈ 25 households of each village.
    const villages = await loadCountyVillages(client, county6);
    const helpersPerVillage = Math.max(1, Math.ceil(households / villages.length / HOUSEHOLDS_PER_HELPER));
    const { rows: userRows } = await client.query<{ username: string }>(`SELECT "username" FROM "app_user" WHERE "username" LIKE 'bf%'`);
    const usernames = new Set(userRows.map((row) => row.username));
    const newUsers: { id: string; username: string; displayName: string; regionCode: string; phone: string }[] = [];
    for (const village of villages) {
      let missing = helpersPerVillage - village.helperIds.length;
      for (let nn = 1; missing > 0 && nn <= 99; nn++) {
        const username = `bf${village.code.slice(6)}${String(nn).padStart(2, "0")}`;
        if (usernames.has(username)) continue;
        usernames.add(username);
        const gender: Gender = r.chance(0.5) ? "MALE" : "FEMALE";
        newUsers.push({
          id: nameUuid(`user/${username}`),
          username,
          displayName: r.weighted(SURNAMES) + givenName(r, gender, r.int(1965, 1995)),
          regionCode: village.code,
          phone: mobile(r),
        });
        missing--;
      }
    }
    if (newUsers.length > 0) {
      const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
      await client.query(
        `INSERT INTO "app_user" ("id", "username", "display_name", "password_hash", "role", "region_code", "phone")
         SELECT t.id, t.username, t.display_name, $1, 'HELPER', t.region_code, t.phone
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, username, display_name, region_code, phone)
         ON CONFLICT ("username") DO NOTHING`,
        [
          passwordHash,
          newUsers.map((u) => u.id),
          newUsers.map((u) => u.username),
          newUsers.map((u) => u.displayName),
          newUsers.map((u) => u.regionCode),
          newUsers.map((u) => u.phone),
        ],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  return loadCountyVillages(client, county6);
}
