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

/** The procedure state of a monitoring object; this first part records objects awaiting 识别纳入. */
export const MONITORING_STATUS = labelled({ PENDING: "待识别" });
export type MonitoringStatus = (typeof MONITORING_STATUS.codes)[number];
