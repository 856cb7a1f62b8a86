import { z } from "zod";
import {
  EDUCATION_LEVEL,
  EXIT_SHEET_STATUS,
  EXIT_STEP,
  FUEL_TYPE,
  FUNDING_SOURCE,
  HEALTH,
  HOUSEHOLD_ATTRIBUTE,
  HOUSEHOLD_STATUS,
  HOUSING_GRADE,
  IDENTIFICATION_STANDARD,
  LABOUR_SKILL,
  MEASURE_CATEGORY,
  MEASURE_STATUS,
  MEMBER_STATUS,
  POVERTY_CAUSE,
  RELATION,
  ROAD_TYPE,
  ROLE,
  REGION_LEVEL,
  SCHOOL_STATUS,
  SCHOOLING_EXEMPTION,
  VILLAGE_EVIDENCE_CONDITION,
  VILLAGE_EXIT_STATUS,
  VILLAGE_EXIT_STEP,
  WORK_STATUS,
  REVIEW_CHECKLIST_ITEM,
  FINDING_SOURCE,
  FINDING_STATUS,
  SAMPLE_KIND,
  SATISFACTION,
} from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS } from "@/lib/exits/household/criteria";
import {
  code,
  codes,
  date,
  decimal,
  fen,
  flag,
  hiddenId,
  hiddenIds,
  hiddenNumber,
  integer,
  list,
  moment,
  region,
  regions,
  text,
  user,
  type AuditField,
} from "@/lib/audit/fields";
import { INCOME_FIELDS, MEDICAL_FIELD, type IncomeField } from "@/lib/income/schema";
import { ELIMINATION_METHOD, MONITORING_CATEGORY, MONITORING_SHEET_KIND, MONITORING_STATUS, MONITORING_STEP, RISK_SOURCE } from "@/lib/monitoring/codes";

/**
 * Every audited action, defined once: its wording in histories, the entity its rows belong to,
 * and the fields its before/after may hold, in the order a reader sees them. `recordAudit`
 * checks a payload against this at compile time; the history pages render from it.
 */

export type AuditEntityType =
  | "Household"
  | "Member"
  | "User"
  | "ExitSheet"
  | "VillageExitSheet"
  | "Village"
  | "Region"
  | "VillageGroup"
  | "MeasureItem"
  | "CauseCategoryFit"
  | "PovertyLine"
  | "Setting"
  | "ReductionTarget"
  | "InspectionReview"
  | "SamplingRound"
  | "FieldCheck"
  | "Finding"
  | "FindingCategory"
  | "ImportBatch"
  | "MonitoringLine"
  | "MonitoringRiskType"
  | "MonitoringObject"
  | "MonitoringSheet"
  | "MonitoringWarning";

type Fields = Record<string, AuditField>;

export type AuditEventDefinition<F extends Fields = Fields, E extends AuditEntityType = AuditEntityType> = {
  /** What was done, as a history line says it. */
  label: string;
  /** The entity (entityType) its rows are filed under. */
  entityTypes: readonly E[];
  /** The fields of before/after, in display order. */
  fields: F;
  /** Fields that name the record the event is about (a member's name, a year): shown as the subject, listed as a change only when they changed. */
  subject?: readonly (keyof F & string)[];
  /** The subject as a phrase, from the subject fields' shown values (and the entity id, for events that carry no name). */
  subjectText?: (shown: string[], entityId: string | null) => string | null;
};

/** Any definition, as the renderer reads it. */
export type AnyAuditEventDefinition = Omit<AuditEventDefinition, "subject"> & { subject?: readonly string[] };

function event<const E extends AuditEntityType, F extends Fields>(definition: AuditEventDefinition<F, E>) {
  return definition;
}

const yearly = (shown: string[]) => (shown[0] ? `${shown[0]}年度` : null);
const GENDER = { MALE: "男", FEMALE: "女" };

const HOUSEHOLD_FIELDS = {
  villageGroup: text("村民小组"),
  address: text("住址"),
  phone: text("联系电话"),
  attribute: code("贫困户属性", HOUSEHOLD_ATTRIBUTE.labels),
  identificationStandard: code("识别标准", IDENTIFICATION_STANDARD.labels),
  identificationYear: integer("识别年度"),
  primaryCause: code("主要致贫原因", POVERTY_CAUSE.labels),
  otherCauses: codes("其他致贫原因", POVERTY_CAUSE.labels),
  helperId: user("帮扶责任人"),
  farmlandMu: decimal("耕地面积（亩）"),
  forestMu: decimal("林地面积（亩）"),
  hasElectricity: flag("通生活用电"),
  hasBroadcastTv: flag("通广播电视"),
  drinkingWaterSafe: flag("饮水安全"),
  drinkingWaterDifficult: flag("饮水困难"),
  distanceToRoadKm: decimal("与村主干路距离（公里）"),
  roadType: code("入户路类型", ROAD_TYPE.labels),
  housingAreaM2: decimal("住房面积（㎡）"),
  housingGrade: code("住房安全等级", HOUSING_GRADE.labels),
  hasSanitaryToilet: flag("卫生厕所"),
  fuelType: code("主要燃料类型", FUEL_TYPE.labels),
  inCooperative: flag("加入农民专业合作社"),
  foodSecure: flag("不愁吃"),
  clothingSecure: flag("不愁穿"),
};

