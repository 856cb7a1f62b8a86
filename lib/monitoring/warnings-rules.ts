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

export type DepartmentRow = { rowNumber: number; idNumber: string; note: string };

/**
 * The rows of a department's list: the header row must name 身份证号码 and 说明 (any order, other columns
 * ignored); blank rows are skipped; an ID number is compared in upper case without spaces. `rows` are the
 * sheet's text cells, the header first; row numbers are the sheet's (the header is row 1).
 */
export function departmentRows(rows: readonly (readonly string[])[]): { ok: true; rows: DepartmentRow[] } | { ok: false; message: string } {
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const idColumn = header.indexOf("身份证号码");
  const noteColumn = header.indexOf("说明");
  if (idColumn < 0 || noteColumn < 0) return { ok: false, message: "第一行须有“身份证号码”和“说明”两列" };
  const out: DepartmentRow[] = [];
  rows.slice(1).forEach((cells, index) => {
    const idNumber = (cells[idColumn] ?? "").replace(/\s/g, "").toUpperCase();
    const note = (cells[noteColumn] ?? "").trim();
    if (!idNumber && !note) return;
    out.push({ rowNumber: index + 2, idNumber, note });
  });
  if (out.length === 0) return { ok: false, message: "名单中没有数据行" };
  return { ok: true, rows: out };
}
