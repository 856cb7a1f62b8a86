import ExcelJS from "exceljs";
import { TREE_COLUMNS, type TreeColumn, type TreeRow } from "@/lib/regions/tree-import-rules";

/** The first rows searched for the header (a title row, merged or not, may come before it). */
const HEADER_SEARCH_ROWS = 20;
export const TREE_MAX_ROWS = 5000;

export type TreeSheet = { ok: true; rows: TreeRow[] } | { ok: false; message: string };

/** A cell's value as text: numbers (a code typed as a number stays exact up to 15 digits), rich text, formula results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return String((value as { text: unknown }).text).trim();
  }
  return String(value).trim();
}

/**
 * Reads the first worksheet of an .xlsx: finds the header row by the column names 代码, 名称, 级别, 上级代码 (any order, other
 * columns ignored), then every non-empty row below it. Pure apart from exceljs; the checks are in tree-import-rules.ts.
 */
export async function readTreeSheet(bytes: Uint8Array): Promise<TreeSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: "无法读取该文件：请上传 Excel 工作簿（.xlsx）" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: "工作簿中没有工作表" };
  let headerRow = 0;
  const columns = new Map<TreeColumn, number>();
  for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); rowNumber += 1) {
    const found = new Map<TreeColumn, number>();
    sheet.getRow(rowNumber).eachCell((cell, column) => {
      const text = cellText(cell.value).replace(/\s/g, "");
      if ((TREE_COLUMNS as readonly string[]).includes(text) && !found.has(text as TreeColumn)) found.set(text as TreeColumn, column);
    });
    if (found.size === TREE_COLUMNS.length) {
      headerRow = rowNumber;
      for (const [name, column] of found) columns.set(name, column);
      break;
    }
  }
  if (!headerRow) return { ok: false, message: `找不到表头：第一张工作表的前 ${HEADER_SEARCH_ROWS} 行中应有“代码”“名称”“级别”“上级代码”四列` };
  const rows: TreeRow[] = [];
  for (let rowNumber = headerRow + 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const value = (name: TreeColumn) => cellText(row.getCell(columns.get(name)!).value);
    const read = { row: rowNumber, code: value("代码"), name: value("名称"), level: value("级别"), parentCode: value("上级代码") };
    if (!read.code && !read.name && !read.level && !read.parentCode) continue;
    rows.push(read);
    if (rows.length > TREE_MAX_ROWS) return { ok: false, message: `一次最多导入 ${TREE_MAX_ROWS} 行区划` };
  }
  if (rows.length === 0) return { ok: false, message: "表头下面没有数据行" };
  return { ok: true, rows };
}
