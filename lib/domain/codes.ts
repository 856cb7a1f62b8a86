/**
 * The closed vocabularies of the domain (docs/domain.md §1–§8): stable codes stored in the
 * database, each with the Chinese label shown in the UI. Labels never go to the database;
 * codes never go on screen.
 */

function labelled<const T extends Record<string, string>>(labels: T) {
  const codes = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, codes, label: (code: keyof T & string) => labels[code] };
}

export const ROLE = labelled({
  VILLAGE_CADRE: "村干部",
  WORK_TEAM: "驻村工作队",
  HELPER: "帮扶责任人",
  TOWNSHIP_CADRE: "乡镇干部",
  COUNTY_OFFICE: "县扶贫办",
  COUNTY_LEADER: "县领导",
  INSPECTOR: "督查人员",
  ADMIN: "系统管理员",
});
export type Role = (typeof ROLE.codes)[number];

export const REGION_LEVEL = labelled({ COUNTY: "县", TOWNSHIP: "乡镇", VILLAGE: "村" });
export type RegionLevel = (typeof REGION_LEVEL.codes)[number];

export const POVERTY_CAUSE = labelled({
  ILLNESS: "因病",
  DISABILITY: "因残",
  SCHOOLING: "因学",
  DISASTER: "因灾",
  LACK_LAND: "缺土地",
  LACK_WATER: "缺水",
  LACK_SKILLS: "缺技术",
  LACK_LABOUR: "缺劳力",
  LACK_FUNDS: "缺资金",
  POOR_TRANSPORT: "交通条件落后",
  LACK_MOTIVATION: "自身发展动力不足",
  OTHER: "其他",
});
export type PovertyCause = (typeof POVERTY_CAUSE.codes)[number];

export const HOUSEHOLD_ATTRIBUTE = labelled({
  GENERAL: "一般贫困户",
  LOW_INCOME: "低保贫困户",
  EXTREME: "特困供养贫困户",
});
export type HouseholdAttribute = (typeof HOUSEHOLD_ATTRIBUTE.codes)[number];

export const IDENTIFICATION_STANDARD = labelled({
  NATIONAL: "国家标准",
  PROVINCIAL: "省定标准",
  MUNICIPAL: "市定标准",
});

export const HOUSEHOLD_STATUS = labelled({
  REGISTERED: "在档",
  EXITED: "已脱贫",
  RETURNED: "返贫",
  CANCELLED: "已注销",
});
export type HouseholdStatus = (typeof HOUSEHOLD_STATUS.codes)[number];

export const RELATION = labelled({
  HEAD: "户主",
  SPOUSE: "配偶",
  SON: "之子",
  DAUGHTER: "之女",
  DAUGHTER_IN_LAW: "之儿媳",
  SON_IN_LAW: "之女婿",
  GRANDSON: "之孙子",
  GRANDDAUGHTER: "之孙女",
  FATHER: "之父",
  MOTHER: "之母",
  SIBLING: "兄弟姐妹",
  OTHER: "其他",
});
export type Relation = (typeof RELATION.codes)[number];

export const MEMBER_STATUS = labelled({ PRESENT: "在户", DECEASED: "死亡", MOVED_OUT: "迁出" });
export type MemberStatus = (typeof MEMBER_STATUS.codes)[number];

export const EDUCATION_LEVEL = labelled({
  ILLITERATE: "文盲或半文盲",
  PRIMARY: "小学",
  JUNIOR: "初中",
  SENIOR: "高中",
  VOCATIONAL: "中专/职高",
  COLLEGE: "大专及以上",
  PRESCHOOL: "学龄前儿童",
});

export const SCHOOL_STATUS = labelled({
  PRESCHOOL: "学前",
  PRIMARY: "小学",
  JUNIOR: "初中",
  SENIOR: "高中",
  SECONDARY_VOCATIONAL: "中职",
  HIGHER_VOCATIONAL: "高职",
  JUNIOR_COLLEGE: "大专",
  UNDERGRADUATE: "本科及以上",
  NOT_IN_SCHOOL: "非在校生",
});
export type SchoolStatus = (typeof SCHOOL_STATUS.codes)[number];

/** A recorded reason why a child of compulsory-school age is not at school (docs/domain.md §6). */
export const SCHOOLING_EXEMPTION = labelled({
  NONE: "无",
  HOME_TEACHING: "送教上门",
  MEDICAL_SUSPENSION: "因病休学（有证明）",
});
export type SchoolingExemption = (typeof SCHOOLING_EXEMPTION.codes)[number];

export const HEALTH = labelled({
  HEALTHY: "健康",
  CHRONIC: "长期慢性病",
  SERIOUS: "患有大病",
  DISABLED: "残疾",
});
export type Health = (typeof HEALTH.codes)[number];

export const LABOUR_SKILL = labelled({
  GENERAL: "普通劳动力",
  SKILLED: "技能劳动力",
  WEAK: "弱劳动力或半劳动力",
  LOST: "丧失劳动力",
  NONE: "无劳动力",
});

export const WORK_STATUS = labelled({
  NONE: "未务工",
  IN_COUNTY: "县内务工",
  IN_PROVINCE: "省内县外务工",
  OUT_OF_PROVINCE: "省外务工",
});

export const HOUSING_GRADE = labelled({
  A: "A级（安全）",
  B: "B级（基本安全）",
  C: "C级（局部危房）",
  D: "D级（整栋危房）",
});
export type HousingGrade = (typeof HOUSING_GRADE.codes)[number];

export const ROAD_TYPE = labelled({
  HARDENED: "硬化路",
  GRAVEL: "砂石路",
  DIRT: "泥土路",
  NONE: "无",
});

