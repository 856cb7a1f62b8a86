import ExcelJS from "exceljs";

/**
 * Excel output where every value is written as a plain value, and text that a spreadsheet
 * would read as a formula (= + - @ at the start) is kept as text, never as a formula.
 */
export const FORMULA_LIKE = /^[=+\-@]/;

export type Column<Row> = { header: string; width: number; value: (row: Row) => string | number | null };

export async function buildWorkbook<Row>(sheetName: string, title: string, columns: Column<Row>[], rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "精准扶贫业务系统";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const header = sheet.getRow(2);
  columns.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  header.font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((column) => column.value(row)));
    added.eachCell((cell) => {
      if (typeof cell.value === "string" && FORMULA_LIKE.test(cell.value)) {
        // A string cell is never evaluated; the text number format and the quote prefix keep it text on edit too.
        cell.numFmt = "@";
        cell.style = { ...cell.style, quotePrefix: true } as typeof cell.style;
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
