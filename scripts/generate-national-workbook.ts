// Generator of national-layout member workbooks (贫困人口明细) for tests and the bench:
// valid households, plus (with --errors) one planted error of every kind the import checks,
// with the report the import must give for them.
//   npx tsx scripts/generate-national-workbook.ts --households N [--errors] [--seed S] [--out file.xlsx]
import { createWriteStream } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { fenToYuanString } from "@/lib/income/money";
import { computeIncome } from "@/lib/income/rules";
import { makeIdNumber } from "@/lib/members/id-number";
import { NATIONAL_COLUMNS, type NationalKey } from "@/lib/imports/columns";
import type { IssueCode } from "@/lib/imports/rules";
import { DEMO_COUNTY, DEMO_TOWNSHIPS } from "@/prisma/demo-county";

export type RowValues = Partial<Record<NationalKey, string | number | Date | null>>;

export type GeneratorCounty = {
  province: string;
  city: string;
  name: string;
  idRegion: string;
  townships: { name: string; villages: { name: string; code: string }[] }[];
};

export type GeneratorOptions = {
  households: number;
  /** Plant one household with each kind of error (after the valid ones). */
  errors?: boolean;
  seed?: number;
  county?: GeneratorCounty;
  /** 户编号 sequence offset, so two files do not share households. */
  firstSequence?: number;
  /** The first six digits of the generated ID numbers (any valid region), so files of one test run never share a person. */
  idRegion?: string;
  /** Title rows, an extra column, empty styled cells and a shuffled column order: the untidy export. */
  untidy?: boolean;
};

export type ExpectedIssue = { sheetRow: number; code: IssueCode };

export type GeneratedWorkbook = {
  /** Data rows in sheet order; `sheetRows[i]` is the sheet row of `rows[i]`. */
  rows: RowValues[];
  sheetRows: number[];
  headerRow: number;
  headers: string[];
  expected: {
    rows: number;
    households: number;
    validHouseholds: number;
    invalidHouseholds: number;
    /** Rows with no readable 户编号, so in no household. */
    rowsWithoutHousehold: number;
    /** Members in valid households. */
    validMembers: number;
    issues: ExpectedIssue[];
  };
};

export const DEMO_GENERATOR_COUNTY: GeneratorCounty = {
  province: "贵州省",
  city: "黔南布依族苗族自治州",
  name: DEMO_COUNTY.name,
  idRegion: DEMO_COUNTY.code.slice(0, 6),
  townships: DEMO_TOWNSHIPS.map((township) => ({ name: township.name, villages: township.villages })),
};

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "罗", "龙", "吴", "石", "潘"];
const GIVEN_MALE = ["建国", "志强", "国华", "德明", "永福", "小军", "明亮", "文斌", "海涛", "光荣"];
const GIVEN_FEMALE = ["秀英", "桂兰", "玉梅", "春花", "丽娟", "小红", "金凤", "美玲", "艳萍", "翠芳"];
const CAUSES = ["因病", "因残", "因学", "缺技术", "缺资金", "缺劳力", "缺土地", "自身发展动力不足"];
const ATTRIBUTES = ["一般贫困户", "低保贫困户", "特困供养贫困户", "低保户", "五保户"];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Person = { name: string; relation: string; gender: "男" | "女"; birth: string };

/** The kinds of planted error, each in its own household; `issues` gives the codes and the data rows (0-based within the household) they land on. */
const PLANTED = [
  "REQUIRED",
  "ID_INVALID",
  "ID_AS_NUMBER",
  "GENDER_ID_MISMATCH",
  "VOCABULARY",
  "YEAR_DATE_SERIAL",
  "YEAR_INVALID",
  "AMOUNT_NEGATIVE",
  "AMOUNT_DECIMALS",
  "AMOUNT_INVALID",
  "MONTHS_INVALID",
  "HOUSEHOLD_NO_INVALID",
  "RELATION_GENDER",
  "NO_HEAD",
  "MULTIPLE_HEADS",
  "MEMBER_COUNT",
  "HEAD_NAME",
  "INCOME_MISMATCH",
  "COUNTY_MISMATCH",
  "VILLAGE_UNKNOWN",
  "HOUSEHOLD_FIELD_CONFLICT",
  "DUPLICATE_ID_IN_HOUSEHOLD",
  "DUPLICATE_ID_IN_FILE",
] as const satisfies readonly IssueCode[];

