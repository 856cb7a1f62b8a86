/**
 * A household of the file that is already in the archive (same 户编号): what would change if the
 * cadre chose "update" on the review page, field by field, and what stops an update. Pure.
 *
 * An update changes only what the national layout carries and the archive lets a form change
 * directly: the household's descriptive fields and each member's own fields, members matched by
 * ID number. A different village, members added or gone, another 户主, or a different 脱贫年度 are
 * not edits but procedures of their own (迁移, 迁入迁出, 户主变更, 退出核验): they are listed and block
 * the update, so the household can only be skipped (docs/decisions/026).
 */
import { labelFor } from "@/lib/imports/columns";
import type { ParsedHouseholdFields, ParsedMember } from "@/lib/imports/rules";

/** The archive side: the household row and its present members, as read for the comparison. */
export type ArchiveHousehold = {
  version: number;
  villageCode: string;
  villageGroup: string | null;
  phone: string | null;
  attribute: string;
  identificationYear: number;
  primaryCause: string;
  otherCauses: string[];
  drinkingWaterSafe: boolean;
  drinkingWaterDifficult: boolean;
  housingGrade: string;
  exitYear: number | null;
  members: ArchiveMember[];
};

export type ArchiveMember = {
  idNumber: string;
  name: string;
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

/** The household fields an update writes (camelCase as in ParsedHouseholdFields). */
export const UPDATABLE_HOUSEHOLD_FIELDS = [
  "villageGroup",
  "phone",
  "attribute",
  "identificationYear",
  "primaryCause",
  "otherCauses",
  "drinkingWaterSafe",
  "drinkingWaterDifficult",
  "housingGrade",
] as const;

/** The member fields an update writes. */
export const UPDATABLE_MEMBER_FIELDS = [
  "name",
  "relation",
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
] as const;

type HouseholdField = (typeof UPDATABLE_HOUSEHOLD_FIELDS)[number];

/** The archive values an update replaced, kept on the staging row (payload.before) for undo and for the page after the merge. */
export type UpdateBefore = {
  versionAfter: number;
  household: Pick<ArchiveHousehold, HouseholdField>;
  members: ArchiveMember[];
};
type MemberField = (typeof UPDATABLE_MEMBER_FIELDS)[number];

const HOUSEHOLD_LABELS: Record<HouseholdField, string> = {
  villageGroup: "自然村/组",
  phone: "联系电话",
  attribute: "贫困户属性",
  identificationYear: "识别年度",
  primaryCause: "主要致贫原因",
  otherCauses: "其他致贫原因",
  drinkingWaterSafe: "饮水是否安全",
  drinkingWaterDifficult: "饮水是否困难",
  housingGrade: "住房安全等级",
};

const MEMBER_LABELS: Record<MemberField, string> = {
  name: "姓名",
  relation: "与户主关系",
  ethnicity: "民族",
  educationLevel: "文化程度",
  schoolStatus: "在校生状况",
  health: "健康状况",
  labourSkill: "劳动技能",
  workStatus: "务工状况",
  workMonths: "务工时间（月）",
  basicMedicalInsurance: "城乡居民基本医疗保险",
  seriousIllnessInsurance: "大病保险",
  pensionInsurance: "城乡居民基本养老保险",
};

const VOCABULARY_OF: Partial<Record<HouseholdField | MemberField, Parameters<typeof labelFor>[0]>> = {
  attribute: "attribute",
  primaryCause: "primaryCause",
  relation: "relation",
  educationLevel: "educationLevel",
  schoolStatus: "schoolStatus",
  health: "health",
  labourSkill: "labourSkill",
  workStatus: "workStatus",
};

/** A value as the review page shows it: vocabulary words, 是/否, 空. */
export function displayValue(field: HouseholdField | MemberField, value: unknown): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (field === "otherCauses") {
    const causes = value as string[];
    return causes.length === 0 ? "（空）" : causes.map((cause) => labelFor("primaryCause", cause)).join("、");
  }
  if (field === "housingGrade") return `${String(value)}级`;
  const vocabulary = VOCABULARY_OF[field];
  return vocabulary ? labelFor(vocabulary, String(value)) : String(value);
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().every((item, index) => item === [...b].sort()[index]);
  return (a ?? null) === (b ?? null);
}

export type FieldChange = {
  /** "户" for a household field, else the member's name and the last 4 characters of the ID. */
  subject: string;
  field: string;
  before: string;
  after: string;
};

export type HouseholdChanges = { changes: FieldChange[]; blockers: string[] };

/** The differences between the archive and the file for one household; `villageCode` is where the file puts it. */
export function householdChanges(
  archive: ArchiveHousehold,
  file: { fields: ParsedHouseholdFields; members: readonly ParsedMember[] },
  villageCode: string | null,
): HouseholdChanges {
  const changes: FieldChange[] = [];
  const blockers: string[] = [];
  for (const field of UPDATABLE_HOUSEHOLD_FIELDS) {
    const before = archive[field];
    const after = file.fields[field];
    if (!same(before, after))
      changes.push({ subject: "户", field: HOUSEHOLD_LABELS[field], before: displayValue(field, before), after: displayValue(field, after) });
  }
  if (villageCode !== archive.villageCode) blockers.push("文件中的行政村与档案不同：户的迁移请在档案中办理");
  if ((archive.exitYear ?? null) !== (file.fields.exitYear ?? null)) {
    blockers.push(`脱贫年度不同（档案：${archive.exitYear ?? "未脱贫"}，文件：${file.fields.exitYear ?? "未脱贫"}）：脱贫退出须经退出核验流程`);
  }

  const present = new Map(archive.members.map((member) => [member.idNumber, member]));
  const inFile = new Set(file.members.map((member) => member.idNumber));
  const added = file.members.filter((member) => !present.has(member.idNumber));
  const gone = archive.members.filter((member) => !inFile.has(member.idNumber));
  if (added.length > 0) blockers.push(`文件中多出成员 ${added.map((member) => member.name).join("、")}：新增成员请在档案中办理迁入或出生登记`);
  if (gone.length > 0) blockers.push(`档案中的成员 ${gone.map((member) => member.name).join("、")} 不在文件中：成员减少请在档案中办理迁出或死亡登记`);

  for (const member of file.members) {
    const current = present.get(member.idNumber);
    if (!current) continue;
    const subject = `${current.name}（${member.idNumber.slice(-4)}）`;
    if ((current.relation === "HEAD") !== (member.relation === "HEAD")) blockers.push(`${subject}的户主身份不同：户主变更请在档案中办理`);
    for (const field of UPDATABLE_MEMBER_FIELDS) {
      if (!same(current[field], member[field]))
        changes.push({ subject, field: MEMBER_LABELS[field], before: displayValue(field, current[field]), after: displayValue(field, member[field]) });
    }
  }
  return { changes, blockers };
}
