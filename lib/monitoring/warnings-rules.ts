import type { RiskSource } from "@/lib/monitoring/codes";

/** Where a 预警 came from (docs/domain.md §19): the archive's income screening, a department's list, a self-application, a cadre's visit. */
export const WARNING_SOURCE_LABELS: Record<string, string> = {
  ARCHIVE_INCOME: "收入预警",
  SELF_APPLICATION: "农户自主申报",
  CADRE_VISIT: "基层干部排查",
};

/** A department's list is stored as DEPARTMENT_<kind>; the kinds the county knows so far. */
export const DEPARTMENT_LABELS: Record<string, string> = { MEDICAL: "医保", CIVIL_AFFAIRS: "民政", DISABLED: "残联", OTHER: "其他部门" };

export function warningSourceLabel(source: string): string {
  if (source.startsWith("DEPARTMENT_")) return `部门筛查预警（${DEPARTMENT_LABELS[source.slice("DEPARTMENT_".length)] ?? "其他部门"}）`;
  return WARNING_SOURCE_LABELS[source] ?? source;
}

/** The discovery channel a risk gets when a 预警 is checked as 纳入监测. */
export function riskSourceOfWarning(source: string): RiskSource {
  if (source === "SELF_APPLICATION") return "SELF_APPLICATION";
  if (source === "CADRE_VISIT") return "CADRE_SCREENING";
  if (source.startsWith("DEPARTMENT_")) return "DEPARTMENT_WARNING";
  return "ARCHIVE_WARNING";
}

export const WARNING_STATUS_LABELS = { OPEN: "待核实", CHECKED: "已核实" } as const;
export const WARNING_OUTCOME_LABELS = { MONITORED: "纳入监测", NOT_NEEDED: "无需纳入" } as const;
export type WarningOutcome = keyof typeof WARNING_OUTCOME_LABELS;
