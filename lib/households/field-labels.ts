import {
  EDUCATION_LEVEL,
  FUEL_TYPE,
  HEALTH,
  HOUSEHOLD_ATTRIBUTE,
  HOUSEHOLD_STATUS,
  HOUSING_GRADE,
  IDENTIFICATION_STANDARD,
  LABOUR_SKILL,
  MEMBER_STATUS,
  POVERTY_CAUSE,
  RELATION,
  ROAD_TYPE,
  SCHOOL_STATUS,
  SCHOOLING_EXEMPTION,
  WORK_STATUS,
} from "@/lib/domain/codes";
import { formatFen } from "@/lib/income/money";

/** Chinese names of the fields that appear in histories. */
export const FIELD_LABELS: Record<string, string> = {
  householdNo: "户编号",
  villageCode: "所属村",
  villageGroup: "村民小组",
  address: "住址",
  phone: "联系电话",
  attribute: "贫困户属性",
  identificationStandard: "识别标准",
  identificationYear: "识别年度",
  primaryCause: "主要致贫原因",
  otherCauses: "其他致贫原因",
  helperId: "帮扶责任人",
  farmlandMu: "耕地面积（亩）",
  forestMu: "林地面积（亩）",
  hasElectricity: "通生活用电",
  hasBroadcastTv: "通广播电视",
  drinkingWaterSafe: "饮水安全",
  drinkingWaterDifficult: "饮水困难",
  distanceToRoadKm: "与村主干路距离（公里）",
  roadType: "入户路类型",
  housingAreaM2: "住房面积（㎡）",
  housingGrade: "住房安全等级",
  hasSanitaryToilet: "卫生厕所",
  fuelType: "主要燃料类型",
  inCooperative: "加入农民专业合作社",
  foodSecure: "不愁吃",
  clothingSecure: "不愁穿",
  status: "状态",
  exitYear: "脱贫年度",
  headName: "户主姓名",
  headIdNumber: "户主身份证号",
  name: "姓名",
  idNumber: "身份证号码",
  gender: "性别",
  birthDate: "出生日期",
  relation: "与户主关系",
  ethnicity: "民族",
  educationLevel: "文化程度",
  schoolStatus: "在校生状况",
  schoolingExemption: "未在校原因",
  health: "健康状况",
  disabilityGrade: "残疾等级",
  labourSkill: "劳动技能",
  workStatus: "务工状况",
  workMonths: "务工时间（月）",
  basicMedicalInsurance: "城乡居民基本医疗保险",
  seriousIllnessInsurance: "大病保险",
  pensionInsurance: "城乡居民基本养老保险",
  minimumLiving: "享受低保",
  extremeSupport: "享受特困供养",
  statusDate: "变动日期",
  joinedOn: "加入日期",
  year: "年度",
  wageFen: "工资性收入",
  businessIncomeFen: "生产经营性收入",
  businessExpenseFen: "生产经营性支出",
  propertyFen: "财产性收入",
  minimumLivingFen: "低保金",
  extremePovertySupportFen: "特困供养金",
  pensionFen: "养老金",
  familyPlanningFen: "计划生育金",
  ecologicalCompensationFen: "生态补偿金",
  otherTransferFen: "其他转移性收入",
  category: "材料类别",
  originalName: "文件名",
  mimeType: "文件类型",
  sizeBytes: "大小（字节）",
};

const CODE_LABELS: Record<string, Record<string, string>> = {
  attribute: HOUSEHOLD_ATTRIBUTE.labels,
  identificationStandard: IDENTIFICATION_STANDARD.labels,
  primaryCause: POVERTY_CAUSE.labels,
  otherCauses: POVERTY_CAUSE.labels,
  roadType: ROAD_TYPE.labels,
  housingGrade: HOUSING_GRADE.labels,
  fuelType: FUEL_TYPE.labels,
  status: { ...HOUSEHOLD_STATUS.labels, ...MEMBER_STATUS.labels },
  relation: RELATION.labels,
  educationLevel: EDUCATION_LEVEL.labels,
  schoolStatus: SCHOOL_STATUS.labels,
  schoolingExemption: SCHOOLING_EXEMPTION.labels,
  health: HEALTH.labels,
  labourSkill: LABOUR_SKILL.labels,
  workStatus: WORK_STATUS.labels,
  gender: { MALE: "男", FEMALE: "女" },
};

/** A stored value as a reader of the history expects it: labels for codes, 是/否, yuan for fen. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (field.endsWith("Fen") && typeof value === "number") return `${formatFen(value)} 元`;
  const labels = CODE_LABELS[field];
  if (Array.isArray(value)) return value.length ? value.map((item) => labels?.[String(item)] ?? String(item)).join("、") : "（无）";
  if (labels && typeof value === "string") return labels[value] ?? value;
  return String(value);
}

/** Fields that only identify the record a change is about; shown as its subject, not as a change. */
export const SUBJECT_FIELDS = new Set(["memberId", "attachmentId", "headMemberId", "sha256"]);
