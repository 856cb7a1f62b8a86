/**
 * Streaming read of a national export: exceljs' streaming reader, the first worksheet only, one
 * row at a time. The first rows are held until the header row is found; after that each row is
 * checked (lib/imports/rules.ts checkRow) as it arrives and only the checked result is kept.
 */
import type { Readable } from "node:stream";
import { rowCells, type RawCell } from "@/lib/imports/cells";
import { HEADER_SEARCH_ROWS, detectHeader, type HeaderMatch } from "@/lib/imports/header";
import { checkRow, type CheckedRow, type RuleContext } from "@/lib/imports/rules";
import { createWorkbookReader } from "@/lib/imports/workbook-reader";

/** `rowsExpected`: the sheet's last row when the file says so, else estimated from the share of the file read so far. */
export type ParseProgress = { rowsRead: number; rowsExpected: number | null };

export type ParseResult = { ok: true; header: HeaderMatch; rows: CheckedRow[]; sheetName: string } | { ok: false; message: string };

function isBlank(cells: RawCell[]): boolean {
  return cells.every((cell) => cell.kind === "empty");
}

/** Reads and checks every data row; `onProgress` is called every `progressEvery` rows. */
export async function parseNationalWorkbook(
  input: Readable,
  context: RuleContext,
  options: { onProgress?: (progress: ParseProgress) => void | Promise<void>; progressEvery?: number; totalBytes?: number } = {},
): Promise<ParseResult> {
  let bytesRead = 0;
  input.on("data", (chunk: Buffer) => (bytesRead += chunk.length));
  let lastRow: number | null = null;
  const expected = (rowsRead: number) =>
    lastRow ?? (options.totalBytes && bytesRead > 0 ? Math.max(rowsRead, Math.round((rowsRead * options.totalBytes) / bytesRead)) : null);
  const reader = createWorkbookReader(
    input,
    {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      entries: "emit",
    },
    (row) => (lastRow = row),
  );
  const every = options.progressEvery ?? 1000;
  try {
    for await (const worksheet of reader) {
      const sheetName = (worksheet as unknown as { name?: string }).name ?? "";
      const pending: { number: number; cells: RawCell[] }[] = [];
      let header: HeaderMatch | null = null;
      const rows: CheckedRow[] = [];
      let rowsRead = 0;
      for await (const row of worksheet) {
        const cells = rowCells(row.values);
        rowsRead++;
        if (!header) {
          pending.push({ number: row.number, cells });
          if (row.number < HEADER_SEARCH_ROWS) continue;
          const result = detectHeader(toSheetRows(pending));
          if (!result.ok) return result;
          header = result.match;
          for (const held of pending) if (held.number > header.headerRow && !isBlank(held.cells)) rows.push(checkRow(held.cells, header, held.number, context));
          continue;
        }
        if (!isBlank(cells)) rows.push(checkRow(cells, header, row.number, context));
        if (options.onProgress && rowsRead % every === 0) await options.onProgress({ rowsRead, rowsExpected: expected(rowsRead) });
      }
      if (!header) {
        const result = detectHeader(toSheetRows(pending));
        if (!result.ok) return result;
        header = result.match;
        for (const held of pending) if (held.number > header.headerRow && !isBlank(held.cells)) rows.push(checkRow(held.cells, header, held.number, context));
      }
      if (options.onProgress) await options.onProgress({ rowsRead, rowsExpected: rowsRead });
      if (rows.length === 0) return { ok: false, message: "表头下没有任何数据行" };
      return { ok: true, header, rows, sheetName };
    }
  } catch {
    return { ok: false, message: "文件无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏" };
  }
  return { ok: false, message: "文件中没有工作表" };
}

/** Rows by sheet number (1-based) into a 0-based array, empty rows where the sheet has none. */
function toSheetRows(held: { number: number; cells: RawCell[] }[]): RawCell[][] {
  const rows: RawCell[][] = [];
  for (const { number, cells } of held) {
    while (rows.length < number - 1) rows.push([]);
    rows[number - 1] = cells;
  }
  return rows;
}
