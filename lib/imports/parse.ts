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

/** What a streaming read reports at the end; the rows themselves went to `onRow` one by one. */
export type ReadResult = { ok: true; header: HeaderMatch; rowCount: number; sheetName: string } | { ok: false; message: string };

export type ReadOptions = {
  onProgress?: (progress: ParseProgress) => void | Promise<void>;
  progressEvery?: number;
  totalBytes?: number;
};

function isBlank(cells: RawCell[]): boolean {
  return cells.every((cell) => cell.kind === "empty");
}

/** Reads and checks every data row and keeps them all: for small files and tests (the import itself streams, readNationalWorkbook). */
export async function parseNationalWorkbook(input: Readable, context: RuleContext, options: ReadOptions = {}): Promise<ParseResult> {
  const rows: CheckedRow[] = [];
  const result = await readNationalWorkbook(input, context, { ...options, onRow: (row) => void rows.push(row) });
  return result.ok ? { ok: true, header: result.header, rows, sheetName: result.sheetName } : result;
}

/**
 * Reads and checks every data row, handing each to `onRow` as it arrives (awaited, so a slow
 * consumer holds the reader back and nothing piles up); `onProgress` is called every `progressEvery` rows.
 */
export async function readNationalWorkbook(
  input: Readable,
  context: RuleContext,
  options: ReadOptions & { onRow: (row: CheckedRow) => void | Promise<void> },
): Promise<ReadResult> {
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
      let rowCount = 0;
      const emit = async (row: CheckedRow) => {
        rowCount++;
        await consume(() => options.onRow(row));
      };
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
          for (const held of pending)
            if (held.number > header.headerRow && !isBlank(held.cells)) await emit(checkRow(held.cells, header, held.number, context));
          pending.length = 0;
          continue;
        }
        if (!isBlank(cells)) await emit(checkRow(cells, header, row.number, context));
        if (options.onProgress && rowsRead % every === 0) await consume(() => options.onProgress!({ rowsRead, rowsExpected: expected(rowsRead) }));
      }
      if (!header) {
        const result = detectHeader(toSheetRows(pending));
        if (!result.ok) return result;
        header = result.match;
        for (const held of pending) if (held.number > header.headerRow && !isBlank(held.cells)) await emit(checkRow(held.cells, header, held.number, context));
      }
      if (options.onProgress) await consume(() => options.onProgress!({ rowsRead, rowsExpected: rowsRead }));
      if (rowCount === 0) return { ok: false, message: "表头下没有任何数据行" };
      return { ok: true, header, rowCount, sheetName };
    }
  } catch (error) {
    // A failure of the consumer (the database) is not a broken file.
    if (error instanceof ConsumerError) throw error.cause;
    return { ok: false, message: "文件无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏" };
  }
  return { ok: false, message: "文件中没有工作表" };
}

class ConsumerError extends Error {
  constructor(cause: unknown) {
    super("the consumer of the rows failed", { cause });
  }
}

async function consume(work: () => void | Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new ConsumerError(error);
  }
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