export function generateNationalRows(options: GeneratorOptions): GeneratedWorkbook {
  const county = options.county ?? DEMO_GENERATOR_COUNTY;
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  const usedIds = new Set<string>();
  let idCounter = 0;

  const villages = county.townships.flatMap((township) => township.villages.map((village) => ({ township: township.name, village })));
  let sequence = options.firstSequence ?? 1;
  const perVillage = sequence + options.households + PLANTED.length > 10_000;
  if (perVillage && (sequence + options.households + PLANTED.length) / villages.length > 9_999) {
    throw new Error(`${options.households} 户超过 ${villages.length} 个村各 9 999 户的上限`);
  }

  function idFor(person: Person): string {
    for (;;) {
      idCounter++;
      const base = (idCounter * 2) % 1000;
      const seq = person.gender === "男" ? base + 1 : base;
      const id = makeIdNumber(options.idRegion ?? county.idRegion, person.birth, seq % 1000);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  }

  function birth(fromYear: number, toYear: number): string {
    return `${int(fromYear, toYear)}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`;
  }

  function people(size: number): Person[] {
    const surname = pick(SURNAMES);
    const headMale = random() < 0.8;
    const head: Person = {
      name: surname + pick(headMale ? GIVEN_MALE : GIVEN_FEMALE),
      relation: "户主",
      gender: headMale ? "男" : "女",
      birth: birth(1950, 1985),
    };
    const result = [head];
    if (size >= 2) {
      const spouseMale = !headMale;
      result.push({
        name: pick(SURNAMES) + pick(spouseMale ? GIVEN_MALE : GIVEN_FEMALE),
        relation: "配偶",
        gender: spouseMale ? "男" : "女",
        birth: birth(1950, 1985),
      });
    }
    while (result.length < size) {
      const male = random() < 0.5;
      result.push({
        name: surname + pick(male ? GIVEN_MALE : GIVEN_FEMALE),
        relation: male ? "之子" : "之女",
        gender: male ? "男" : "女",
        birth: birth(1990, 2015),
      });
    }
    return result;
  }

  function personCells(person: Person, id: string): RowValues {
    const age = 2024 - Number(person.birth.slice(0, 4));
    const child = age < 16;
    const school = age < 6 ? "学前" : age <= 12 ? "小学" : age <= 15 ? "初中" : "非在校生";
    const working = !child && random() < 0.5;
    return {
      idNumber: id,
      relation: person.relation,
      name: person.name,
      gender: person.gender,
      ethnicity: pick(["汉族", "苗族", "布依族"]),
      educationLevel: child ? (age < 6 ? "学龄前儿童" : "小学") : pick(["小学", "初中", "文盲或半文盲"]),
      schoolStatus: school,
      health: pick(["健康", "健康", "长期慢性病", "残疾"]),
      labourSkill: child ? "无劳动力" : pick(["普通劳动力", "弱劳动力或半劳动力", "技能劳动力"]),
      workStatus: working ? pick(["县内务工", "省内县外务工", "省外务工"]) : "未务工",
      workMonths: working ? int(1, 12) : 0,
      basicMedicalInsurance: "是",
      seriousIllnessInsurance: "是",
      pensionInsurance: child ? "否" : "是",
    };
  }

  type Household = { rows: RowValues[] };

  function household(size: number): Household & { persons: Person[]; ids: string[] } {
    const place = villages[(sequence - 1) % villages.length];
    // 户编号 = village code + 4-digit sequence (the archive's layout). A file too large for one sequence across the county
    // (tier M) numbers each village on its own: at most 9 999 households per village.
    const number = perVillage ? Math.floor((sequence - 1) / villages.length) + 1 : sequence;
    const householdNo = `${place.village.code}${String(number).padStart(4, "0")}`;
    sequence++;
    const persons = people(size);
    const ids = persons.map(idFor);
    const wage = int(0, 30) * 500;
    const business = int(0, 20) * 300;
    const property = int(0, 3) * 100;
    const transfer = int(0, 10) * 250;
    const expense = Math.min(business, int(0, 5) * 200);
    const income = computeIncome(
      {
        wageFen: wage * 100,
        businessIncomeFen: business * 100,
        businessExpenseFen: expense * 100,
        propertyFen: property * 100,
        transfer: {
          minimumLivingFen: 0,
          extremePovertySupportFen: 0,
          pensionFen: 0,
          familyPlanningFen: 0,
          ecologicalCompensationFen: 0,
          otherTransferFen: transfer * 100,
        },
      },
      size,
    );
    const exited = random() < 0.3;
    const causes = [...CAUSES].sort(() => random() - 0.5);
    const shared: RowValues = {
      province: county.province,
      city: county.city,
      county: county.name,
      township: place.township,
      village: place.village.name,
      villageGroup: `${int(1, 8)}组`,
      householdNo,
      headName: persons[0].name,
      memberCount: size,
      attribute: pick(ATTRIBUTES),
      primaryCause: causes[0],
      otherCauses: random() < 0.5 ? `${causes[1]}、${causes[2]}` : "",
      identificationYear: int(2014, 2016),
      exitYear: exited ? int(2017, 2020) : null,
      perCapitaIncome: Number(fenToYuanString(income.perCapitaFen!)),
      wage,
      businessIncome: business,
      propertyIncome: property,
      transferIncome: transfer,
      businessExpense: expense,
      housingGrade: pick(["A级", "B级", "C级", "A"]),
      drinkingWaterSafe: "是",
      drinkingWaterDifficult: "否",
      phone: `1${int(30, 89)}${String(int(0, 99_999_999)).padStart(8, "0")}`,
    };
    return { persons, ids, rows: persons.map((person, index) => ({ ...shared, ...personCells(person, ids[index]) })) };
  }

  const households: { rows: RowValues[]; issues: { row: number; code: IssueCode }[]; valid: boolean; grouped: boolean }[] = [];
  for (let index = 0; index < options.households; index++) {
    households.push({ ...household(int(1, 5)), issues: [], valid: true, grouped: true });
  }

  if (options.errors) {
    const setAll = (rows: RowValues[], values: RowValues) => rows.forEach((row) => Object.assign(row, values));
    for (const code of PLANTED) {
      const planted = household(code === "DUPLICATE_ID_IN_FILE" || code === "REQUIRED" || code.startsWith("ID_") || code === "GENDER_ID_MISMATCH" ? 1 : 2);
      const rows = planted.rows;
      const issues: { row: number; code: IssueCode }[] = [{ row: 0, code }];
      let grouped = true;
      switch (code) {
        case "REQUIRED":
          rows[0].name = "";
          break;
        case "ID_INVALID": {
          const id = String(rows[0].idNumber);
          rows[0].idNumber = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
          break;
        }
        case "ID_AS_NUMBER":
          rows[0].idNumber = Number(String(rows[0].idNumber).slice(0, 17));
          break;
        case "GENDER_ID_MISMATCH":
          rows[0].gender = rows[0].gender === "男" ? "女" : "男";
          break;
        case "VOCABULARY":
          rows[1].health = "一般";
          issues[0].row = 1;
          break;
        case "YEAR_DATE_SERIAL":
          setAll(rows, { identificationYear: 41640 });
          issues.push({ row: 1, code });
          break;
        case "YEAR_INVALID":
          setAll(rows, { exitYear: "2019年底" });
          issues.push({ row: 1, code });
          break;
        case "AMOUNT_NEGATIVE":
          setAll(rows, { propertyIncome: -100 });
          issues.push({ row: 1, code });
          break;
        case "AMOUNT_DECIMALS":
          setAll(rows, { wage: "1200.505" });
          issues.push({ row: 1, code });
          break;
        case "AMOUNT_INVALID":
          setAll(rows, { transferIncome: "约三千" });
          issues.push({ row: 1, code });
          break;
        case "MONTHS_INVALID":
          rows[0].workMonths = 15;
          break;
        case "HOUSEHOLD_NO_INVALID":
          setAll(rows, { householdNo: `HH${String(rows[0].householdNo).slice(-6)}` });
          issues.push({ row: 1, code });
          grouped = false;
          break;
        case "RELATION_GENDER":
          rows[1].relation = rows[1].gender === "男" ? "之女" : "之子";
          issues[0].row = 1;
          break;
        case "NO_HEAD":
          rows[0].relation = "其他";
          break;
        case "MULTIPLE_HEADS":
          rows[1].relation = "户主";
          break;
        case "MEMBER_COUNT":
          setAll(rows, { memberCount: 3 });
          break;
        case "HEAD_NAME":
          setAll(rows, { headName: `${String(rows[0].name)}甲` });
          break;
        case "INCOME_MISMATCH":
          setAll(rows, { perCapitaIncome: Number(rows[0].perCapitaIncome) + 1 });
          break;
        case "COUNTY_MISMATCH":
          setAll(rows, { county: "邻县" });
          break;
        case "VILLAGE_UNKNOWN":
          setAll(rows, { village: "不存在村" });
          break;
        case "HOUSEHOLD_FIELD_CONFLICT":
          rows[1].housingGrade = rows[0].housingGrade === "D级" ? "C级" : "D级";
          issues[0].row = 1;
          break;
        case "DUPLICATE_ID_IN_HOUSEHOLD":
          rows[1].idNumber = rows[0].idNumber;
          rows[1].gender = rows[0].gender;
          rows[1].relation = "其他";
          issues[0].row = 1;
          break;
        case "DUPLICATE_ID_IN_FILE": {
          // This one-person household's member is also in the last valid household (appended there).
          const other = households.findLast((entry) => entry.valid);
          if (!other) throw new Error("DUPLICATE_ID_IN_FILE needs at least one valid household");
          const copy: RowValues = {
            ...other.rows[0],
            ...personCells(
              { name: String(rows[0].name), relation: "其他", gender: rows[0].gender as "男" | "女", birth: "1980-01-01" },
              String(rows[0].idNumber),
            ),
          };
          copy.memberCount = other.rows.length + 1;
          setAll(other.rows, { memberCount: other.rows.length + 1 });
          other.rows.push(copy);
          // Keep its per-capita figure consistent with the new size.
          const fen = computeIncome(
            {
              wageFen: Number(copy.wage) * 100,
              businessIncomeFen: Number(copy.businessIncome) * 100,
              businessExpenseFen: Number(copy.businessExpense) * 100,
              propertyFen: Number(copy.propertyIncome) * 100,
              transfer: {
                minimumLivingFen: 0,
                extremePovertySupportFen: 0,
                pensionFen: 0,
                familyPlanningFen: 0,
                ecologicalCompensationFen: 0,
                otherTransferFen: Number(copy.transferIncome) * 100,
              },
            },
            other.rows.length,
          ).perCapitaFen!;
          setAll(other.rows, { perCapitaIncome: Number(fenToYuanString(fen)) });
          other.valid = false;
          other.issues.push({ row: other.rows.length - 1, code });
          break;
        }
      }
      households.push({ rows, issues, valid: false, grouped });
    }
  }

  const headerRow = options.untidy ? 3 : 1;
  const rows: RowValues[] = [];
  const sheetRows: number[] = [];
  const issues: ExpectedIssue[] = [];
  for (const entry of households) {
    const first = headerRow + 1 + rows.length;
    for (const row of entry.rows) {
      sheetRows.push(headerRow + 1 + rows.length);
      rows.push(row);
    }
    for (const issue of entry.issues) issues.push({ sheetRow: first + issue.row, code: issue.code });
  }
  issues.sort((a, b) => a.sheetRow - b.sheetRow || a.code.localeCompare(b.code));

  const grouped = households.filter((entry) => entry.grouped);
  const valid = households.filter((entry) => entry.valid);
  const headers = NATIONAL_COLUMNS.map((column) => column.header);
  return {
    rows,
    sheetRows,
    headerRow,
    headers: options.untidy ? ["备注", ...headers.slice(20), ...headers.slice(0, 20)] : headers,
    expected: {
      rows: rows.length,
      households: grouped.length,
      validHouseholds: valid.length,
      invalidHouseholds: grouped.length - valid.length,
      rowsWithoutHousehold: households.filter((entry) => !entry.grouped).reduce((sum, entry) => sum + entry.rows.length, 0),
      validMembers: valid.reduce((sum, entry) => sum + entry.rows.length, 0),
      issues,
    },
  };
}

const HEADER_TO_KEY = new Map(NATIONAL_COLUMNS.map((column) => [column.header, column.key]));

/** Writes the rows as a national-layout .xlsx, streaming (a tier-M file never sits in memory as a workbook). */
export async function writeNationalWorkbook(generated: GeneratedWorkbook, output: Writable, options: { untidy?: boolean } = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("贫困人口明细");
  if (options.untidy) {
    const title = sheet.getRow(1);
    title.getCell(1).value = "建档立卡贫困人口明细表";
    sheet.mergeCells(1, 1, 1, generated.headers.length);
    title.commit();
    const note = sheet.getRow(2);
    note.getCell(1).value = `导出时间：2024-06-01　共${generated.rows.length}人`;
    note.commit();
  }
  const header = sheet.getRow(generated.headerRow);
  generated.headers.forEach((text, index) => (header.getCell(index + 1).value = text));
  header.commit();
  generated.rows.forEach((values, index) => {
    const row = sheet.getRow(generated.sheetRows[index]);
    generated.headers.forEach((text, column) => {
      const key = HEADER_TO_KEY.get(text);
      const value = key ? values[key] : "";
      if (value !== null && value !== undefined && value !== "") row.getCell(column + 1).value = value;
    });
    if (options.untidy) {
      // Empty cells with a style past the last column, as exports often have.
      for (let extra = 1; extra <= 3; extra++)
        row.getCell(generated.headers.length + extra).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFCC" } };
    }
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}

export async function nationalWorkbookBuffer(generated: GeneratedWorkbook, options: { untidy?: boolean } = {}): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  await writeNationalWorkbook(generated, stream, options);
  await done;
  return Buffer.concat(chunks);
}

async function main() {
  const { values } = parseArgs({
    options: {
      households: { type: "string" },
      errors: { type: "boolean", default: false },
      untidy: { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
      out: { type: "string", default: "national-export.xlsx" },
    },
  });
  const households = Number(values.households);
  if (!Number.isInteger(households) || households < 1) {
    console.error("用法：npx tsx scripts/generate-national-workbook.ts --households N [--errors] [--untidy] [--seed S] [--out 文件.xlsx]");
    process.exit(2);
  }
  const generated = generateNationalRows({ households, errors: values.errors, seed: Number(values.seed), untidy: values.untidy });
  await writeNationalWorkbook(generated, createWriteStream(values.out), { untidy: values.untidy });
  const { expected } = generated;
  console.log(
    `${values.out}: ${expected.rows} 行, ${expected.households} 户（无误 ${expected.validHouseholds}，有误 ${expected.invalidHouseholds}），预期问题 ${expected.issues.length} 条`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
