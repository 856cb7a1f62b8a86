import { Chart } from "@/components/dashboard/charts/chart";
import { pieOption } from "@/components/dashboard/charts/options";
import { causeFigure } from "@/lib/dashboard/figures";
import { valueOf, type RegionSummary } from "@/lib/dashboard/queries";
import { formatCount, percentText } from "@/lib/dashboard/rules";
import { POVERTY_CAUSE } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { ExportLink, ScrollTable, Section, td, tdNumber, th, thNumber } from "./section";

/** 致贫原因 shares of the registered households, by households and by people ("因病 947户2112人，占55.9%"). */
export function CauseSection({ region, context, exportHref }: { region: RegionSummary; context: ViewContext; exportHref: string }) {
  const registered = valueOf(region.figures, "registered");
  const rows = POVERTY_CAUSE.codes
    .map((cause) => ({ cause, value: valueOf(region.figures, causeFigure(cause)) }))
    .filter((row) => row.value.households > 0)
    .sort((a, b) => b.value.households - a.value.households);
  return (
    <Section title="致贫原因构成（主要致贫原因）" id="causes" actions={<ExportLink href={exportHref} />}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">暂无建档立卡户</p>
      ) : (
        <>
          <Chart
            title="主要致贫原因户数占比，点击查看户"
            option={pieOption({
              items: rows.map((row) => ({ name: POVERTY_CAUSE.label(row.cause), value: row.value.households })),
              total: registered.households,
            })}
            links={[rows.map((row) => context.href(causeFigure(row.cause), region))]}
            width={480}
            height={300}
          />
          <ScrollTable label="致贫原因构成">
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>致贫原因</th>
                <th className={thNumber}>户数</th>
                <th className={thNumber}>占户数</th>
                <th className={thNumber}>人数</th>
                <th className={thNumber}>占人数</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.cause} className="border-t border-slate-100">
                  <td className={td}>{POVERTY_CAUSE.label(row.cause)}</td>
                  <td className={tdNumber}>
                    <FigureLink href={context.href(causeFigure(row.cause), region)} value={row.value.households} label={POVERTY_CAUSE.label(row.cause)} />
                  </td>
                  <td className={tdNumber}>{percentText(row.value.households, registered.households)}</td>
                  <td className={tdNumber}>{formatCount(row.value.people)}</td>
                  <td className={tdNumber}>{percentText(row.value.people, registered.people)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}
