import { describe, expect, it } from "vitest";
import { toRawCell, type RawCell } from "@/lib/imports/cells";
import { NATIONAL_COLUMNS, codeFor, housingGradeFor, keyForHeader, type NationalKey } from "@/lib/imports/columns";
import { detectHeader, type HeaderMatch } from "@/lib/imports/header";
import { checkFile, checkHousehold, checkRow, excelSerialToDate, type CheckedRow, type HouseholdContext, type IssueCode } from "@/lib/imports/rules";
import { makeIdNumber } from "@/lib/members/id-number";

const TODAY = new Date(2024, 5, 15);
const HEADERS = NATIONAL_COLUMNS.map((column) => column.header);
const MATCH: HeaderMatch = {
  headerRow: 1,
  columns: Object.fromEntries(NATIONAL_COLUMNS.map((column, index) => [column.key, index])),
  missing: [],
  duplicated: [],
  extra: [],
};
const CONTEXT: HouseholdContext = {
  today: TODAY,
  countyName: "示范县",
  findVillage: (township, village) => (township === "城关镇" && village === "红星村" ? { townshipCode: "522727100000", villageCode: "522727100201" } : null),
};

const HEAD_ID = makeIdNumber("522727", "1970-03-10", 11);
const SPOUSE_ID = makeIdNumber("522727", "1972-08-01", 22);
const SON_ID = makeIdNumber("522727", "1998-01-20", 33);

type Values = Partial<Record<NationalKey, unknown>>;

const HOUSEHOLD: Values = {
  province: "贵州省",
  city: "黔南州",
  county: "示范县",
  township: "城关镇",
  village: "红星村",
  villageGroup: "一组",
  householdNo: "5227271002010001",
  headName: "王建国",
  memberCount: "3",
  attribute: "一般贫困户",
  primaryCause: "因病",
  otherCauses: "缺技术、缺资金",
  identificationYear: 2014,
  exitYear: null,
  perCapitaIncome: "6333.33",
  wage: "12000",
  businessIncome: "6000.00",
  propertyIncome: "0",
  transferIncome: "3000",
  businessExpense: "2000",
  housingGrade: "B级",
  drinkingWaterSafe: "是",
  drinkingWaterDifficult: "否",
  phone: "13800000000",
};
const PERSON: Values = {
  ethnicity: "汉族",
  educationLevel: "初中",
  schoolStatus: "非在校生",
  health: "健康",
  labourSkill: "普通劳动力",
  workStatus: "省外务工",
  workMonths: 8,
  basicMedicalInsurance: "是",
  seriousIllnessInsurance: "是",
  pensionInsurance: "是",
};
const HEAD: Values = { ...HOUSEHOLD, ...PERSON, idNumber: HEAD_ID, relation: "户主", name: "王建国", gender: "男" };
const SPOUSE: Values = { ...HOUSEHOLD, ...PERSON, idNumber: SPOUSE_ID, relation: "配偶", name: "李秀英", gender: "女" };
const SON: Values = { ...HOUSEHOLD, ...PERSON, idNumber: SON_ID, relation: "之子", name: "王小明", gender: "男" };

function cells(values: Values): RawCell[] {
  return NATIONAL_COLUMNS.map((column) => toRawCell(values[column.key]));
}

function row(values: Values, sheetRow = 2): CheckedRow {
  return checkRow(cells(values), MATCH, sheetRow, { today: TODAY });
}

function codes(checked: { issues: { code: IssueCode }[] }): IssueCode[] {
  return checked.issues.map((issue) => issue.code);
}

function household(...members: Values[]) {
  return checkHousehold(
    members.map((values, index) => row(values, index + 2)),
    CONTEXT,
  );
}

