/**
 * The national member export (贫困人口明细): one row per person, the household's fields repeated
 * on each row. This file is the ONE place where a national column name is tied to an archive
 * field and where the national wording of every vocabulary is tied to our codes (issue 13).
 * The import (lib/imports/rules.ts) and the export (lib/exports/national-ledger.ts) both read it.
 */
import {
  EDUCATION_LEVEL,
  HEALTH,
  HOUSEHOLD_ATTRIBUTE,
  LABOUR_SKILL,
  POVERTY_CAUSE,
  RELATION,
  SCHOOL_STATUS,
  WORK_STATUS,
  type HousingGrade,
} from "@/lib/domain/codes";

/** What a column carries; `level` says whether it belongs to the person or is repeated per household. */
export type ColumnKind = "text" | "id" | "count" | "year" | "months" | "yuan" | "yesNo" | "vocab" | "causes" | "grade" | "gender";

export type NationalColumn = {
  key: NationalKey;
  /** The header text in the national export. */
  header: string;
  /** Other spellings seen in older exports (compared after normalising, see normaliseHeader). */
  aliases?: readonly string[];
  level: "household" | "member";
  kind: ColumnKind;
  required: boolean;
  /** The archive field it fills, for the domain notes and the review page. */
  field: string;
  width: number;
};

export const NATIONAL_KEYS = [
  "province",
  "city",
  "county",
  "township",
  "village",
  "villageGroup",
  "householdNo",
  "headName",
  "idNumber",
  "memberCount",
  "relation",
  "name",
  "gender",
  "ethnicity",
  "educationLevel",
  "schoolStatus",
  "health",
  "labourSkill",
  "workStatus",
  "workMonths",
  "basicMedicalInsurance",
  "seriousIllnessInsurance",
  "pensionInsurance",
  "attribute",
  "primaryCause",
  "otherCauses",
  "identificationYear",
  "exitYear",
  "perCapitaIncome",
  "wage",
  "businessIncome",
  "propertyIncome",
  "transferIncome",
  "businessExpense",
  "housingGrade",
  "drinkingWaterSafe",
  "drinkingWaterDifficult",
  "phone",
] as const;
export type NationalKey = (typeof NATIONAL_KEYS)[number];