const MEMBER_FIELDS = {
  memberId: hiddenId(),
  name: text("姓名"),
  /** Stored masked (lib/audit/redact.ts). */
  idNumber: text("身份证号码"),
  gender: code("性别", GENDER),
  birthDate: date("出生日期"),
  relation: code("与户主关系", RELATION.labels),
  ethnicity: text("民族"),
  educationLevel: code("文化程度", EDUCATION_LEVEL.labels),
  schoolStatus: code("在校生状况", SCHOOL_STATUS.labels),
  schoolingExemption: code("未在校原因", SCHOOLING_EXEMPTION.labels),
  health: code("健康状况", HEALTH.labels),
  disabilityGrade: text("残疾等级"),
  labourSkill: code("劳动技能", LABOUR_SKILL.labels),
  workStatus: code("务工状况", WORK_STATUS.labels),
  workMonths: integer("务工时间（月）"),
  basicMedicalInsurance: flag("城乡居民基本医疗保险"),
  seriousIllnessInsurance: flag("大病保险"),
  pensionInsurance: flag("城乡居民基本养老保险"),
  minimumLiving: flag("享受低保"),
  extremeSupport: flag("享受特困供养"),
  joinedOn: date("加入日期"),
};

/** The income components, labelled and ordered as on the form (lib/income/schema.ts). */
const INCOME_COMPONENTS = Object.fromEntries(INCOME_FIELDS.map(([key, label]) => [key, fen(label)])) as Record<IncomeField, ReturnType<typeof fen>>;

const MEASURE_FIELDS = {
  measureId: hiddenId(),
  item: text("措施"),
  itemId: hiddenId(),
  category: code("类别", MEASURE_CATEGORY.labels),
  measureStatus: code("措施状态", MEASURE_STATUS.labels),
  addressedCauses: codes("针对致贫原因", POVERTY_CAUSE.labels),
  startDate: date("开始日期"),
  endDate: date("结束日期"),
  amountFen: fen("金额"),
  fundingSource: code("资金来源", FUNDING_SOURCE.labels),
  responsibleUnit: text("帮扶单位"),
  note: text("备注"),
  outcomeFen: fen("增收"),
};

/** An uploaded file: the reader sees its name and category, never its MIME type, size or hash. */
const FILE_FIELDS = {
  originalName: text("文件名"),
  mimeType: hiddenId(),
  sizeBytes: hiddenNumber(),
  sha256: hiddenId(),
};

const USER_FIELDS = {
  username: text("用户名"),
  displayName: text("姓名"),
  role: code("角色", ROLE.labels),
  regionCode: region("所属区域"),
  phone: text("联系电话"),
  leaderTownships: regions("包片乡镇"),
};

const SIGN_OFF_FIELDS = {
  round: integer("轮次"),
  contentHash: hiddenId(),
  opinion: text("意见"),
};

const EXIT_SIGN_OFF_FIELDS = {
  step: code("环节", EXIT_STEP.labels),
  status: code("核验表状态", EXIT_SHEET_STATUS.labels),
  ...SIGN_OFF_FIELDS,
};

const VILLAGE_SIGN_OFF_FIELDS = {
  step: code("环节", VILLAGE_EXIT_STEP.labels),
  status: code("核验表状态", VILLAGE_EXIT_STATUS.labels),
  ...SIGN_OFF_FIELDS,
};

const MONITORING_SIGN_OFF_FIELDS = {
  kind: code("程序", MONITORING_SHEET_KIND.labels),
  step: code("环节", MONITORING_STEP.labels),
  ...SIGN_OFF_FIELDS,
};

const VILLAGE_CONDITIONS = {
  collectiveIncomeFen: fen("村集体经济收入"),
  hardenedRoad: flag("通硬化路"),
  powerSupply: flag("通动力电"),
  safeWater: flag("安全饮水"),
  clinicFourRooms: flag("村卫生室四室分离"),
  qualifiedDoctor: flag("有合格村医"),
  cultureVenue: flag("有文化活动场所"),
  broadband: flag("通宽带"),
};

const REGION_FIELDS = {
  code: text("区划代码"),
  name: text("名称"),
  level: code("级别", REGION_LEVEL.labels),
  parentCode: region("上级区划"),
  sortOrder: integer("排序"),
};

const REDUCTION_TARGET_FIELDS = {
  regionCode: region("乡镇（村）"),
  year: integer("年度"),
  households: integer("脱贫户数"),
  people: integer("脱贫人数"),
};
/** "石桥镇 2026年度" from the shown region and year. */
const regionYear = ([place, year]: string[]) => (place ? (year ? `${place} ${year}年度` : place) : null);

const fitPair = (pair: string) => {
  const [cause, category] = pair.split(":");
  return `${(POVERTY_CAUSE.labels as Record<string, string>)[cause] ?? cause}—${(MEASURE_CATEGORY.labels as Record<string, string>)[category] ?? category}`;
};

