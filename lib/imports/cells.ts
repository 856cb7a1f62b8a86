/**
 * What a spreadsheet cell holds, reduced to what the checks need. exceljs hands over strings,
 * numbers, Dates, rich text, hyperlinks, formulas with cached results and error values; this is
 * the only place that knows those shapes.
 */
export type RawCell =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: Date }
  | { kind: "bool"; value: boolean }
  | { kind: "error"; text: string };

export const EMPTY: RawCell = { kind: "empty" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return value.trim() === "" ? EMPTY : { kind: "text", text: value.trim() };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : { kind: "error", text: String(value) };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (value instanceof Date) return { kind: "date", value };
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      return toRawCell(value.richText.map((part: unknown) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join(""));
    }
    if ("formula" in value || "sharedFormula" in value) return toRawCell(value.result);
    if ("error" in value) return { kind: "error", text: String(value.error) };
    if ("text" in value) return toRawCell(value.text);
  }
  return { kind: "error", text: String(value) };
}

/** The text a person sees in the cell; numbers as JavaScript writes them (shortest round-trip form). */
export function cellText(cell: RawCell): string {
  switch (cell.kind) {
    case "empty":
      return "";
    case "text":
    case "error":
      return cell.text;
    case "number":
      return String(cell.value);
    case "bool":
      return cell.value ? "是" : "否";
    case "date":
      return cell.value.toISOString().slice(0, 10);
  }
}

/** exceljs row.values is 1-based with holes; returns a 0-based array of raw cells. */
export function rowCells(values: unknown): RawCell[] {
  if (!Array.isArray(values)) return [];
  const cells: RawCell[] = [];
  for (let index = 1; index < values.length; index++) cells.push(toRawCell(values[index]));
  return cells;
}
