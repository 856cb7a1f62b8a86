import { Chart } from "@/components/dashboard/charts/chart";
import { lineOption } from "@/components/dashboard/charts/options";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { ScrollTable, Section, td, tdNumber, th, thNumber } from "./section";

/** Exits per year: the road so far. Each year opens the households that exited in it. */
export function TrendSection({ dashboard, context }: { dashboard: Dashboard; context: ViewContext }) {
  const { trend, region } = dashboard;
  const yearHref = (year: number) => context.href("exitedInYear", region, year);
  return (
    <Section title="历年脱贫户数" id="trend">
      {trend.length === 0 ? (
        <p className="text-sm text-slate-500">尚无脱贫户</p>
      ) : (
        <>
          <Chart
            title="历年脱贫户数，点击查看户"
            option={lineOption({ categories: trend.map((row) => `${row.year}`), series: [{ name: "脱贫户", values: trend.map((row) => row.households) }] })}
            links={[trend.map((row) => yearHref(row.year))]}
            width={480}
            height={240}
          />
          <ScrollTable label="历年脱贫户数">
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>年度</th>
                <th className={thNumber}>脱贫户</th>
                <th className={thNumber}>脱贫人口</th>
              </tr>
            </thead>
            <tbody>
              {trend.map((row) => (
                <tr key={row.year} className="border-t border-slate-100">
                  <td className={td}>{row.year}年</td>
                  <td className={tdNumber}>
                    <FigureLink href={yearHref(row.year)} value={row.households} label={`${row.year}年脱贫户`} />
                  </td>
                  <td className={tdNumber}>{row.people.toLocaleString("zh-CN")}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}
