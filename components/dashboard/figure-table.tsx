"use client";

import { figureListHref, type DrillDownList, type DrillDownRegion } from "@/lib/dashboard/list-href";
import { formatCount } from "@/lib/dashboard/rules";
import { ScrollTable } from "./section";

/**
 * A figure that opens the list it counted (the column's figure and the table's year unless the
 * cell names others; a bare number is the column's figure), or plain text.
 */
export type FigureCell = number | { figure?: string; value: number; year?: number; note?: string } | { text: string; note?: string; muted?: boolean };

export type FigureColumn = {
  label: string;
  /** The figure its numbers count (lib/dashboard/figures.ts), unless a cell names its own. */
  figure?: string;
  /** Read out after the row's name by a screen reader: "石桥镇" + "未达到不愁吃" (default: the label). */
  spoken?: string;
};

export type FigureRow = {
  key: string;
  /** The row header: a region, a cause, a year … */
  name: string;
  /** The region whose figures the row's links open. */
  region: DrillDownRegion;
  /** The row header as a link (a child region's dashboard). */
  nameHref?: string;
  badge?: string;
  /** A sum row, or a row of the reader's own work (包片). */
  tone?: "total" | "highlight";
  testId?: string;
  cells: FigureCell[];
};

const ROW_TONE = { total: "bg-slate-50 font-medium", highlight: "bg-amber-50 print:bg-white" } as const;

type Props = {
  label: string;
  /** The header of the row-name column. */
  head: string;
  year: number;
  /** The list every figure of the table opens (lib/dashboard/drill-down.ts#drillDownListOf). */
  list: DrillDownList;
  columns: FigureColumn[];
  rows: FigureRow[];
};

/**
 * A table of dashboard figures, each a link to the list it counted. A client component so that
 * the page's React payload carries each table's numbers once, as data, instead of the rendered
 * tree beside the HTML (bench/RESULTS.md); it is rendered on the server like any other.
 */
export function FigureTable({ label, head, year, list, columns, rows }: Props) {
  return (
    <ScrollTable label={label}>
      <thead className="bg-slate-50">
        <tr>
          <th>{head}</th>
          {columns.map((column) => (
            <th key={column.label} className="num">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.tone ? ROW_TONE[row.tone] : undefined} data-testid={row.testId}>
            <td>
              {row.nameHref ? (
                <a href={row.nameHref} className="font-medium text-brand-700 hover:underline print:text-slate-900">
                  {row.name}
                </a>
              ) : (
                row.name
              )}
              {row.badge ? (
                <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-900 print:border print:border-slate-500 print:bg-white">{row.badge}</span>
              ) : null}
            </td>
            {row.cells.map((cell, index) => (
              <td key={columns[index].label} className="num">
                <Cell cell={typeof cell === "number" ? { value: cell } : cell} column={columns[index]} row={row} year={year} list={list} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Cell({
  cell,
  column,
  row,
  year,
  list,
}: {
  cell: Exclude<FigureCell, number>;
  column: FigureColumn;
  row: FigureRow;
  year: number;
  list: DrillDownList;
}) {
  const note = cell.note ? <span className="ml-1 text-xs text-slate-500">{cell.note}</span> : null;
  if ("text" in cell) {
    return (
      <>
        <span className={cell.muted ? "text-amber-700" : undefined}>{cell.text}</span>
        {note}
      </>
    );
  }
  const figure = cell.figure ?? column.figure;
  if (!figure) throw new RangeError(`表“${column.label}”列的数字没有统计口径`);
  return (
    <>
      <a
        href={figureListHref(list, figure, cell.year ?? year, row.region)}
        className="fig-link"
        aria-label={`${row.name}${column.spoken ?? column.label}：${cell.value}，查看清单`}
      >
        {formatCount(cell.value)}
      </a>
      {note}
    </>
  );
}