/** In the order of the national layout; the export writes them in this order. */
export const NATIONAL_COLUMNS: readonly NationalColumn[] = [
  { key: "province", header: "省", level: "household", kind: "text", required: false, field: "（核对用，不入库）", width: 8 },
  { key: "city", header: "市", level: "household", kind: "text", required: false, field: "（核对用，不入库）", width: 10 },
  { key: "county", header: "县", level: "household", kind: "text", required: true, field: "所属县（须为本县）", width: 10 },
  { key: "township", header: "乡镇", level: "household", kind: "text", required: true, field: "household.township_code", width: 12 },
  { key: "village", header: "行政村", level: "household", kind: "text", required: true, field: "household.village_code", width: 12 },
  {
    key: "villageGroup",
    header: "自然村/组",
    aliases: ["自然村", "组", "自然村（组）"],
    level: "household",
    kind: "text",
    required: false,
    field: "household.village_group（该村在区划管理中有自然村/组清单时，须为清单中在用的名称）",
    width: 10,
  },
  { key: "householdNo", header: "户编号", level: "household", kind: "id", required: true, field: "household.household_no", width: 20 },
  { key: "headName", header: "户主姓名", level: "household", kind: "text", required: true, field: "（核对：须等于户主行的姓名）", width: 10 },
  {
    key: "idNumber",
    header: "证件号码",
    aliases: ["身份证号码", "身份证号"],
    level: "member",
    kind: "id",
    required: true,
    field: "member.id_number",
    width: 22,
  },
  {
    key: "memberCount",
    header: "人数",
    aliases: ["家庭人口数", "家庭人数"],
    level: "household",
    kind: "count",
    required: true,
    field: "（核对：须等于本户行数）",
    width: 6,
  },
  { key: "relation", header: "与户主关系", level: "member", kind: "vocab", required: true, field: "member.relation", width: 10 },
  { key: "name", header: "姓名", level: "member", kind: "text", required: true, field: "member.name", width: 10 },
  { key: "gender", header: "性别", level: "member", kind: "gender", required: true, field: "member.gender（须与证件号码一致）", width: 6 },
  { key: "ethnicity", header: "民族", level: "member", kind: "text", required: false, field: "member.ethnicity", width: 8 },
  { key: "educationLevel", header: "文化程度", level: "member", kind: "vocab", required: true, field: "member.education_level", width: 12 },
  { key: "schoolStatus", header: "在校生状况", level: "member", kind: "vocab", required: true, field: "member.school_status", width: 12 },
  { key: "health", header: "健康状况", level: "member", kind: "vocab", required: true, field: "member.health", width: 12 },
  { key: "labourSkill", header: "劳动技能", level: "member", kind: "vocab", required: true, field: "member.labour_skill", width: 16 },
  { key: "workStatus", header: "务工状况", level: "member", kind: "vocab", required: false, field: "member.work_status", width: 14 },
  {
    key: "workMonths",
    header: "务工时间（月）",
    aliases: ["务工时间"],
    level: "member",
    kind: "months",
    required: false,
    field: "member.work_months",
    width: 10,
  },
  {
    key: "basicMedicalInsurance",
    header: "是否参加城乡居民基本医疗保险",
    aliases: ["是否参加新型农村合作医疗", "是否参加基本医疗保险"],
    level: "member",
    kind: "yesNo",
    required: true,
    field: "member.basic_medical_insurance",
    width: 12,
  },
  {
    key: "seriousIllnessInsurance",
    header: "是否参加大病保险",
    level: "member",
    kind: "yesNo",
    required: true,
    field: "member.serious_illness_insurance",
    width: 12,
  },
  {
    key: "pensionInsurance",
    header: "是否参加城乡居民基本养老保险",
    aliases: ["是否参加新型农村养老保险", "是否参加基本养老保险"],
    level: "member",
    kind: "yesNo",
    required: true,
    field: "member.pension_insurance",
    width: 12,
  },
  { key: "attribute", header: "贫困户属性", level: "household", kind: "vocab", required: true, field: "household.attribute", width: 14 },
  { key: "primaryCause", header: "主要致贫原因", level: "household", kind: "vocab", required: true, field: "household.primary_cause", width: 14 },
  { key: "otherCauses", header: "其他致贫原因", level: "household", kind: "causes", required: false, field: "household.other_causes", width: 16 },
  {
    key: "identificationYear",
    header: "识别年度",
    aliases: ["识别时间"],
    level: "household",
    kind: "year",
    required: true,
    field: "household.identification_year",
    width: 8,
  },
  {
    key: "exitYear",
    header: "脱贫年度",
    aliases: ["脱贫时间"],
    level: "household",
    kind: "year",
    required: false,
    field: "household.exit_year（有值即已脱贫）",
    width: 8,
  },
  {
    key: "perCapitaIncome",
    header: "年人均纯收入",
    aliases: ["人均纯收入"],
    level: "household",
    kind: "yuan",
    required: true,
    field: "（核对：须等于各项收入算得的人均纯收入）",
    width: 12,
  },
  { key: "wage", header: "工资性收入", level: "household", kind: "yuan", required: true, field: "income_record.wage_fen", width: 12 },
  { key: "businessIncome", header: "生产经营性收入", level: "household", kind: "yuan", required: true, field: "income_record.business_income_fen", width: 12 },
  { key: "propertyIncome", header: "财产性收入", level: "household", kind: "yuan", required: true, field: "income_record.property_fen", width: 12 },
  {
    key: "transferIncome",
    header: "转移性收入",
    level: "household",
    kind: "yuan",
    required: true,
    field: "income_record.other_transfer_fen（不分项）",
    width: 12,
  },
  {
    key: "businessExpense",
    header: "生产经营性支出",
    level: "household",
    kind: "yuan",
    required: true,
    field: "income_record.business_expense_fen",
    width: 12,
  },
  {
    key: "housingGrade",
    header: "住房安全等级",
    aliases: ["住房安全鉴定等级"],
    level: "household",
    kind: "grade",
    required: true,
    field: "household.housing_grade",
    width: 10,
  },
  { key: "drinkingWaterSafe", header: "饮水是否安全", level: "household", kind: "yesNo", required: true, field: "household.drinking_water_safe", width: 10 },
  {
    key: "drinkingWaterDifficult",
    header: "饮水是否困难",
    level: "household",
    kind: "yesNo",
    required: true,
    field: "household.drinking_water_difficult",
    width: 10,
  },
  { key: "phone", header: "联系电话", level: "household", kind: "text", required: false, field: "household.phone", width: 14 },
];

export const COLUMN_BY_KEY: Readonly<Record<NationalKey, NationalColumn>> = Object.fromEntries(
  NATIONAL_COLUMNS.map((column) => [column.key, column]),
) as Record<NationalKey, NationalColumn>;

/** Header text compared without spaces, line breaks, full-width/half-width parentheses or a trailing "*". */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/／/g, "/")
    .replace(/\*+$/, "")
    .replace(/^\*+/, "");
}

const HEADER_LOOKUP: ReadonlyMap<string, NationalKey> = new Map(
  NATIONAL_COLUMNS.flatMap((column) => [column.header, ...(column.aliases ?? [])].map((text) => [normaliseHeader(text), column.key] as const)),
);

export function keyForHeader(text: string): NationalKey | null {
  return HEADER_LOOKUP.get(normaliseHeader(text)) ?? null;
}

