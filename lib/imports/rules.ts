/**
 * The row and household checks of the national import (issue 13, point 3). Pure: the region tree
 * and "today" are passed in. The checks reuse the form rules: validateIdNumber (GB 11643),
 * memberWarnings / householdWarnings (relation vs sex, one 户主), parseYuan (≤ 2 decimals, no
 * negatives) and computeIncome (人均纯收入 in fen).
 */
import { villageGroupChoiceError } from "@/lib/regions/rules";
import type { HousingGrade } from "@/lib/domain/codes";
import { parseYuan } from "@/lib/income/money";
import { computeIncome } from "@/lib/income/rules";
import { validateIdNumber } from "@/lib/members/id-number";
import { householdWarnings, memberWarnings, type MemberFacts } from "@/lib/members/rules";
import { cellText, type RawCell } from "@/lib/imports/cells";
import {
  CAUSE_SEPARATORS,
  COLUMN_BY_KEY,
  NATIONAL_COLUMNS,
  acceptedWords,
  codeFor,
  genderFor,
  housingGradeFor,
  yesNoFor,
  type NationalKey,
  type VocabularyKey,
} from "@/lib/imports/columns";
import type { HeaderMatch } from "@/lib/imports/header";

export const ISSUE_CODES = [
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
  "COUNT_INVALID",
  "HOUSEHOLD_NO_INVALID",
  "RELATION_GENDER",
  "NO_HEAD",
  "MULTIPLE_HEADS",
  "MEMBER_COUNT",
  "HEAD_NAME",
  "INCOME_MISMATCH",
  "COUNTY_MISMATCH",
  "VILLAGE_UNKNOWN",
  "VILLAGE_GROUP_UNKNOWN",
  "HOUSEHOLD_FIELD_CONFLICT",
  "DUPLICATE_ID_IN_HOUSEHOLD",
  "DUPLICATE_ID_IN_FILE",
  "ID_IN_OTHER_HOUSEHOLD",
  "NO_HELPER",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type ImportIssue = {
  /** 1-based sheet row. */
  sheetRow: number;
  /** The national column header, or "" for a check on the whole household. */
  column: string;
  code: IssueCode;
  message: string;
};

export type ParsedMember = {
  sheetRow: number;
  idNumber: string;
  name: string;
  gender: "MALE" | "FEMALE";
  birthDate: string;
  relation: string;
  ethnicity: string;
  educationLevel: string;
  schoolStatus: string;
  health: string;
  labourSkill: string;
  workStatus: string;
  workMonths: number | null;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  pensionInsurance: boolean;
};

export type ParsedHouseholdFields = {
  county: string;
  township: string;
  village: string;
  villageGroup: string | null;
  householdNo: string;
  headName: string;
  memberCount: number;
  attribute: string;
  primaryCause: string;
  otherCauses: string[];
  identificationYear: number;
  exitYear: number | null;
  perCapitaFen: number;
  wageFen: number;
  businessIncomeFen: number;
  propertyFen: number;
  transferFen: number;
  businessExpenseFen: number;
  housingGrade: HousingGrade;
  drinkingWaterSafe: boolean;
  drinkingWaterDifficult: boolean;
  phone: string | null;
};

/** One sheet row after the cell checks: what could be read, the household key, and the row's issues. */
export type CheckedRow = {
  sheetRow: number;
  householdNo: string | null;
  member: ParsedMember | null;
  household: ParsedHouseholdFields | null;
  /** Canonical text of every household-level cell, to find rows of one household that disagree. */
  householdCells: Partial<Record<NationalKey, string>>;
  issues: ImportIssue[];
};

export type RuleContext = { today: Date };

/** As the household form: 识别年度不早于 2013 年 (lib/households/schema.ts). */
const MIN_YEAR = 2013;
const MAX_YEAR = 2100;
/** Excel stores dates as days since 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function excelSerialToDate(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

type Reader = {
  sheetRow: number;
  issues: ImportIssue[];
  cell(key: NationalKey): RawCell;
  issue(key: NationalKey | "", code: IssueCode, message: string): void;
};

function makeReader(cells: readonly RawCell[], match: HeaderMatch, sheetRow: number): Reader {
  const issues: ImportIssue[] = [];
  return {
    sheetRow,
    issues,
    cell(key) {
      const index = match.columns[key];
      return index === undefined ? { kind: "empty" } : (cells[index] ?? { kind: "empty" });
    },
    issue(key, code, message) {
      issues.push({ sheetRow, column: key ? COLUMN_BY_KEY[key].header : "", code, message });
    },
  };
}

function requiredText(reader: Reader, key: NationalKey): string | null {
  const text = cellText(reader.cell(key)).trim();
  if (!text) {
    reader.issue(key, "REQUIRED", `“${COLUMN_BY_KEY[key].header}”不能为空`);
    return null;
  }
  return text;
}

function optionalText(reader: Reader, key: NationalKey): string | null {
  return cellText(reader.cell(key)).trim() || null;
}

/** Long digit strings (证件号码, 户编号) must be text: a number cell has lost digits past the 15th. */
function digitText(reader: Reader, key: NationalKey): string | null {
  const cell = reader.cell(key);
  const header = COLUMN_BY_KEY[key].header;
  if (cell.kind === "number") {
    const shown = cell.value >= 1e15 ? cell.value.toExponential() : String(cell.value);
    if (key === "idNumber" || !Number.isSafeInteger(cell.value) || cell.value >= 1e15) {
      reader.issue(
        key,
        "ID_AS_NUMBER",
        `“${header}”以数字格式存储（${shown}），超过15位的数字已丢失精度，无法得知原号码；请在国家系统中按文本格式重新导出，或把该列设为文本后重新录入`,
      );
      return null;
    }
    return String(cell.value);
  }
  return requiredText(reader, key);
}

function vocabularyValue(reader: Reader, key: NationalKey & VocabularyKey, fallback?: string): string | null {
  const text = fallback === undefined ? requiredText(reader, key) : optionalText(reader, key);
  if (text === null) return fallback ?? null;
  const code = codeFor(key, text);
  if (!code) {
    reader.issue(key, "VOCABULARY", `“${COLUMN_BY_KEY[key].header}”的值“${text}”不在规定范围内，应为：${acceptedWords(key)}`);
    return null;
  }
  return code;
}

function yesNoValue(reader: Reader, key: NationalKey): boolean | null {
  const cell = reader.cell(key);
  if (cell.kind === "bool") return cell.value;
  const text = requiredText(reader, key);
  if (text === null) return null;
  const value = yesNoFor(text);
  if (value === null) reader.issue(key, "VOCABULARY", `“${COLUMN_BY_KEY[key].header}”的值“${text}”应为“是”或“否”`);
  return value;
}

/** A year must be a four-digit year; an Excel date (or its serial number) is an error, never a guess. */
function yearValue(reader: Reader, key: NationalKey, required: boolean): number | null | undefined {
  const cell = reader.cell(key);
  const header = COLUMN_BY_KEY[key].header;
  if (cell.kind === "empty") {
    if (required) reader.issue(key, "REQUIRED", `“${header}”不能为空`);
    return required ? undefined : null;
  }
  if (cell.kind === "date") {
    reader.issue(key, "YEAR_DATE_SERIAL", `“${header}”是日期格式（${cellText(cell)}），应填写四位年份，如 2016；系统不会猜测年份`);
    return undefined;
  }
  const text = cellText(cell).trim();
  if (/^\d+(\.0+)?$/.test(text)) {
    const value = Number(text);
    if (value >= MIN_YEAR && value <= MAX_YEAR) return value;
    if (value > MAX_YEAR && value < 100_000) {
      reader.issue(
        key,
        "YEAR_DATE_SERIAL",
        `“${header}”的值${value}是 Excel 日期序列号（对应 ${excelSerialToDate(value)}），应填写四位年份，如 2016；系统不会猜测年份`,
      );
      return undefined;
    }
  }
  reader.issue(key, "YEAR_INVALID", `“${header}”的值“${text}”不是有效年份（${MIN_YEAR}–${MAX_YEAR}）`);
  return undefined;
}

function amountValue(reader: Reader, key: NationalKey): number | null {
  const text = requiredText(reader, key);
  if (text === null) return null;
  const header = COLUMN_BY_KEY[key].header;
  const result = parseYuan(text);
  if (result.ok) return result.fen;
  const signed = parseYuan(text, { allowNegative: true });
  const code: IssueCode = signed.ok && signed.fen < 0 ? "AMOUNT_NEGATIVE" : /\.\d{3,}$/.test(text.trim()) ? "AMOUNT_DECIMALS" : "AMOUNT_INVALID";
  reader.issue(key, code, `“${header}”的值“${text}”有误：${result.message}`);
  return null;
}

function countValue(reader: Reader, key: NationalKey, max: number, code: IssueCode, required: boolean): number | null | undefined {
  const text = required ? requiredText(reader, key) : optionalText(reader, key);
  if (text === null) return required ? undefined : null;
  if (/^\d+(\.0+)?$/.test(text) && Number(text) <= max) return Number(text);
  reader.issue(key, code, `“${COLUMN_BY_KEY[key].header}”的值“${text}”应为0–${max}的整数`);
  return undefined;
}

/** Cell-level checks of one data row. `cells` are 0-based, positioned as in the header match. */
export function checkRow(cells: readonly RawCell[], match: HeaderMatch, sheetRow: number, context: RuleContext): CheckedRow {
  const reader = makeReader(cells, match, sheetRow);

  // The household key first: 户编号 is digits only (the national number), at most 16.
  let householdNo = digitText(reader, "householdNo");
  if (householdNo !== null && !/^\d{1,16}$/.test(householdNo)) {
    reader.issue("householdNo", "HOUSEHOLD_NO_INVALID", `“户编号”的值“${householdNo}”应为不超过16位的数字`);
    householdNo = null;
  }

  // The person.
  const rawId = digitText(reader, "idNumber");
  let id: { value: string; birthDate: string; gender: "MALE" | "FEMALE" } | null = null;
  if (rawId !== null) {
    const result = validateIdNumber(rawId, context.today);
    if (result.ok) id = result;
    else reader.issue("idNumber", "ID_INVALID", `证件号码“${rawId}”有误：${result.message}`);
  }
  const name = requiredText(reader, "name");
  const genderText = requiredText(reader, "gender");
  let gender: "MALE" | "FEMALE" | null = null;
  if (genderText !== null) {
    gender = genderFor(genderText);
    if (!gender) reader.issue("gender", "VOCABULARY", `“性别”的值“${genderText}”应为“男”或“女”`);
    else if (id && id.gender !== gender) {
      reader.issue("gender", "GENDER_ID_MISMATCH", `性别填写为“${genderText}”，但证件号码第17位表示${id.gender === "MALE" ? "男" : "女"}性`);
    }
  }
  const relation = vocabularyValue(reader, "relation");
  const educationLevel = vocabularyValue(reader, "educationLevel");
  const schoolStatus = vocabularyValue(reader, "schoolStatus");
  const health = vocabularyValue(reader, "health");
  const labourSkill = vocabularyValue(reader, "labourSkill");
  const workStatus = vocabularyValue(reader, "workStatus", "NONE");
  const workMonths = countValue(reader, "workMonths", 12, "MONTHS_INVALID", false);
  const basicMedicalInsurance = yesNoValue(reader, "basicMedicalInsurance");
  const seriousIllnessInsurance = yesNoValue(reader, "seriousIllnessInsurance");
  const pensionInsurance = yesNoValue(reader, "pensionInsurance");

  // The household fields repeated on the row.
  const county = requiredText(reader, "county");
  const township = requiredText(reader, "township");
  const village = requiredText(reader, "village");
  const headName = requiredText(reader, "headName");
  const memberCount = countValue(reader, "memberCount", 99, "COUNT_INVALID", true);
  const attribute = vocabularyValue(reader, "attribute");
  const primaryCause = vocabularyValue(reader, "primaryCause");
  const otherCauses: string[] = [];
  let causesOk = true;
  for (const word of (optionalText(reader, "otherCauses") ?? "").split(CAUSE_SEPARATORS).filter(Boolean)) {
    const code = codeFor("primaryCause", word);
    if (!code) {
      reader.issue("otherCauses", "VOCABULARY", `“其他致贫原因”中的“${word}”不在规定范围内，应为：${acceptedWords("primaryCause")}`);
      causesOk = false;
    } else if (!otherCauses.includes(code) && code !== primaryCause) otherCauses.push(code);
  }
  const identificationYear = yearValue(reader, "identificationYear", true);
  const exitYear = yearValue(reader, "exitYear", false);
  const perCapitaFen = amountValue(reader, "perCapitaIncome");
  const wageFen = amountValue(reader, "wage");
  const businessIncomeFen = amountValue(reader, "businessIncome");
  const propertyFen = amountValue(reader, "propertyIncome");
  const transferFen = amountValue(reader, "transferIncome");
  const businessExpenseFen = amountValue(reader, "businessExpense");
  const gradeText = requiredText(reader, "housingGrade");
  const housingGrade = gradeText === null ? null : housingGradeFor(gradeText);
  if (gradeText !== null && !housingGrade) reader.issue("housingGrade", "VOCABULARY", `“住房安全等级”的值“${gradeText}”应为 A、B、C 或 D 级`);
  const drinkingWaterSafe = yesNoValue(reader, "drinkingWaterSafe");
  const drinkingWaterDifficult = yesNoValue(reader, "drinkingWaterDifficult");

  const householdCells: Partial<Record<NationalKey, string>> = {};
  for (const column of NATIONAL_COLUMNS) {
    if (column.level === "household" && column.key !== "householdNo") householdCells[column.key] = cellText(reader.cell(column.key)).trim();
  }

  const member: ParsedMember | null =
    id &&
    name &&
    gender &&
    relation &&
    educationLevel &&
    schoolStatus &&
    health &&
    labourSkill &&
    workStatus &&
    workMonths !== undefined &&
    basicMedicalInsurance !== null &&
    seriousIllnessInsurance !== null &&
    pensionInsurance !== null
      ? {
          sheetRow,
          idNumber: id.value,
          name,
          gender,
          birthDate: id.birthDate,
          relation,
          ethnicity: optionalText(reader, "ethnicity") ?? "汉族",
          educationLevel,
          schoolStatus,
          health,
          labourSkill,
          workStatus,
          workMonths,
          basicMedicalInsurance,
          seriousIllnessInsurance,
          pensionInsurance,
        }
      : null;

  const household: ParsedHouseholdFields | null =
    householdNo &&
    county &&
    township &&
    village &&
    headName &&
    typeof memberCount === "number" &&
    attribute &&
    primaryCause &&
    causesOk &&
    typeof identificationYear === "number" &&
    exitYear !== undefined &&
    perCapitaFen !== null &&
    wageFen !== null &&
    businessIncomeFen !== null &&
    propertyFen !== null &&
    transferFen !== null &&
    businessExpenseFen !== null &&
    housingGrade &&
    drinkingWaterSafe !== null &&
    drinkingWaterDifficult !== null
      ? {
          county,
          township,
          village,
          villageGroup: optionalText(reader, "villageGroup"),
          householdNo,
          headName,
          memberCount,
          attribute,
          primaryCause,
          otherCauses,
          identificationYear,
          exitYear,
          perCapitaFen,
          wageFen,
          businessIncomeFen,
          propertyFen,
          transferFen,
          businessExpenseFen,
          housingGrade,
          drinkingWaterSafe,
          drinkingWaterDifficult,
          phone: optionalText(reader, "phone"),
        }
      : null;

  return { sheetRow, householdNo, member, household, householdCells, issues: reader.issues };
}

/** Where a (乡镇, 行政村) pair sits in the county's region tree. */
export type VillageLookup = (township: string, village: string) => { townshipCode: string; villageCode: string } | null;

/** `areaName` names where villages are looked for in the message ("本县", or the township of a 乡镇干部). */
/** A village's 自然村/组 list (empty when it has none: the column stays free text), by village code. */
export type VillageGroupLookup = (villageCode: string) => readonly { name: string; retired: boolean }[];
export type HouseholdContext = RuleContext & { countyName: string; findVillage: VillageLookup; villageGroups?: VillageGroupLookup; areaName?: string };

export type CheckedHousehold = {
  householdNo: string;
  sheetRows: number[];
  fields: ParsedHouseholdFields | null;
  members: ParsedMember[];
  townshipCode: string | null;
  villageCode: string | null;
  /** Issues of the household as a whole (the rows' own issues stay on the rows). */
  issues: ImportIssue[];
};

function memberFacts(member: ParsedMember): MemberFacts {
  return {
    name: member.name,
    relation: member.relation as MemberFacts["relation"],
    gender: member.gender,
    birthDate: member.birthDate,
    schoolStatus: member.schoolStatus as MemberFacts["schoolStatus"],
    schoolingExemption: "NONE",
    labourSkill: member.labourSkill as MemberFacts["labourSkill"],
    workMonths: member.workMonths,
    status: "PRESENT",
  };
}

function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** The checks across the rows of one household. `rows` are its rows in sheet order. */
export function checkHousehold(rows: readonly CheckedRow[], context: HouseholdContext): CheckedHousehold {
  const householdNo = rows[0].householdNo ?? "";
  const first = rows[0];
  const issues: ImportIssue[] = [];
  const add = (sheetRow: number, key: NationalKey | "", code: IssueCode, message: string) =>
    issues.push({ sheetRow, column: key ? COLUMN_BY_KEY[key].header : "", code, message });

  // Household fields repeated on every row must agree with the first row.
  for (const row of rows.slice(1)) {
    for (const [key, text] of Object.entries(row.householdCells) as [NationalKey, string][]) {
      const expected = first.householdCells[key] ?? "";
      if (text !== expected) {
        add(
          row.sheetRow,
          key,
          "HOUSEHOLD_FIELD_CONFLICT",
          `户编号${householdNo}各行的“${COLUMN_BY_KEY[key].header}”不一致：第${first.sheetRow}行为“${expected}”，本行为“${text}”`,
        );
      }
    }
  }

  const members = rows.flatMap((row) => (row.member ? [row.member] : []));
  const fields = first.household;
  const allMembersRead = members.length === rows.length;

  // The same person twice in one household.
  const seen = new Map<string, number>();
  for (const member of members) {
    const earlier = seen.get(member.idNumber);
    if (earlier !== undefined) {
      add(member.sheetRow, "idNumber", "DUPLICATE_ID_IN_HOUSEHOLD", `证件号码${member.idNumber}在本户出现两次（第${earlier}行和第${member.sheetRow}行）`);
    } else seen.set(member.idNumber, member.sheetRow);
  }

  // One 户主, relation vs sex: the form's member rules (lib/members/rules.ts).
  if (allMembersRead) {
    const facts = members.map(memberFacts);
    for (const warning of householdWarnings(facts, { today: context.today })) {
      if (warning.code === "NO_HEAD") add(first.sheetRow, "relation", "NO_HEAD", `户编号${householdNo}：${warning.message}`);
      if (warning.code === "MULTIPLE_HEADS") add(first.sheetRow, "relation", "MULTIPLE_HEADS", `户编号${householdNo}：${warning.message}`);
    }
    const heads = facts.filter((fact) => fact.relation === "HEAD");
    const head = heads.length === 1 ? heads[0] : null;
    members.forEach((member, index) => {
      for (const warning of memberWarnings(facts[index], { head }, { today: context.today })) {
        if (warning.code === "RELATION_GENDER_MISMATCH" || warning.code === "SPOUSE_SAME_GENDER")
          add(member.sheetRow, "relation", "RELATION_GENDER", warning.message);
      }
    });
  }

  if (fields) {
    if (fields.memberCount !== rows.length) {
      add(first.sheetRow, "memberCount", "MEMBER_COUNT", `户编号${householdNo}的“人数”为${fields.memberCount}，但表中本户有${rows.length}行成员`);
    }
    const heads = members.filter((member) => member.relation === "HEAD");
    if (heads.length === 1 && heads[0].name !== fields.headName) {
      add(heads[0].sheetRow, "headName", "HEAD_NAME", `“户主姓名”为“${fields.headName}”，但与户主关系为“户主”的成员姓名是“${heads[0].name}”`);
    }
    if (fields.county !== context.countyName) {
      add(first.sheetRow, "county", "COUNTY_MISMATCH", `“县”为“${fields.county}”，不是本县（${context.countyName}）`);
    }
    const income = computeIncome(
      {
        wageFen: fields.wageFen,
        businessIncomeFen: fields.businessIncomeFen,
        businessExpenseFen: fields.businessExpenseFen,
        propertyFen: fields.propertyFen,
        transfer: {
          minimumLivingFen: 0,
          extremePovertySupportFen: 0,
          pensionFen: 0,
          familyPlanningFen: 0,
          ecologicalCompensationFen: 0,
          otherTransferFen: fields.transferFen,
        },
      },
      rows.length,
    );
    // With 人数 ≠ rows the per-capita figure has no single denominator; MEMBER_COUNT already says so.
    if (fields.memberCount === rows.length && income.perCapitaFen !== null && Math.abs(income.perCapitaFen - fields.perCapitaFen) > 1) {
      add(
        first.sheetRow,
        "perCapitaIncome",
        "INCOME_MISMATCH",
        `“年人均纯收入”为${formatYuan(fields.perCapitaFen)}元，但按各项收入计算应为${formatYuan(income.perCapitaFen)}元（${income.formula}），相差超过0.01元`,
      );
    }
  }

  let place: { townshipCode: string; villageCode: string } | null = null;
  if (fields) {
    place = context.findVillage(fields.township, fields.village);
    if (!place)
      add(
        first.sheetRow,
        "village",
        "VILLAGE_UNKNOWN",
        `${context.areaName ?? "本县"}区划中没有“${fields.township}${fields.village}”，请先在区划管理中建立该村，或核对乡镇、行政村名称`,
      );
    // The archive numbers a household by its village: 12-digit village code + 4-digit sequence (household_no CHECK in SQL).
    else if (!/^\d{16}$/.test(householdNo) || householdNo.slice(0, 12) !== place.villageCode)
      add(
        first.sheetRow,
        "householdNo",
        "HOUSEHOLD_NO_INVALID",
        `户编号${householdNo}应为16位数字、前12位为所在村“${fields.village}”的统计用区划代码${place.villageCode}`,
      );
    // The 自然村/组 column maps onto the village's list when it has one (docs/decisions/028); free text otherwise.
    if (place && context.villageGroups) {
      const groupError = villageGroupChoiceError(context.villageGroups(place.villageCode), fields.villageGroup);
      if (groupError)
        add(first.sheetRow, "villageGroup", "VILLAGE_GROUP_UNKNOWN", `行政村“${fields.village}”：${groupError}；请核对，或先在区划管理中添加该自然村/组`);
    }
  }

  return {
    householdNo,
    sheetRows: rows.map((row) => row.sheetRow),
    fields,
    members,
    townshipCode: place?.townshipCode ?? null,
    villageCode: place?.villageCode ?? null,
    issues,
  };
}

/** Groups checked rows by 户编号 (rows without a readable 户编号 stay alone) and runs the household and file checks. */
export function checkFile(rows: readonly CheckedRow[], context: HouseholdContext): { households: CheckedHousehold[]; fileIssues: ImportIssue[] } {
  const groups = new Map<string, CheckedRow[]>();
  for (const row of rows) {
    if (!row.householdNo) continue;
    const group = groups.get(row.householdNo);
    if (group) group.push(row);
    else groups.set(row.householdNo, [row]);
  }
  const households = [...groups.values()].map((group) => checkHousehold(group, context));

  const duplicates = new FileDuplicates();
  const fileIssues = households.flatMap((household) => duplicates.add(household).issues);
  return { households, fileIssues };
}

/**
 * "A person in two households of the file", fed one household after another (checkFile, and the
 * streaming import, which keeps only this map of ID numbers between households). `others` names the
 * households seen earlier that the new issues also fall on.
 */
export class FileDuplicates {
  private readonly homes = new Map<string, { householdNo: string; sheetRow: number }>();

  add(household: { householdNo: string; members: readonly ParsedMember[] }): { issues: ImportIssue[]; others: string[] } {
    const issues: ImportIssue[] = [];
    const others: string[] = [];
    for (const member of household.members) {
      const home = this.homes.get(member.idNumber);
      if (home && home.householdNo !== household.householdNo) {
        const message = `证件号码${member.idNumber}同时出现在户编号${home.householdNo}（第${home.sheetRow}行）和户编号${household.householdNo}（第${member.sheetRow}行），一人只能在一户`;
        issues.push({ sheetRow: home.sheetRow, column: COLUMN_BY_KEY.idNumber.header, code: "DUPLICATE_ID_IN_FILE", message });
        issues.push({ sheetRow: member.sheetRow, column: COLUMN_BY_KEY.idNumber.header, code: "DUPLICATE_ID_IN_FILE", message });
        others.push(home.householdNo);
      } else if (!home) this.homes.set(ownCopy(member.idNumber), { householdNo: ownCopy(household.householdNo), sheetRow: member.sheetRow });
    }
    return { issues, others };
  }
}

/**
 * A copy of a string that shares no memory with the text it was cut from. The XML parser hands out
 * ID numbers and 户编号 cut from the decoded chunks of the sheet; V8 may keep a long string's whole
 * parent alive through such a slice, and these are kept for the rest of the file.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
