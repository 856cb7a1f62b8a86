import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

/**
 * Excel output where every value is written as a plain value, and text that a spreadsheet
 * would read as a formula (= + - @ at the start) is kept as text, never as a formula.
 */
export const FORMULA_LIKE = /^[=+\-@]/;

export type Column<Row> = { header: string; width: number; value: (row: Row) => string | number | null };

/** A string that a spreadsheet would read as a formula stays text: never evaluated, and kept text on edit too. */
export function keepFormulaLikeAsText(cell: ExcelJS.Cell): void {
  if (typeof cell.value === "string" && FORMULA_LIKE.test(cell.value)) {
    cell.numFmt = "@";
    cell.style = { ...cell.style, quotePrefix: true } as typeof cell.style;
  }
}

/**
 * exceljs' streaming writer: rows are written out as they are committed, so a workbook of a whole
 * county's people never sits in memory as cell objects. `finish` commits and returns the file.
 */
export function streamingWorkbook(): { writer: ExcelJS.stream.xlsx.WorkbookWriter; finish: () => Promise<Buffer> } {
  const output = new PassThrough();
  const parts: Buffer[] = [];
  output.on("data", (chunk: Buffer) => parts.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  writer.creator = "精准扶贫业务系统";
  writer.created = new Date();
  return {
    writer,
    finish: async () => {
      await writer.commit();
      await ended;
      return Buffer.concat(parts);
    },
  };
}

/**
 * A titled sheet (title row, header row, then the rows) from rows that arrive page by page, as a
 * caller reads them from the database: only one page is in memory at a time.
 */
export async function writeWorkbook<Row>(
  sheetName: string,
  title: string,
  columns: Column<Row>[],
  pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>,
): Promise<Buffer> {
  const { writer, finish } = streamingWorkbook();
  const sheet = writer.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getRow(1).getCell(1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  sheet.getRow(1).commit();
  const header = sheet.getRow(2);
  columns.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  header.font = { bold: true };
  header.commit();
  for await (const page of pages) {
    for (const row of page) {
      const added = sheet.addRow(columns.map((column) => column.value(row)));
      added.eachCell(keepFormulaLikeAsText);
      added.commit();
    }
  }
  sheet.commit();
  return finish();
}

/** A titled sheet from rows already in memory (the small exports: a dashboard table, a list page). */
export function buildWorkbook<Row>(sheetName: string, title: string, columns: Column<Row>[], rows: readonly Row[]): Promise<Buffer> {
  return writeWorkbook(sheetName, title, columns, [rows]);
}

export function xlsxResponse(buffer: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
