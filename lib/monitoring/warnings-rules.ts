import { formatFen } from "@/lib/income/money";
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

/** 医疗支出预警: 合规自付医疗费用 above this share (‰) of the household's annual net income, by default 50 %. */
export const DEFAULT_MEDICAL_SHARE_PERMILLE = 500;

export type MedicalCostWarning = { code: "MEDICAL_COST"; message: string };

/**
 * The medical-cost 预警 of one household for a year: the 合规自付医疗费用 it paid itself (null = not entered: no
 * 预警) strictly above `sharePermille` of its annual net income (the figure computeIncome gives, the same the
 * income rules use). Compared on exact integers (cost × 1000 > net × share), so exactly at the share is no
 * 预警. A net income of 0 or below with any positive cost is a 预警; a cost of 0 never is.
 */
export function medicalCostWarning(input: { year: number; medicalFen: number | null; netIncomeFen: number; sharePermille: number }): MedicalCostWarning | null {
  const { year, medicalFen, netIncomeFen, sharePermille } = input;
  if (medicalFen === null || medicalFen <= 0) return null;
  const cost = `${year} 年合规自付医疗费用 ${formatFen(medicalFen)} 元`;
  if (netIncomeFen <= 0) return { code: "MEDICAL_COST", message: `${cost}，家庭纯收入为 ${formatFen(netIncomeFen)} 元` };
  if (BigInt(medicalFen) * 1000n <= BigInt(netIncomeFen) * BigInt(sharePermille)) return null;
  return { code: "MEDICAL_COST", message: `${cost}，超过家庭纯收入 ${formatFen(netIncomeFen)} 元的 ${sharePermille / 10}%` };
}