export const FUEL_TYPE = labelled({
  FIREWOOD: "柴草",
  COAL: "煤炭",
  GAS: "液化气/天然气",
  ELECTRIC: "电",
  BIOGAS: "沼气",
  OTHER: "其他",
});

export const MEASURE_CATEGORY = labelled({
  INDUSTRY: "产业帮扶",
  EMPLOYMENT: "就业帮扶",
  EDUCATION: "教育帮扶",
  HEALTH: "健康帮扶",
  HOUSING: "住房保障",
  WATER: "饮水保障",
  SOCIAL_SECURITY: "兜底保障",
  FINANCE: "金融帮扶",
  ECOLOGY: "生态帮扶",
  ASSET_INCOME: "资产收益",
  MOTIVATION: "扶志扶智",
  SOCIAL: "社会帮扶",
  INFRASTRUCTURE: "基础设施",
});
export type MeasureCategory = (typeof MEASURE_CATEGORY.codes)[number];

export const MEASURE_STATUS = labelled({
  PLANNED: "计划",
  ACTIVE: "实施中",
  COMPLETED: "已完成",
  TERMINATED: "已终止",
});
export type MeasureStatus = (typeof MEASURE_STATUS.codes)[number];

export const FUNDING_SOURCE = labelled({
  CENTRAL: "中央财政",
  PROVINCIAL: "省级财政",
  MUNICIPAL: "市级财政",
  COUNTY: "县级财政",
  EAST_WEST: "东西部协作",
  DESIGNATED: "定点帮扶单位",
  SOCIAL: "社会帮扶",
});
export type FundingSourceCode = (typeof FUNDING_SOURCE.codes)[number];

/** The steps of a household exit (docs/domain.md §7), in order. */
export const EXIT_STEP = labelled({
  PROPOSE: "帮扶责任人提出",
  DEMOCRATIC_REVIEW: "村两委民主评议",
  WORK_TEAM_VERIFY: "驻村工作队核实",
  HOUSEHOLD_CONSENT: "贫困户认可",
  PUBLIC_NOTICE: "村内公示",
  TOWNSHIP_REVIEW: "乡镇审核",
  COUNTY_APPROVAL: "县扶贫办审定",
});
export type ExitStep = (typeof EXIT_STEP.codes)[number];

/** The steps of a village exit (贫困村出列), in order. */
export const VILLAGE_EXIT_STEP = labelled({
  TOWNSHIP_PROPOSE: "乡镇提出",
  TOWNSHIP_NOTICE: "乡镇内公示",
  COUNTY_APPROVAL: "县扶贫办审定",
  LEADER_SIGN: "包片县级领导签字",
});

/** Where a household exit sheet stands. */
export const EXIT_SHEET_STATUS = labelled({ IN_PROGRESS: "办理中", REJECTED: "已退回", APPROVED: "已审定" });

/** Where a village exit sheet stands; an approved village has 出列. */
export const VILLAGE_EXIT_STATUS = labelled({ IN_PROGRESS: "办理中", REJECTED: "已退回", APPROVED: "已出列" });

/** The village exit condition a piece of evidence supports. */
export const VILLAGE_EVIDENCE_CONDITION = labelled({
  INCIDENCE: "贫困发生率（人口数据）",
  COLLECTIVE_INCOME: "村集体经济收入",
  ROAD: "通硬化路",
  POWER: "通动力电",
  WATER: "安全饮水",
  CLINIC: "村卫生室达标",
  CULTURE: "文化活动场所",
  BROADBAND: "通宽带",
  NOTICE: "乡镇内公示",
  OTHER: "其他",
});

/** 督查 (docs/domain.md §15): the items of an inspector's review of a household exit sheet, in order. */
export const REVIEW_CHECKLIST_ITEM = labelled({
  INCOME: "收入核算",
  FOOD: "不愁吃",
  CLOTHING: "不愁穿",
  EDUCATION: "义务教育有保障",
  MEDICAL: "基本医疗有保障",
  HOUSING: "住房安全有保障",
  SIGNATURES: "签字齐全",
  NOTICE: "公示佐证",
  EVIDENCE: "佐证材料",
});
export type ReviewChecklistItem = (typeof REVIEW_CHECKLIST_ITEM.codes)[number];

/** Where a finding (督查问题) stands: to rectify (also after a return), report waiting, closed (销号). */
export const FINDING_STATUS = labelled({ OPEN: "待整改", SUBMITTED: "待销号", CLOSED: "已销号" });
export type FindingStatus = (typeof FINDING_STATUS.codes)[number];

/** Where a finding came from. */
export const FINDING_SOURCE = labelled({ REVIEW: "核验表审查", FIELD_CHECK: "入户核查", MANUAL: "督查登记" });
export type FindingSource = (typeof FINDING_SOURCE.codes)[number];

/** The two populations of a spot-check round. */
export const SAMPLE_KIND = labelled({ EXITED: "已脱贫户", LISTED: "未建档户（名单）" });
export type SampleKind = (typeof SAMPLE_KIND.codes)[number];

/** 群众认可度 answers (国开办发〔2017〕56号); 满意 and 基本满意 count as approval. */
export const SATISFACTION = labelled({ SATISFIED: "满意", BASICALLY_SATISFIED: "基本满意", DISSATISFIED: "不满意", UNKNOWN: "不了解" });
export type Satisfaction = (typeof SATISFACTION.codes)[number];

/** How a round's sample size is set per township. */
export const SAMPLE_SIZE_KIND = labelled({ COUNT: "每乡镇固定户数", SHARE: "按比例（‰）" });