/** A vocabulary: every accepted national spelling → our code. The first label of each code is what the export writes. */
type Vocabulary = { labels: Readonly<Record<string, string>>; synonyms: Readonly<Record<string, string>> };

function vocabulary(labels: Readonly<Record<string, string>>, synonyms: Readonly<Record<string, string>> = {}): Vocabulary {
  return { labels, synonyms };
}

export const VOCABULARIES = {
  relation: vocabulary(RELATION.labels, {
    本人: "HEAD",
    妻: "SPOUSE",
    夫: "SPOUSE",
    子: "SON",
    儿子: "SON",
    长子: "SON",
    次子: "SON",
    女: "DAUGHTER",
    女儿: "DAUGHTER",
    长女: "DAUGHTER",
    次女: "DAUGHTER",
    儿媳: "DAUGHTER_IN_LAW",
    女婿: "SON_IN_LAW",
    孙子: "GRANDSON",
    孙女: "GRANDDAUGHTER",
    父亲: "FATHER",
    母亲: "MOTHER",
    之兄弟姐妹: "SIBLING",
  }),
  educationLevel: vocabulary(EDUCATION_LEVEL.labels, {
    文盲: "ILLITERATE",
    半文盲: "ILLITERATE",
    中专: "VOCATIONAL",
    职高: "VOCATIONAL",
    大专: "COLLEGE",
    本科及以上: "COLLEGE",
    学龄前: "PRESCHOOL",
  }),
  schoolStatus: vocabulary(SCHOOL_STATUS.labels, {
    学龄前儿童: "PRESCHOOL",
    小学在读: "PRIMARY",
    初中在读: "JUNIOR",
    高中在读: "SENIOR",
    非在校: "NOT_IN_SCHOOL",
  }),
  health: vocabulary(HEALTH.labels, { 患大病: "SERIOUS", 残疾人: "DISABLED" }),
  labourSkill: vocabulary(LABOUR_SKILL.labels, { 弱劳动力: "WEAK", 半劳动力: "WEAK" }),
  workStatus: vocabulary(WORK_STATUS.labels, {
    无: "NONE",
    乡镇内务工: "IN_COUNTY",
    "乡(镇)内务工": "IN_COUNTY",
    县内务工: "IN_COUNTY",
    县外省内务工: "IN_PROVINCE",
    省内务工: "IN_PROVINCE",
    省外务工: "OUT_OF_PROVINCE",
  }),
  /** POLICY.md §2: older exports say 低保户 / 五保户. */
  attribute: vocabulary(HOUSEHOLD_ATTRIBUTE.labels, { 低保户: "LOW_INCOME", 五保户: "EXTREME", 五保贫困户: "EXTREME", 特困供养户: "EXTREME" }),
  primaryCause: vocabulary(POVERTY_CAUSE.labels, { 缺技术能力: "LACK_SKILLS", 自身发展动力不足: "LACK_MOTIVATION" }),
} as const;
export type VocabularyKey = keyof typeof VOCABULARIES;

/** The national spelling → our code, or null when the word is not in the vocabulary. */
export function codeFor(vocabularyKey: VocabularyKey, text: string): string | null {
  const value = normaliseHeader(text);
  const { labels, synonyms } = VOCABULARIES[vocabularyKey];
  for (const [code, label] of Object.entries(labels)) if (normaliseHeader(label) === value) return code;
  return synonyms[value] ?? null;
}

/** Our code → the word written in the national layout. */
export function labelFor(vocabularyKey: VocabularyKey, code: string): string {
  return VOCABULARIES[vocabularyKey].labels[code] ?? code;
}

/** The accepted words, for the Chinese error message. */
export function acceptedWords(vocabularyKey: VocabularyKey): string {
  return Object.values(VOCABULARIES[vocabularyKey].labels).join("、");
}

/** 住房安全等级: "A", "A级", "A级（安全）" → A. */
export function housingGradeFor(text: string): HousingGrade | null {
  const match = /^([ABCDａｂｃｄＡＢＣＤabcd])(级.*)?$/.exec(normaliseHeader(text));
  if (!match) return null;
  const letter = match[1].replace(/[ａ-ｄＡ-Ｄ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).toUpperCase();
  return letter as HousingGrade;
}

export function yesNoFor(text: string): boolean | null {
  const value = normaliseHeader(text);
  if (["是", "已参加", "参加", "Y", "y"].includes(value)) return true;
  if (["否", "未参加", "不参加", "N", "n"].includes(value)) return false;
  return null;
}

export function genderFor(text: string): "MALE" | "FEMALE" | null {
  const value = normaliseHeader(text);
  if (value === "男" || value === "男性") return "MALE";
  if (value === "女" || value === "女性") return "FEMALE";
  return null;
}

/** 其他致贫原因 may list several causes separated by 、，, ; or spaces. */
export const CAUSE_SEPARATORS = /[、，,；;\s]+/;
