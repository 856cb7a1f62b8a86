import type { RegionSummary } from "@/lib/dashboard/queries";
import { REGION_LEVEL } from "@/lib/domain/codes";
import { countOf, monitoringFigureHref, type FigureRegion, type MonitoringFigureKind, type MonitoringFigures } from "@/lib/monitoring/figure-links";
import { FigureLink } from "./figure-link";
import { MonitoringTable } from "./monitoring-table";
import { Section } from "./section";

type Column = { code: string; label: string; kind: MonitoringFigureKind; unit: string };

const asRegion = (region: RegionSummary): FigureRegion => ({ level: region.level as FigureRegion["level"], code: region.code, townshipCode: null });

/**
 * 防止返贫监测 on the 挂图作战 page: objects by category, risks by type, 预警 open and overdue, 消除 this year and
 * 风险未对应措施, for the region and each child; every number opens the list of exactly what it counted. Counted live
 * from the monitoring tables (docs/decisions/031-monitoring-channels-and-figures.md), not from the snapshot.
 */
export function MonitoringSection({
  figures,
  region,
  regions: children,
  childLevel,
}: {
  figures: MonitoringFigures;
  region: RegionSummary;
  regions: RegionSummary[];
  childLevel: string | null;
}) {
  const monitored: Column = { code: "monitored", label: "监测中", kind: "object", unit: "户" };
  const columns: Column[] = [
    monitored,
    ...figures.categories.map((figure) => ({ ...figure, kind: "object" as const, unit: "户" })),
    { code: "pending", label: "待识别", kind: "object", unit: "户" },
    { code: "warningsOpen", label: "待核实预警", kind: "warningsOpen", unit: "条" },
    { code: "warningsOverdue", label: "超期未核实申报", kind: "warningsOverdue", unit: "条" },
    { code: "eliminated", label: `${figures.year}年消除`, kind: "object", unit: "户" },
    { code: "unmatched", label: "风险未对应措施", kind: "unmatched", unit: "户" },
  ];
  // Per township (or village): the figures a leader compares side by side; the categories, 待识别, 消除 and the
  // risk types are the region's own (each child's are one click away, on its dashboard).
  const perChild: Column[] = [{ code: "monitored", label: "监测中", kind: "object", unit: "户" }, ...columns.filter((column) => column.kind !== "object")];
  const href = (column: { code: string; kind: MonitoringFigureKind }, target: RegionSummary) =>
    monitoringFigureHref(column.kind, asRegion(target), column.code);
  const risks = figures.risks.filter((risk) => countOf(figures, region.code, risk.code) > 0);
  return (
    <Section title="防止返贫动态监测" id="monitoring" wide>
      <p className="mb-3 text-xs text-slate-500">
        实时统计；户数为监测中的对象（待识别、消除另列）。农户自主申报超过 {figures.selfApplicationDays} 天未核实即为超期。
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-9">
        {columns.map((column) => (
          <div key={column.code} className="rounded-lg border border-slate-200 p-2 print:border-slate-400">
            <dt className="text-xs text-slate-500">{column.label}</dt>
            <dd className="text-lg font-semibold">
              <FigureLink
                href={href(column, region)}
                value={countOf(figures, region.code, column.code)}
                unit={column.unit}
                label={column.label}
                className={column.code === "warningsOverdue" && countOf(figures, region.code, column.code) > 0 ? "text-red-700" : ""}
              />
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-sm font-medium text-slate-700">监测中对象的风险类型（一户可有多项）</h3>
      {risks.length === 0 ? (
        <p className="text-sm text-slate-500">没有未消除的风险</p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="风险类型">
          {risks.map((risk) => (
            <li key={risk.code} className="flex min-h-11 items-center gap-1 rounded-md border border-slate-200 px-3">
              <span>{risk.label}</span>
              <FigureLink
                href={href({ code: risk.code, kind: "object" }, region)}
                value={countOf(figures, region.code, risk.code)}
                unit="户"
                label={risk.label}
              />
            </li>
          ))}
        </ul>
      )}
      {childLevel && children.length > 0 ? (
        <>
          <h3 className="mt-4 text-sm font-medium text-slate-700">各{REGION_LEVEL.label(childLevel as RegionSummary["level"])}</h3>
          <MonitoringTable
            label={`各${REGION_LEVEL.label(childLevel as RegionSummary["level"])}防止返贫监测`}
            head={REGION_LEVEL.label(childLevel as RegionSummary["level"])}
            columns={perChild.map(({ code, label, kind }) => ({ code, label, kind }))}
            rows={children.map((child) => ({
              region: asRegion(child),
              name: child.name,
              counts: perChild.map((column) => countOf(figures, child.code, column.code)),
            }))}
          />
        </>
      ) : null}
    </Section>
  );
}
