/**
 * Finding the header row of a national export by the column names, not by position: title rows
 * (often one merged cell) may come first, columns may be in any order, extra columns are ignored,
 * empty (styled) cells after the last column do not matter.
 */
import { NATIONAL_COLUMNS, keyForHeader, type NationalKey } from "@/lib/imports/columns";
import { cellText, type RawCell } from "@/lib/imports/cells";

/** How far down the header row may be. */
export const HEADER_SEARCH_ROWS = 20;
/** A row is the header when it names at least this many known columns. */
const MIN_KNOWN_HEADERS = 5;

export type HeaderMatch = {
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** 0-based column index of each known column found. */
  columns: Partial<Record<NationalKey, number>>;
  /** Required columns not found, by their national header. */
  missing: string[];
  /** Columns named twice. */
  duplicated: string[];
  /** Header texts that are not national columns (ignored). */
  extra: string[];
};

export type HeaderResult = { ok: true; match: HeaderMatch } | { ok: false; message: string };

function matchRow(cells: RawCell[], headerRow: number): HeaderMatch {
  const columns: Partial<Record<NationalKey, number>> = {};
  const duplicated: string[] = [];
  const extra: string[] = [];
  cells.forEach((cell, index) => {
    const text = cellText(cell).trim();
    if (!text) return;
    const key = keyForHeader(text);
    if (!key) {
      extra.push(text);
    } else if (columns[key] !== undefined) {
      duplicated.push(text);
    } else {
      columns[key] = index;
    }
  });
  const missing = NATIONAL_COLUMNS.filter((column) => column.required && columns[column.key] === undefined).map((column) => column.header);
  return { headerRow, columns, missing, duplicated, extra };
}

/** `rows` are the first rows of the sheet (0-based array, row i is sheet row i + 1). */
export function detectHeader(rows: readonly RawCell[][]): HeaderResult {
  let best: HeaderMatch | null = null;
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const match = matchRow(rows[index], index + 1);
    const found = Object.keys(match.columns).length;
    if (found >= MIN_KNOWN_HEADERS && (!best || found > Object.keys(best.columns).length)) best = match;
  }
  if (!best) {
    return {
      ok: false,
      message: `前${HEADER_SEARCH_ROWS}行中找不到表头行（应含“户编号”“证件号码”“与户主关系”“姓名”等列名），请确认是国家系统导出的贫困人口明细表`,
    };
  }
  if (best.duplicated.length > 0) {
    return { ok: false, message: `第${best.headerRow}行表头中以下列重复出现：${best.duplicated.join("、")}，请删除多余的列后重新上传` };
  }
  if (best.missing.length > 0) {
    return { ok: false, message: `第${best.headerRow}行表头缺少以下必需的列：${best.missing.join("、")}` };
  }
  return { ok: true, match: best };
}
