/** The closed vocabularies of 防止返贫动态监测 (docs/domain.md §18): stored codes, labels shown. */

function labelled<const T extends Record<string, string>>(labels: T) {
  const codes = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, codes, label: (code: keyof T & string) => labels[code] };
}

/** 监测对象类别 (中农组发〔2021〕7号). */
export const MONITORING_CATEGORY = labelled({ UNSTABLE: "脱贫不稳定户", MARGINAL: "边缘易致贫户", SUDDEN_HARDSHIP: "突发严重困难户" });
export type MonitoringCategory = (typeof MONITORING_CATEGORY.codes)[number];

/** Where a risk was found: the three discovery channels, and the archive's own 预警. */
export const RISK_SOURCE = labelled({
  SELF_APPLICATION: "农户自主申报",
  CADRE_SCREENING: "基层干部排查",
  DEPARTMENT_WARNING: "部门筛查预警",
  ARCHIVE_WARNING: "系统预警",
});
export type RiskSource = (typeof RISK_SOURCE.codes)[number];

/** The procedure state of a monitoring object: awaiting 识别纳入, monitored (纳入 announced), risks eliminated (消除 announced). */
export const MONITORING_STATUS = labelled({ PENDING: "待识别", MONITORED: "监测中", ELIMINATED: "风险已消除" });
export type MonitoringStatus = (typeof MONITORING_STATUS.codes)[number];

/** The two procedures of a monitoring object (lib/monitoring/chains.ts). */
export const MONITORING_SHEET_KIND = labelled({ IDENTIFY: "识别纳入", ELIMINATE: "风险消除" });
export type MonitoringSheetKind = (typeof MONITORING_SHEET_KIND.codes)[number];

/** Every step either procedure has; each procedure declares the ones it uses, in its order. */
export const MONITORING_STEP = labelled({
  VISIT: "入户核实",
  DATA_CHECK: "信息比对",
  DEMOCRATIC_REVIEW: "村民主评议",
  VILLAGE_NOTICE: "村内公示",
  TOWNSHIP_REVIEW: "乡镇审核",
  COUNTY_APPROVAL: "县级审批",
  ANNOUNCE: "公告",
});
export type MonitoringStep = (typeof MONITORING_STEP.codes)[number];

/** 消除方式. */
export const ELIMINATION_METHOD = labelled({ ASSISTED: "帮扶消除", NATURAL: "自然消除" });
export type EliminationMethod = (typeof ELIMINATION_METHOD.codes)[number];