export const AUDIT_EVENTS = {
  "auth.signIn": event({ label: "登录", entityTypes: ["User"], fields: {} }),
  "auth.signOut": event({ label: "退出登录", entityTypes: ["User"], fields: {} }),
  "auth.twoFactorEnrol": event({ label: "设置两步验证", entityTypes: ["User"], fields: { recoveryCodes: integer("恢复码数量") } }),
  "auth.twoFactorVerify": event({ label: "通过两步验证", entityTypes: ["User"], fields: {} }),
  "auth.twoFactorRecovery": event({ label: "使用恢复码通过两步验证", entityTypes: ["User"], fields: { recoveryCodesLeft: integer("剩余恢复码") } }),
  "auth.twoFactorLocked": event({ label: "两步验证错误次数过多，会话失效", entityTypes: ["User"], fields: { failures: integer("连续错误次数") } }),

  "user.create": event({ label: "创建用户", entityTypes: ["User"], fields: USER_FIELDS, subject: ["displayName"] }),
  "user.update": event({ label: "修改用户", entityTypes: ["User"], fields: USER_FIELDS }),
  "user.disable": event({ label: "停用用户", entityTypes: ["User"], fields: { active: flag("启用") } }),
  "user.enable": event({ label: "启用用户", entityTypes: ["User"], fields: { active: flag("启用") } }),
  "user.resetPassword": event({ label: "重置密码", entityTypes: ["User"], fields: {} }),
  "user.signOutEverywhere": event({ label: "强制下线", entityTypes: ["User"], fields: {} }),
  "user.resetTwoFactor": event({ label: "重置两步验证", entityTypes: ["User"], fields: { twoFactorEnrolled: flag("已设置两步验证") } }),

  "settings.update": event({ label: "修改设置", entityTypes: ["Setting"], fields: { key: text("设置项"), value: text("值") }, subject: ["key"] }),
  /** entityId is the year. */
  "povertyLine.update": event({
    label: "修改贫困线",
    entityTypes: ["PovertyLine"],
    fields: { amountFen: fen("贫困线（每人每年）") },
    subjectText: (_shown, year) => (year ? `${year}年度` : null),
  }),

  "household.create": event({
    label: "新建户档",
    entityTypes: ["Household"],
    fields: {
      householdNo: text("户编号"),
      villageCode: region("所属村"),
      ...HOUSEHOLD_FIELDS,
      headName: text("户主姓名"),
      headIdNumber: text("户主身份证号"),
      headMemberId: hiddenId(),
    },
  }),
  "household.update": event({ label: "修改户档", entityTypes: ["Household"], fields: HOUSEHOLD_FIELDS }),
  /** A village merge moved the household (lib/regions/commands.ts): new village, new 户编号. */
  "household.moveVillage": event({
    label: "随村合并转入他村",
    entityTypes: ["Household"],
    fields: { householdNo: text("户编号"), villageCode: region("所属村") },
  }),

  // Member events are filed under their household (entityType Household) and name the member.
  "member.create": event({ label: "新增成员", entityTypes: ["Household"], fields: MEMBER_FIELDS, subject: ["name"] }),
  "member.update": event({ label: "修改成员", entityTypes: ["Household"], fields: MEMBER_FIELDS, subject: ["name"] }),
  "member.end": event({
    label: "成员减少",
    entityTypes: ["Household"],
    fields: { memberId: hiddenId(), name: text("姓名"), status: code("状态", MEMBER_STATUS.labels), statusDate: date("变动日期") },
    subject: ["name"],
  }),
  "member.changeHead": event({
    label: "变更户主",
    entityTypes: ["Household"],
    fields: { headName: text("户主"), formerHeadRelation: code("原户主与新户主的关系", RELATION.labels) },
  }),

  "income.save": event({
    label: "保存收入",
    entityTypes: ["Household"],
    fields: { year: integer("年度"), ...INCOME_COMPONENTS, [MEDICAL_FIELD[0]]: fen(MEDICAL_FIELD[1]) },
    subject: ["year"],
    subjectText: yearly,
  }),
  "attachment.upload": event({
    label: "上传佐证材料",
    entityTypes: ["Household"],
    fields: { attachmentId: hiddenId(), category: text("类别"), ...FILE_FIELDS },
    subject: ["originalName"],
  }),
  /** 疑点数据 "已核实无误" (lib/data-quality/marks.ts, decision 021): filed under the household. */
  "qualityMark.create": event({
    label: "标记疑点已核实无误",
    entityTypes: ["Household"],
    fields: {
      markId: hiddenId(),
      ruleCode: text("规则"),
      memberName: text("成员"),
      message: text("疑点"),
      reason: text("核实理由"),
      attachmentId: hiddenId(),
      originalName: text("佐证材料"),
      fieldsHash: hiddenId(),
    },
    subject: ["ruleCode"],
  }),
  "qualityMark.withdraw": event({
    label: "撤回已核实无误标记",
    entityTypes: ["Household"],
    fields: { markId: hiddenId(), ruleCode: text("规则"), memberName: text("成员"), status: text("状态") },
    subject: ["ruleCode"],
  }),
  /** Written by the recompute (no user) when the fields a mark was checked on changed: the hit is open again. */
  "qualityMark.reopen": event({
    label: "数据变化，已核实无误标记失效",
    entityTypes: ["Household"],
    fields: { markId: hiddenId(), ruleCode: text("规则"), status: text("状态"), fieldsHash: hiddenId() },
    subject: ["ruleCode"],
  }),
  /** Written when a page shows a full ID number (filed under the member). */
  "idNumber.viewFull": event({
    label: "查看完整身份证号",
    entityTypes: ["Member"],
    fields: { householdId: hiddenId(), name: text("姓名"), purpose: text("用途") },
    subject: ["name"],
  }),

  "measure.create": event({ label: "新增帮扶措施", entityTypes: ["Household"], fields: MEASURE_FIELDS, subject: ["item"] }),
  "measure.update": event({ label: "修改帮扶措施", entityTypes: ["Household"], fields: MEASURE_FIELDS, subject: ["item"] }),
  "measure.status": event({ label: "措施状态变更", entityTypes: ["Household"], fields: MEASURE_FIELDS, subject: ["item"] }),
  "plan.save": event({
    label: "保存脱贫计划",
    entityTypes: ["Household"],
    fields: { year: integer("年度"), targetPerCapitaFen: fen("目标人均纯收入"), plannedExitYear: integer("计划脱贫年度"), plannedMeasures: text("计划措施") },
    subject: ["year"],
    subjectText: yearly,
  }),
  "visit.create": event({
    label: "走访记录",
    entityTypes: ["Household"],
    fields: { visitId: hiddenId(), visitedOn: date("走访日期"), findings: text("发现情况"), actions: text("采取措施") },
  }),
  "helper.reassign": event({ label: "更换帮扶责任人", entityTypes: ["Household"], fields: { helperId: user("帮扶责任人"), reason: text("原因") } }),

  "catalogue.itemCreate": event({
    label: "新增措施目录项",
    entityTypes: ["MeasureItem"],
    fields: { category: code("类别", MEASURE_CATEGORY.labels), name: text("措施名称") },
    subject: ["name"],
  }),
  "catalogue.itemRetire": event({ label: "停用措施目录项", entityTypes: ["MeasureItem"], fields: { retired: flag("已停用") } }),
  "catalogue.fitMatrix": event({ label: "修改致贫原因匹配表", entityTypes: ["CauseCategoryFit"], fields: { pairs: list("致贫原因—措施类别", fitPair) } }),

  /** Two rows: one on the sheet (its opening) and one on the household ({ year }). */
  "exit.open": event({
    label: "提出脱贫退出",
    entityTypes: ["ExitSheet", "Household"],
    fields: { year: integer("年度"), householdId: hiddenId(), assessmentYear: integer("考核年度"), verificationCode: text("核验码"), ...EXIT_SIGN_OFF_FIELDS },
    subject: ["year", "assessmentYear"],
    subjectText: yearly,
  }),
  "exit.sign": event({ label: "签署退出核验", entityTypes: ["ExitSheet"], fields: EXIT_SIGN_OFF_FIELDS }),
  "exit.recordConsent": event({ label: "登记贫困户认可", entityTypes: ["ExitSheet"], fields: { ...EXIT_SIGN_OFF_FIELDS, attachmentIds: hiddenIds() } }),
  "exit.uploadEvidence": event({
    label: "上传核验表材料",
    entityTypes: ["ExitSheet"],
    fields: { attachmentId: hiddenId(), category: text("类别"), ...FILE_FIELDS },
    subject: ["originalName"],
  }),
  "exit.startNotice": event({
    label: "发布村内公示",
    entityTypes: ["ExitSheet"],
    fields: { postedOn: date("公示张贴日期"), closedOn: date("公示结束日期"), round: integer("轮次"), attachmentIds: hiddenIds() },
  }),
  "exit.recordObjection": event({
    label: "登记公示异议",
    entityTypes: ["ExitSheet"],
    fields: { objectionId: hiddenId(), round: integer("轮次"), raisedOn: date("提出日期"), content: text("异议内容") },
  }),
  "exit.resolveObjection": event({
    label: "处理公示异议",
    entityTypes: ["ExitSheet"],
    fields: { objectionId: hiddenId(), content: text("异议内容"), resolution: text("处理结果") },
  }),
  "exit.closeNotice": event({
    label: "结束村内公示",
    entityTypes: ["ExitSheet"],
    fields: { ...EXIT_SIGN_OFF_FIELDS, postedOn: date("公示张贴日期"), closedOn: date("公示结束日期"), objections: integer("异议件数") },
  }),
  "exit.reject": event({ label: "退回核验表", entityTypes: ["ExitSheet"], fields: { ...EXIT_SIGN_OFF_FIELDS, reason: text("退回理由") } }),
  "household.exit": event({
    label: "脱贫销号",
    entityTypes: ["Household"],
    fields: { status: code("状态", HOUSEHOLD_STATUS.labels), exitYear: integer("脱贫年度") },
  }),
  "household.returnToPoverty": event({
    label: "返贫",
    entityTypes: ["Household"],
    fields: {
      status: code("状态", HOUSEHOLD_STATUS.labels),
      exitYear: integer("脱贫年度"),
      reason: text("返贫原因"),
      primaryCause: code("主要致贫原因", POVERTY_CAUSE.labels),
      otherCauses: codes("其他致贫原因", POVERTY_CAUSE.labels),
    },
  }),

  // Region events: entityId is the region code (lib/regions/commands.ts).
  "region.create": event({ label: "新建区划", entityTypes: ["Region"], fields: REGION_FIELDS, subject: ["name"] }),
  "region.rename": event({ label: "区划更名", entityTypes: ["Region"], fields: { name: text("名称") } }),
  "region.reorder": event({ label: "调整区划排序", entityTypes: ["Region"], fields: { sortOrder: integer("排序") } }),
  "region.import": event({
    label: "从表格导入区划",
    entityTypes: ["Region"],
    fields: {
      fileName: text("文件名"),
      sha256: hiddenId(),
      townships: integer("新建乡镇数"),
      villages: integer("新建村数"),
      unchanged: integer("已有未变行数"),
    },
  }),
  "region.retire": event({ label: "撤销村", entityTypes: ["Region"], fields: { retired: flag("已撤销") } }),
  "region.merge": event({
    label: "合并村",
    entityTypes: ["Region"],
    fields: {
      mergedInto: region("合并到"),
      households: integer("转入户数"),
      users: integer("转入账号数"),
      retired: flag("已撤销"),
    },
  }),

  // 自然村/组 events: entityId is the group's id (lib/regions/village-groups.ts).
  "villageGroup.create": event({
    label: "新建自然村/组",
    entityTypes: ["VillageGroup"],
    fields: { villageCode: region("行政村"), name: text("名称"), sortOrder: integer("排序") },
    subject: ["name"],
  }),
  "villageGroup.rename": event({ label: "自然村/组更名", entityTypes: ["VillageGroup"], fields: { name: text("名称") } }),
  "villageGroup.reorder": event({ label: "调整自然村/组排序", entityTypes: ["VillageGroup"], fields: { sortOrder: integer("排序") } }),
  "villageGroup.retire": event({ label: "撤销自然村/组", entityTypes: ["VillageGroup"], fields: { retired: flag("已撤销") } }),

  /** entityId is the village code. */
  "villagePopulation.save": event({
    label: "填报村农村户籍人口",
    entityTypes: ["Village"],
    fields: { year: integer("年度"), ruralPopulation: integer("农村户籍人口") },
    subject: ["year"],
    subjectText: yearly,
  }),
  "villageExit.create": event({
    label: "新建贫困村退出核验表",
    entityTypes: ["VillageExitSheet"],
    fields: { villageCode: region("村"), assessmentYear: integer("考核年度"), ...VILLAGE_CONDITIONS },
  }),
  "villageExit.update": event({ label: "修改村级出列条件", entityTypes: ["VillageExitSheet"], fields: VILLAGE_CONDITIONS }),
  "villageExit.uploadEvidence": event({
    label: "上传村级佐证材料",
    entityTypes: ["VillageExitSheet"],
    fields: { evidenceId: hiddenId(), condition: code("佐证的条件", VILLAGE_EVIDENCE_CONDITION.labels), ...FILE_FIELDS },
    subject: ["originalName"],
  }),
  "villageExit.sign": event({ label: "签署贫困村退出", entityTypes: ["VillageExitSheet"], fields: VILLAGE_SIGN_OFF_FIELDS }),
  "villageExit.recordNotice": event({
    label: "登记乡镇内公示",
    entityTypes: ["VillageExitSheet"],
    fields: { ...VILLAGE_SIGN_OFF_FIELDS, postedOn: date("公示开始日期"), endedOn: date("公示结束日期") },
  }),
  "villageExit.reject": event({
    label: "退回贫困村退出核验表",
    entityTypes: ["VillageExitSheet"],
    fields: { ...VILLAGE_SIGN_OFF_FIELDS, reason: text("退回理由") },
  }),
  "villageExit.markExited": event({
    label: "贫困村出列",
    entityTypes: ["VillageExitSheet"],
    fields: { ...VILLAGE_SIGN_OFF_FIELDS, exitedAt: moment("出列时间"), villageCode: region("村"), assessmentYear: integer("考核年度") },
  }),

  /** entityId is "<region code>:<year>" (lib/dashboard/targets.ts#targetEntityId). */
  "target.save": event({
    label: "设定年度减贫任务",
    entityTypes: ["ReductionTarget"],
    fields: REDUCTION_TARGET_FIELDS,
    subject: ["regionCode", "year"],
    subjectText: regionYear,
  }),
  "target.clear": event({
    label: "撤销年度减贫任务",
    entityTypes: ["ReductionTarget"],
    fields: REDUCTION_TARGET_FIELDS,
    subject: ["regionCode", "year"],
    subjectText: regionYear,
  }),

  // 督查 (lib/inspections). The category is stored by code and shown by its name at the time.
  "inspection.review": event({
    label: "审查退出核验表",
    entityTypes: ["InspectionReview"],
    fields: {
      sheetId: hiddenId(),
      householdId: hiddenId(),
      contentHash: hiddenId(),
      failedItems: codes("不合格项", REVIEW_CHECKLIST_ITEM.labels),
      note: text("审查意见"),
      findings: integer("提出问题数"),
    },
  }),
  "sampling.create": event({
    label: "建立抽查轮次",
    entityTypes: ["SamplingRound"],
    fields: {
      name: text("轮次名称"),
      populationYear: integer("脱贫年度"),
      townshipCodes: regions("抽查乡镇"),
      sizeRule: text("样本量"),
      publicSource: text("公开随机数来源"),
      exitedCount: integer("已脱贫户总体"),
      listedCount: integer("未建档户名单"),
      exitedHash: hiddenId(),
      listedHash: hiddenId(),
    },
    subject: ["name"],
  }),
  "sampling.draw": event({
    label: "抽取样本",
    entityTypes: ["SamplingRound"],
    fields: { publicValue: text("公开随机数"), picks: integer("抽中户数") },
  }),
  "sampling.replace": event({
    label: "抽取替换户",
    entityTypes: ["SamplingRound"],
    fields: {
      kind: code("总体", SAMPLE_KIND.labels),
      replacedEntryId: hiddenId(),
      replacementEntryId: hiddenId(),
      townshipCode: region("乡镇"),
      ordinal: integer("抽取顺序号"),
      reason: text("替换理由"),
    },
  }),
  "fieldCheck.record": event({
    label: "登记入户核查",
    entityTypes: ["FieldCheck"],
    fields: {
      roundId: hiddenId(),
      kind: code("总体", SAMPLE_KIND.labels),
      householdId: hiddenId(),
      visitedOn: date("核查日期"),
      atHome: flag("见到农户"),
      meetsStandard: flag("符合退出标准"),
      failedCriteria: codes("不符合的标准", EXIT_CRITERION_LABELS),
      shouldRegister: flag("应纳入建档立卡"),
      satisfaction: code("群众认可度", SATISFACTION.labels),
      question: text("询问内容"),
      note: text("核查情况"),
      people: integer("家庭人口"),
      files: integer("照片数"),
    },
  }),
  "fieldCheck.note": event({ label: "补充入户核查说明", entityTypes: ["FieldCheck"], fields: { note: text("更正或补充说明") } }),
  // 导入国家系统贫困人口明细 (lib/imports): the batch's own events; each imported household also gets "household.import".
  "import.upload": event({
    label: "上传导入文件",
    entityTypes: ["ImportBatch"],
    fields: { fileName: text("文件名"), sha256: hiddenId(), sizeBytes: hiddenNumber(), townshipCode: region("限定乡镇") },
    subject: ["fileName"],
  }),
  "import.merge": event({
    label: "导入入库",
    entityTypes: ["ImportBatch"],
    fields: {
      fileName: text("文件名"),
      mode: code("导入方式", { ALL: "全部导入", VALID_ONLY: "只导入无误的户" }),
      incomeYear: integer("收入年度"),
      households: integer("导入户数"),
      members: integer("导入人数"),
      householdsLeftOut: integer("未导入户数"),
      householdsUpdated: integer("按文件更新户数"),
    },
    subject: ["fileName"],
  }),
  "import.choose": event({
    label: "选择已在档案中的户：跳过或按文件更新",
    entityTypes: ["ImportBatch"],
    fields: { fileName: text("文件名"), householdNo: text("户编号"), choice: code("选择", { SKIP: "跳过", UPDATE: "按文件更新" }) },
    subject: ["householdNo"],
  }),
  "import.fail": event({ label: "导入失败", entityTypes: ["ImportBatch"], fields: { fileName: text("文件名"), message: text("原因") }, subject: ["fileName"] }),
  "import.undo": event({
    label: "撤销导入",
    entityTypes: ["ImportBatch"],
    fields: { fileName: text("文件名"), households: integer("撤销户数"), members: integer("撤销人数"), householdsRestored: integer("恢复更新前的户数") },
    subject: ["fileName"],
  }),
  /** entityId is the region exported (county, township or village code). Only exports with full ID numbers are recorded. */
  "ledger.export": event({
    label: "导出贫困人口明细台账（含完整身份证号）",
    entityTypes: ["Village"],
    fields: { regionCode: region("导出范围"), people: integer("人数"), fullIdNumbers: flag("含完整身份证号") },
  }),
  "household.importUpdate": event({
    label: "按导入文件更新",
    entityTypes: ["Household"],
    fields: { householdNo: text("户编号"), changes: text("变更内容"), batchId: hiddenId(), fileName: text("导入文件") },
  }),
  "household.importUndoUpdate": event({
    label: "撤销按导入文件的更新",
    entityTypes: ["Household"],
    fields: { householdNo: text("户编号"), changes: text("恢复内容"), batchId: hiddenId(), fileName: text("导入文件") },
  }),
  "household.import": event({
    label: "导入建档",
    entityTypes: ["Household"],
    fields: {
      householdNo: text("户编号"),
      villageCode: region("所属村"),
      headName: text("户主姓名"),
      members: integer("人数"),
      batchId: hiddenId(),
      fileName: text("导入文件"),
    },
  }),

  "finding.raise": event({
    label: "提出督查问题",
    entityTypes: ["Finding"],
    fields: {
      category: text("问题类别"),
      source: code("来源", FINDING_SOURCE.labels),
      townshipCode: region("乡镇"),
      villageCode: region("村"),
      householdId: hiddenId(),
      criterion: code("不符合的标准", EXIT_CRITERION_LABELS),
      description: text("问题描述"),
      responsibleUnit: text("责任单位"),
      responsiblePerson: text("责任人"),
      deadline: date("整改期限"),
    },
  }),
  "finding.submitReport": event({
    label: "提交整改报告",
    entityTypes: ["Finding"],
    fields: { reportId: hiddenId(), content: text("整改情况"), files: integer("佐证材料数"), status: code("状态", FINDING_STATUS.labels) },
  }),
  "finding.accept": event({
    label: "整改销号",
    entityTypes: ["Finding"],
    fields: { reportId: hiddenId(), status: code("状态", FINDING_STATUS.labels) },
  }),
  "finding.return": event({
    label: "退回整改报告",
    entityTypes: ["Finding"],
    fields: { reportId: hiddenId(), reason: text("退回理由"), status: code("状态", FINDING_STATUS.labels) },
  }),
  "findingCategory.add": event({ label: "新增问题类别", entityTypes: ["FindingCategory"], fields: { name: text("类别名称") }, subject: ["name"] }),
  "findingCategory.retire": event({
    label: "停用问题类别",
    entityTypes: ["FindingCategory"],
    fields: { name: text("类别名称"), retired: flag("已停用") },
    subject: ["name"],
  }),
  "findingCategory.rename": event({ label: "修改问题类别名称", entityTypes: ["FindingCategory"], fields: { name: text("类别名称") }, subject: ["name"] }),
  "findingCategory.move": event({
    label: "调整问题类别顺序",
    entityTypes: ["FindingCategory"],
    fields: { name: text("类别名称"), position: integer("排序号") },
    subject: ["name"],
  }),
  /** entityId is the year. */
  "monitoringLine.update": event({
    label: "修改监测线",
    entityTypes: ["MonitoringLine"],
    fields: { amountFen: fen("监测线（每人每年）") },
    subjectText: (_shown, year) => (year ? `${year}年度` : null),
  }),
  "monitoringRiskType.add": event({ label: "新增风险类型", entityTypes: ["MonitoringRiskType"], fields: { label: text("风险类型") }, subject: ["label"] }),
  "monitoringRiskType.retire": event({
    label: "停用或启用风险类型",
    entityTypes: ["MonitoringRiskType"],
    fields: { label: text("风险类型"), retired: flag("已停用") },
    subject: ["label"],
  }),
  "monitoringRiskType.fit": event({
    label: "修改风险与措施类别匹配",
    entityTypes: ["MonitoringRiskType"],
    fields: {
      label: text("风险类型"),
      categories: codes("匹配的措施类别", MEASURE_CATEGORY.labels),
    },
    subject: ["label"],
  }),
  "monitoringObject.create": event({
    label: "纳入监测对象（待识别）",
    entityTypes: ["MonitoringObject"],
    fields: {
      category: code("监测对象类别", MONITORING_CATEGORY.labels),
      householdId: hiddenId(),
      registered: flag("已建档立卡"),
      headName: text("户主姓名"),
      /** Stored masked (lib/audit/redact.ts). */
      headIdNumber: text("户主身份证号码"),
      villageCode: region("所在村"),
      note: text("备注"),
    },
  }),
  "monitoringObject.resolveRisk": event({
    label: "登记风险消除",
    entityTypes: ["MonitoringObject"],
    fields: { riskType: text("风险类型"), resolvedOn: date("消除日期") },
    subject: ["riskType"],
  }),
  "monitoringSheet.open": event({
    label: "开始监测程序",
    entityTypes: ["MonitoringSheet"],
    fields: { kind: code("程序", MONITORING_SHEET_KIND.labels), objectId: hiddenId(), method: code("消除方式", ELIMINATION_METHOD.labels) },
  }),
  "monitoringSheet.uploadConsent": event({
    label: "上传承诺授权书",
    entityTypes: ["MonitoringSheet"],
    fields: { evidenceId: hiddenId(), round: integer("轮次"), ...FILE_FIELDS },
    subject: ["originalName"],
  }),
  "monitoringSheet.sign": event({ label: "签署监测程序", entityTypes: ["MonitoringSheet"], fields: MONITORING_SIGN_OFF_FIELDS }),
  "monitoringSheet.record": event({ label: "登记监测程序环节", entityTypes: ["MonitoringSheet"], fields: MONITORING_SIGN_OFF_FIELDS }),
  "monitoringSheet.startNotice": event({
    label: "发布监测程序公示",
    entityTypes: ["MonitoringSheet"],
    fields: { kind: code("程序", MONITORING_SHEET_KIND.labels), postedOn: date("公示张贴日期"), closedOn: date("公示结束日期"), round: integer("轮次") },
  }),
  "monitoringSheet.closeNotice": event({
    label: "结束监测程序公示",
    entityTypes: ["MonitoringSheet"],
    fields: { ...MONITORING_SIGN_OFF_FIELDS, postedOn: date("公示张贴日期"), closedOn: date("公示结束日期"), objections: integer("异议条数") },
  }),
  "monitoringSheet.recordObjection": event({
    label: "登记监测程序公示异议",
    entityTypes: ["MonitoringSheet"],
    fields: { objectionId: hiddenId(), round: integer("轮次"), raisedOn: date("提出日期"), content: text("异议内容") },
  }),
  "monitoringSheet.resolveObjection": event({
    label: "处理监测程序公示异议",
    entityTypes: ["MonitoringSheet"],
    fields: { objectionId: hiddenId(), content: text("异议内容"), resolution: text("处理结果") },
  }),
  "monitoringSheet.reject": event({
    label: "退回监测程序",
    entityTypes: ["MonitoringSheet"],
    fields: { ...MONITORING_SIGN_OFF_FIELDS, status: text("状态"), reason: text("退回理由") },
  }),
  "monitoringObject.statusChange": event({
    label: "监测状态变更",
    entityTypes: ["MonitoringObject"],
    fields: { status: code("监测状态", MONITORING_STATUS.labels), identifiedOn: date("识别纳入日期"), eliminatedOn: date("风险消除日期"), sheetId: hiddenId() },
  }),
  "monitoringObject.addRisk": event({
    label: "登记致贫返贫风险",
    entityTypes: ["MonitoringObject"],
    fields: { riskType: text("风险类型"), foundOn: date("发现日期"), source: code("发现渠道", RISK_SOURCE.labels), note: text("说明") },
    subject: ["riskType"],
  }),
  "monitoringWarning.raise": event({
    label: "产生预警",
    entityTypes: ["MonitoringWarning"],
    fields: { householdId: hiddenId(), source: text("预警来源"), reason: text("预警原因"), raisedOn: date("预警日期") },
    subject: ["reason"],
  }),
  "monitoringWarning.check": event({
    label: "核实预警",
    entityTypes: ["MonitoringWarning"],
    fields: { outcome: text("核实结果"), objectId: hiddenId(), note: text("核实说明") },
    subject: ["outcome"],
  }),
};