describe("header detection", () => {
  it("finds the header under title rows with a merged title cell", () => {
    const rows = [[toRawCell("贫困人口明细"), ...HEADERS.slice(1).map(() => toRawCell(null))], [toRawCell("导出时间：2024-06-01")], HEADERS.map(toRawCell)];
    const result = detectHeader(rows);
    expect(result.ok && result.match.headerRow).toBe(3);
    expect(result.ok && result.match.columns.idNumber).toBe(8);
  });

  it("reads columns by name whatever their order, ignoring extra columns and empty styled cells", () => {
    const shuffled = ["备注", ...[...HEADERS].reverse(), "", "", ""];
    const result = detectHeader([shuffled.map(toRawCell)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.match.columns.phone).toBe(1);
    expect(result.match.columns.province).toBe(HEADERS.length);
    expect(result.match.extra).toEqual(["备注"]);
  });

  it("accepts half-width parentheses, spaces and line breaks in header names", () => {
    expect(keyForHeader("务工时间(月)")).toBe("workMonths");
    expect(keyForHeader(" 证件\n号码 ")).toBe("idNumber");
    expect(keyForHeader("自然村／组")).toBe("villageGroup");
  });

  it("names the missing required columns", () => {
    const result = detectHeader([HEADERS.filter((header) => header !== "证件号码" && header !== "人数").map(toRawCell)]);
    expect(result).toEqual({ ok: false, message: "第1行表头缺少以下必需的列：证件号码、人数" });
  });

  it("refuses a duplicated column", () => {
    const result = detectHeader([[...HEADERS, "姓名"].map(toRawCell)]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("姓名");
  });

  it("refuses a sheet without a header row", () => {
    const result = detectHeader([[toRawCell("某某表")], [toRawCell("a"), toRawCell("b")]]);
    expect(result.ok).toBe(false);
  });
});

describe("vocabularies", () => {
  it("maps the old 低保户 / 五保户 as POLICY.md §2 says", () => {
    expect(codeFor("attribute", "低保户")).toBe("LOW_INCOME");
    expect(codeFor("attribute", "五保户")).toBe("EXTREME");
    expect(codeFor("attribute", "一般贫困户")).toBe("GENERAL");
    expect(codeFor("attribute", "贫困户")).toBeNull();
  });

  it("reads housing grades in their usual spellings", () => {
    expect(housingGradeFor("A")).toBe("A");
    expect(housingGradeFor("c级")).toBe("C");
    expect(housingGradeFor("D级（整栋危房）")).toBe("D");
    expect(housingGradeFor("E")).toBeNull();
  });
});

describe("row checks", () => {
  it("reads a valid row without issues", () => {
    const checked = row(HEAD);
    expect(checked.issues).toEqual([]);
    expect(checked.member).toMatchObject({
      idNumber: HEAD_ID,
      gender: "MALE",
      birthDate: "1970-03-10",
      relation: "HEAD",
      workStatus: "OUT_OF_PROVINCE",
      workMonths: 8,
    });
    expect(checked.household).toMatchObject({
      householdNo: "5227271002010001",
      attribute: "GENERAL",
      otherCauses: ["LACK_SKILLS", "LACK_FUNDS"],
      wageFen: 1_200_000,
      housingGrade: "B",
    });
  });

  it("an empty required cell is named", () => {
    const checked = row({ ...HEAD, name: "" });
    expect(checked.issues).toEqual([{ sheetRow: 2, column: "姓名", code: "REQUIRED", message: "“姓名”不能为空" }]);
    expect(checked.member).toBeNull();
  });

  it("an invalid ID number gives the form's exact reason", () => {
    const wrong = HEAD_ID.slice(0, 17) + (HEAD_ID[17] === "1" ? "2" : "1");
    const checked = row({ ...HEAD, idNumber: wrong });
    expect(codes(checked)).toEqual(["ID_INVALID"]);
    expect(checked.issues[0].message).toContain("第18位校验码不正确");
  });

  it("an ID stored as a number is an error (precision lost)", () => {
    const checked = row({ ...HEAD, idNumber: Number(HEAD_ID.slice(0, 17)) * 10 });
    expect(codes(checked)).toEqual(["ID_AS_NUMBER"]);
    expect(checked.issues[0].column).toBe("证件号码");
  });

  it("a 16-digit 户编号 stored as a number is an error", () => {
    expect(codes(row({ ...HEAD, householdNo: 5227271002010001 }))).toEqual(["ID_AS_NUMBER"]);
  });

  it("sex must match the ID number", () => {
    expect(codes(row({ ...HEAD, gender: "女" }))).toEqual(["GENDER_ID_MISMATCH"]);
  });

  it("a word outside the vocabulary is named with the accepted words", () => {
    const checked = row({ ...HEAD, health: "一般" });
    expect(codes(checked)).toEqual(["VOCABULARY"]);
    expect(checked.issues[0].message).toBe("“健康状况”的值“一般”不在规定范围内，应为：健康、长期慢性病、患有大病、残疾");
  });

  it("an unknown 其他致贫原因 is an error", () => {
    expect(codes(row({ ...HEAD, otherCauses: "缺技术、懒" }))).toEqual(["VOCABULARY"]);
  });

  it("an Excel date serial where a year is expected is an error, not a guess", () => {
    const checked = row({ ...HEAD, identificationYear: 41640 });
    expect(codes(checked)).toEqual(["YEAR_DATE_SERIAL"]);
    expect(checked.issues[0].message).toContain("2014-01-01");
    expect(excelSerialToDate(41640)).toBe("2014-01-01");
  });

  it("a date cell where a year is expected is an error", () => {
    expect(codes(row({ ...HEAD, exitYear: new Date(Date.UTC(2019, 0, 1)) }))).toEqual(["YEAR_DATE_SERIAL"]);
  });

  it("a year outside 1990–2100 is an error", () => {
    expect(codes(row({ ...HEAD, identificationYear: "14年" }))).toEqual(["YEAR_INVALID"]);
    expect(codes(row({ ...HEAD, identificationYear: 1850 }))).toEqual(["YEAR_INVALID"]);
  });

  it("amounts: no negatives, at most two decimals, digits only", () => {
    expect(codes(row({ ...HEAD, wage: "-100" }))).toEqual(["AMOUNT_NEGATIVE"]);
    expect(codes(row({ ...HEAD, wage: 12000.123 }))).toEqual(["AMOUNT_DECIMALS"]);
    expect(codes(row({ ...HEAD, wage: "一万" }))).toEqual(["AMOUNT_INVALID"]);
    expect(row({ ...HEAD, wage: 12000.5 }).household?.wageFen).toBe(1_200_050);
  });

  it("work months are 0–12 whole months", () => {
    expect(codes(row({ ...HEAD, workMonths: 13 }))).toEqual(["MONTHS_INVALID"]);
    expect(codes(row({ ...HEAD, workMonths: "2.5" }))).toEqual(["MONTHS_INVALID"]);
    expect(row({ ...HEAD, workMonths: null }).member?.workMonths).toBeNull();
  });

  it("是/否 columns accept only yes or no", () => {
    expect(codes(row({ ...HEAD, drinkingWaterSafe: "基本安全" }))).toEqual(["VOCABULARY"]);
  });

  it("a 户编号 with letters is an error", () => {
    expect(codes(row({ ...HEAD, householdNo: "HH-001" }))).toEqual(["HOUSEHOLD_NO_INVALID"]);
  });
});

describe("household checks", () => {
  it("a consistent household passes and finds its village", () => {
    const checked = household(HEAD, SPOUSE, SON);
    expect(checked.issues).toEqual([]);
    expect(checked.villageCode).toBe("522727100201");
    expect(checked.members).toHaveLength(3);
  });

  it("exactly one 户主", () => {
    expect(codes(household({ ...HEAD, relation: "之父" }, SPOUSE, SON))).toContain("NO_HEAD");
    expect(codes(household(HEAD, SPOUSE, { ...SON, relation: "户主" }))).toContain("MULTIPLE_HEADS");
  });

  it("relation must fit the sex (the form's rule)", () => {
    const checked = household(HEAD, SPOUSE, { ...SON, relation: "之女" });
    expect(codes(checked)).toEqual(["RELATION_GENDER"]);
    expect(checked.issues[0].sheetRow).toBe(4);
  });

  it("人数 must equal the household's rows", () => {
    const two = { memberCount: "2", perCapitaIncome: "9500" };
    const checked = household({ ...HEAD, ...two }, { ...SPOUSE, ...two }, { ...SON, ...two });
    expect(codes(checked)).toEqual(["MEMBER_COUNT"]);
  });

  it("户主姓名 must be the 户主 row's name", () => {
    const other = { headName: "王建军" };
    expect(codes(household({ ...HEAD, ...other }, { ...SPOUSE, ...other }, { ...SON, ...other }))).toEqual(["HEAD_NAME"]);
  });

  it("per-capita income must follow from the parts within 0.01 yuan", () => {
    const near = { perCapitaIncome: "6333.34" };
    expect(codes(household({ ...HEAD, ...near }, { ...SPOUSE, ...near }, { ...SON, ...near }))).toEqual([]);
    const off = { perCapitaIncome: "6333.35" };
    expect(codes(household({ ...HEAD, ...off }, { ...SPOUSE, ...off }, { ...SON, ...off }))).toEqual(["INCOME_MISMATCH"]);
  });

  it("household fields must agree across its rows", () => {
    const checked = household(HEAD, { ...SPOUSE, attribute: "低保户" }, SON);
    expect(checked.issues).toHaveLength(1);
    expect(checked.issues[0]).toMatchObject({ sheetRow: 3, column: "贫困户属性", code: "HOUSEHOLD_FIELD_CONFLICT" });
  });

  it("the village must exist in the county's tree", () => {
    const elsewhere = { village: "不存在村" };
    expect(codes(household({ ...HEAD, ...elsewhere }, { ...SPOUSE, ...elsewhere }, { ...SON, ...elsewhere }))).toEqual(["VILLAGE_UNKNOWN"]);
  });

  it("the 自然村/组 maps onto the village's list when it has one (a name not in it is an error); free text otherwise", () => {
    const withList = (names: string[]): HouseholdContext => ({ ...CONTEXT, villageGroups: () => names.map((name) => ({ name, retired: false })) });
    const check = (context: HouseholdContext, villageGroup: string) =>
      checkHousehold(
        [HEAD, SPOUSE, SON].map((values, index) => row({ ...values, villageGroup }, index + 2)),
        context,
      );
    expect(codes(check(withList(["1组", "2组"]), "2组"))).toEqual([]);
    const wrong = check(withList(["1组", "2组"]), "9组");
    expect(wrong.issues).toEqual([
      {
        sheetRow: 2,
        column: "自然村/组",
        code: "VILLAGE_GROUP_UNKNOWN",
        message: "行政村“红星村”：本村的自然村/组中没有“9组”，应为：1组、2组；请核对，或先在区划管理中添加该自然村/组",
      },
    ]);
    expect(codes(check(withList([]), "随便写的组"))).toEqual([]);
    expect(codes(check(CONTEXT, "随便写的组"))).toEqual([]);
  });

  it("the 户编号 must begin with its village's 12-digit code (the archive's numbering)", () => {
    const number = String(HEAD.householdNo);
    const elsewhere = { householdNo: `${String(Number(number.slice(0, 12)) + 1)}${number.slice(12)}` };
    const found = household({ ...HEAD, ...elsewhere }, { ...SPOUSE, ...elsewhere }, { ...SON, ...elsewhere });
    expect(codes(found)).toEqual(["HOUSEHOLD_NO_INVALID"]);
    const short = { householdNo: number.slice(0, 15) };
    expect(codes(household({ ...HEAD, ...short }, { ...SPOUSE, ...short }, { ...SON, ...short }))).toEqual(["HOUSEHOLD_NO_INVALID"]);
  });

  it("the county must be this county", () => {
    const other = { county: "别的县" };
    expect(codes(household({ ...HEAD, ...other }, { ...SPOUSE, ...other }, { ...SON, ...other }))).toEqual(["COUNTY_MISMATCH"]);
  });

  it("the same person twice in one household", () => {
    expect(codes(household(HEAD, SPOUSE, { ...SON, idNumber: SPOUSE_ID, gender: "女", relation: "之女" }))).toEqual(["DUPLICATE_ID_IN_HOUSEHOLD"]);
  });
});

describe("file checks", () => {
  it("a person in two households of the file is an error on both rows", () => {
    const other = { householdNo: "5227271002010002", headName: "张三", memberCount: "1", perCapitaIncome: "19000" };
    const rows = [row(HEAD, 2), row(SPOUSE, 3), row(SON, 4), row({ ...HEAD, ...other, name: "张三", idNumber: SON_ID }, 5)];
    const { households, fileIssues } = checkFile(rows, CONTEXT);
    expect(households.map((h) => h.householdNo)).toEqual(["5227271002010001", "5227271002010002"]);
    expect(fileIssues.map((issue) => [issue.sheetRow, issue.code])).toEqual([
      [4, "DUPLICATE_ID_IN_FILE"],
      [5, "DUPLICATE_ID_IN_FILE"],
    ]);
  });
});
