import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { FUNDING_SOURCE, POVERTY_CAUSE, REGION_LEVEL } from "@/lib/domain/codes";
import { notMetLabel } from "@/lib/exits/criterion";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import { buildWorkbook, type Column } from "@/lib/exports/workbook";
import { causeFigure, failsFigure, fundFigure } from "./figures";
import { valueOf, type Dashboard, type RegionSummary } from "./queries";
import { formatFenAsWanYuan, incidence, percentText } from "./rules";
import { loadDashboardView } from "./view";

/** The tables of the 挂图作战 page as Excel files: the same figures as on screen, through the safe-cell workbook. */
export const DASHBOARD_TABLES = ["regions", "shortfalls", "causes", "funds"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const CRITERIA = Object.keys(EXIT_CRITERION_LABELS) as ExitCriterionCode[];
const count = (code: string) => (row: RegionSummary) => valueOf(row.figures, code).households;

function regionColumns(dashboard: Dashboard): Column<RegionSummary>[] {
  return [
    {
      header: dashboard.childLevel ? REGION_LEVEL.label(dashboard.childLevel) : "区域",
      width: 14,
      value: (row) => (row === dashboard.region ? `合计（${row.name}）` : row.name),
    },
    { header: "建档立卡户", width: 11, value: count("registered") },
    { header: "建档立卡人口", width: 12, value: (row) => valueOf(row.figures, "registered").people },
    { header: "未脱贫户", width: 10, value: count("remaining") },
    { header: "未脱贫人口", width: 11, value: (row) => valueOf(row.figures, "remaining").people },
    { header: "贫困发生率", width: 22, value: (row) => incidence(valueOf(row.figures, "remaining").people, row.population).text },
    { header: "当年脱贫户", width: 11, value: count("exitedInYear") },
    { header: "当年脱贫人口", width: 12, value: (row) => valueOf(row.figures, "exitedInYear").people },
    { header: "当年任务（户）", width: 12, value: (row) => row.target?.households ?? "未下达" },
    { header: "当年任务（人）", width: 12, value: (row) => row.target?.people ?? "未下达" },
    { header: "累计脱贫户", width: 11, value: count("exitedTotal") },
    { header: "返贫户", width: 8, value: count("returned") },
    { header: "施策不精准户", width: 12, value: count("uncovered") },
    { header: "超期未走访户", width: 12, value: count("visitOverdue") },
  ];
}

function shortfallColumns(dashboard: Dashboard): Column<RegionSummary>[] {
  return [
    {
      header: dashboard.childLevel ? REGION_LEVEL.label(dashboard.childLevel) : "区域",
      width: 14,
      value: (row) => (row === dashboard.region ? `合计（${row.name}）` : row.name),
    },
    { header: "当前未脱贫户", width: 12, value: count("open") },
    ...CRITERIA.map((criterion) => ({ header: notMetLabel(EXIT_CRITERION_LABELS[criterion]), width: 16, value: count(failsFigure(criterion)) })),
    { header: "至少一项未达标", width: 14, value: count("failsAny") },
  ];
}

type CauseRow = { label: string; households: number; people: number; householdShare: string; peopleShare: string };
type FundRow = { label: string; amount: string; amountYuan: number; households: number };

export async function exportDashboardTable(
  actor: Actor,
  params: Record<string, string | undefined>,
  table: DashboardTable,
): Promise<{ buffer: Buffer; title: string }> {
  const { dashboard } = await loadDashboardView(actor, params);
  const { region, year } = dashboard;
  const scope = `${region.name}，${year}年`;
  switch (table) {
    case "regions": {
      const title = `各${dashboard.childLevel ? REGION_LEVEL.label(dashboard.childLevel) : "区域"}情况（${scope}）`;
      return { title, buffer: await buildWorkbook("各地情况", title, regionColumns(dashboard), [...dashboard.children, region]) };
    }
    case "shortfalls": {
      const title = `短板清单（${region.name}，当前未脱贫户）`;
      return { title, buffer: await buildWorkbook("短板清单", title, shortfallColumns(dashboard), [...dashboard.children, region]) };
    }
    case "causes": {
      const registered = valueOf(region.figures, "registered");
      const rows: CauseRow[] = POVERTY_CAUSE.codes.map((cause) => {
        const value = valueOf(region.figures, causeFigure(cause));
        return {
          label: POVERTY_CAUSE.label(cause),
          households: value.households,
          people: value.people,
          householdShare: percentText(value.households, registered.households),
          peopleShare: percentText(value.people, registered.people),
        };
      });
      const title = `致贫原因构成（${scope}）`;
      const columns: Column<CauseRow>[] = [
        { header: "主要致贫原因", width: 14, value: (row) => row.label },
        { header: "户数", width: 10, value: (row) => row.households },
        { header: "占户数", width: 10, value: (row) => row.householdShare },
        { header: "人数", width: 10, value: (row) => row.people },
        { header: "占人数", width: 10, value: (row) => row.peopleShare },
      ];
      return { title, buffer: await buildWorkbook("致贫原因", title, columns, rows) };
    }
    case "funds": {
      const rows: FundRow[] = FUNDING_SOURCE.codes.map((source) => {
        const value = valueOf(region.figures, fundFigure(source));
        return {
          label: FUNDING_SOURCE.label(source),
          amount: formatFenAsWanYuan(value.amountFen),
          amountYuan: Number(value.amountFen) / 100,
          households: value.households,
        };
      });
      const title = `帮扶资金按来源（${region.name}，实施中和已完成的措施）`;
      const columns: Column<FundRow>[] = [
        { header: "资金来源", width: 16, value: (row) => row.label },
        { header: "金额（万元）", width: 16, value: (row) => row.amount },
        { header: "金额（元）", width: 16, value: (row) => row.amountYuan },
        { header: "受益户", width: 10, value: (row) => row.households },
      ];
      return { title, buffer: await buildWorkbook("帮扶资金", title, columns, rows) };
    }
  }
}