export type AuditAction = keyof typeof AUDIT_EVENTS;

type FieldsOf<A extends AuditAction> = (typeof AUDIT_EVENTS)[A]["fields"];

/** What a before/after of this action may hold: any of its defined fields, with the value types they accept. Actions without fields carry none. */
export type AuditPayload<A extends AuditAction> = [keyof FieldsOf<A>] extends [never]
  ? never
  : { [K in keyof FieldsOf<A>]?: FieldsOf<A>[K] extends AuditField<infer S> ? z.input<S> : never };

/** One audit event as a command writes it, type-checked against its action's definition. */
export type AuditEvent<A extends AuditAction = AuditAction> = {
  [K in A]: {
    action: K;
    entityType: (typeof AUDIT_EVENTS)[K]["entityTypes"][number];
    entityId?: string | null;
    countyCode?: string | null;
    before?: AuditPayload<K> | null;
    after?: AuditPayload<K> | null;
  };
}[A];

export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as [AuditAction, ...AuditAction[]];

const DEFINITIONS: Readonly<Record<string, AnyAuditEventDefinition>> = AUDIT_EVENTS;

export function auditEventDefinition(action: string): AnyAuditEventDefinition | undefined {
  return Object.hasOwn(DEFINITIONS, action) ? DEFINITIONS[action] : undefined;
}

function payloadSchema(fields: Fields) {
  const shape = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.schema.optional()]));
  return z.strictObject(shape).nullable().optional();
}

/**
 * The same definitions as a zod discriminated union on `action`: checks a stored row (or an
 * event about to be written) has exactly the fields its action defines, with values of their kind.
 */
export const ZAuditEvent = z.discriminatedUnion(
  "action",
  AUDIT_ACTIONS.map((action) => {
    const definition = DEFINITIONS[action];
    return z.object({
      action: z.literal(action),
      entityType: z.enum(definition.entityTypes as [AuditEntityType, ...AuditEntityType[]]),
      entityId: z.string().nullable().optional(),
      countyCode: z.string().nullable().optional(),
      before: payloadSchema(definition.fields),
      after: payloadSchema(definition.fields),
    });
  }) as unknown as [z.ZodObject<{ action: z.ZodLiteral<AuditAction> }>, ...z.ZodObject<{ action: z.ZodLiteral<AuditAction> }>[]],
);
