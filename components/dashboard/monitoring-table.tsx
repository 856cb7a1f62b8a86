"use client";

import { formatCount } from "@/lib/dashboard/rules";
import { monitoringFigureHref, type FigureRegion, type MonitoringFigureKind } from "@/lib/monitoring/figure-links";
import { ScrollTable } from "./section";

export type MonitoringColumn = { code: string; label: string; kind: MonitoringFigureKind };
export type MonitoringRow = { region: FigureRegion; name: string; counts: number[] };

/**
 * The monitoring figures of each child region, each a link to the list it counted. A client component for the
 * same reason as FigureTable: the page's React payload carries the numbers once, as data, and each link is built
 * here with the one href function the figures' lists use (lib/monitoring/figure-links.ts).
 */
export function MonitoringTable({ label, head, columns, rows }: { label: string; head: string; columns: MonitoringColumn[]; rows: MonitoringRow[] }) {
  return (
    <ScrollTable label={label}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {columns.map((column) => (
            <th key={column.code} scope="col" className="num">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.region.code}>
            <th scope="row">{row.name}</th>
            {columns.map((column, index) => (
              <td key={column.code} className="num">
                <a
                  href={monitoringFigureHref(column.kind, row.region, column.code)}
                  className="fig-link"
                  aria-label={`${row.name}${column.label}：${row.counts[index]}，查看清单`}
                >
                  {formatCount(row.counts[index])}
                </a>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
