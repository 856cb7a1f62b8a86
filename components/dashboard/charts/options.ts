/**
 * ECharts options for the dashboard's charts. Plain data only (no formatter functions), so an
 * option built on the server can be handed to the client island as a prop. Every number drawn
 * is formatted here with the dashboard's own rules (lib/dashboard/rules.ts), so a chart shows
 * the same digits as the table beside it — ECharts' own pie percentages would not always
 * agree (it distributes the rounding so that the slices add up to 100 %).
 *
 * Print is often greyscale: the palette alternates dark and light colours, bars and slices get
 * ECharts' decal patterns, and lines differ in dash and symbol.
 */
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { formatCount, percentText } from "@/lib/dashboard/rules";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export type ChartSeries = { name: string; values: number[] };

/** Lightness (CIE L*) 26, 70, 46, 85, 34, 58, 79, 46: neighbours differ by at least 12. */
export const CHART_PALETTE = ["#1f3b73", "#e89c2f", "#2e6fb7", "#f4d35e", "#8c2d3e", "#4c9a6a", "#a8c8e8", "#6d6d6d"];

/** Single quotes only: ECharts writes the stack into an SVG style="…" attribute unescaped. */
export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

const TEXT_COLOR = "#1e293b";
const AXIS_COLOR = "#475569";
/** Wider names are cut with "…" on the axis; the tooltip shows them whole. */
const CATEGORY_LABEL_WIDTH = 84;
const ROTATE_WHEN_MORE_THAN = 4;
/** A white outline keeps a label readable where it crosses a line or a pattern. */
const HALO = { textBorderColor: "#ffffff", textBorderWidth: 2 };
const LINE_DASHES = ["solid", "dashed", "dotted"] as const;
const LINE_SYMBOLS = ["circle", "rect", "triangle", "diamond", "roundRect", "pin"];

function baseOption(): ChartOption {
  return {
    animation: false,
    color: CHART_PALETTE,
    textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 12, color: TEXT_COLOR },
    aria: { enabled: true, decal: { show: true } },
    tooltip: { confine: true },
  };
}

/** A name inside a label or tooltip template: braces would start an ECharts template or rich-text tag. */
function templateSafe(text: string): string {
  return text.replace(/\{/g, "｛").replace(/\}/g, "｝");
}

/** Tooltip formatter strings are inserted as HTML. */
function htmlSafe(text: string): string {
  return templateSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function legendFor(series: readonly { name: string }[]): LegendComponentOption | undefined {
  return series.length > 1 ? { top: 0, type: "plain", textStyle: { color: TEXT_COLOR } } : undefined;
}

function assertAligned(categories: readonly string[], series: readonly ChartSeries[]): void {
  for (const { name, values } of series) {
    if (values.length !== categories.length) throw new RangeError(`Series "${name}" has ${values.length} values for ${categories.length} categories`);
  }
}

// ---------------------------------------------------------------------------

export type BarInput = { categories: string[]; series: ChartSeries[]; horizontal?: boolean; unit?: string; stack?: boolean };

/** Bars per category (townships, villages), each labelled with its number. */
export function barOption({ categories, series, horizontal = false, unit, stack = false }: BarInput): ChartOption {
  assertAligned(categories, series);
  const rotate = !horizontal && categories.length > ROTATE_WHEN_MORE_THAN ? 35 : 0;
  const categoryAxis = {
    type: "category" as const,
    data: categories,
    inverse: horizontal, // first category at the top, as in the table
    axisTick: { alignWithLabel: true },
    axisLabel: { interval: 0, rotate, width: CATEGORY_LABEL_WIDTH, overflow: "truncate" as const, ellipsis: "…", color: AXIS_COLOR },
  };
  const valueAxis = { type: "value" as const, minInterval: 1, name: unit, nameTextStyle: { color: AXIS_COLOR }, axisLabel: { color: AXIS_COLOR } };
  const labelPosition = stack ? "inside" : horizontal ? "right" : "top";
  // A stacked segment thinner than 1/25 of the tallest stack has no room for its number (the tooltip and the table have it).
  const tallestStack = stack ? Math.max(0, ...categories.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0))) : 0;
  const labelled = (value: number) => !stack || (value > 0 && value * 25 >= tallestStack);

  const bars: BarSeriesOption[] = series.map(({ name, values }) => ({
    type: "bar",
    name,
    stack: stack ? "total" : undefined,
    barMaxWidth: 36,
    label: { show: true, position: labelPosition, color: stack ? undefined : TEXT_COLOR },
    labelLayout: { hideOverlap: true },
    data: values.map((value) => ({ value, label: { formatter: formatCount(value), show: labelled(value) } })),
  }));

  return {
    ...baseOption(),
    tooltip: { confine: true, trigger: "axis", axisPointer: { type: "shadow" } },
    legend: legendFor(series),
    grid: { top: series.length > 1 ? 36 : unit && !horizontal ? 36 : 16, right: horizontal ? 48 : 16, bottom: 8, left: 8 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: bars,
  };
}

// ---------------------------------------------------------------------------

export type PieInput = {
  items: { name: string; value: number }[];
  unit?: string;
  /** The whole the shares are of, as the table beside divides by (e.g. all registered households); default the items' sum. */
  total?: number;
};

/** Shares of a whole (致贫原因): each slice labelled with its name, count and share. */
export function pieOption({ items, unit = "", total = items.reduce((sum, item) => sum + item.value, 0) }: PieInput): ChartOption {
  const data: PieSeriesOption["data"] = items.map(({ name, value }) => {
    const share = percentText(value, total);
    const amount = `${formatCount(value)}${unit}`;
    return {
      name,
      value,
      // A zero slice stays in the data, so that data indices match the caller's links.
      label: { show: value > 0, formatter: `${templateSafe(name)}\n${amount} ${share}` },
      labelLine: { show: value > 0 },
      tooltip: { formatter: `${htmlSafe(name)}：${amount}（${share}）` },
    };
  });
  return {
    ...baseOption(),
    tooltip: { confine: true, trigger: "item" },
    series: [
      {
        type: "pie",
        radius: "52%",
        center: ["50%", "52%"],
        avoidLabelOverlap: true,
        label: { show: true, color: TEXT_COLOR, lineHeight: 16 },
        data,
      },
    ],
  };
}

// ---------------------------------------------------------------------------

export type ProgressInput = { label: string; achieved: number; target: number };

/**
 * Progress against an annual target (年度减贫任务): one bar, the achieved part dark and the
 * remainder light, with a line at the target. More than the target extends past the line.
 */
export function progressOption({ label, achieved, target }: ProgressInput): ChartOption {
  const remaining = Math.max(0, target - achieved);
  const scale = Math.max(target, achieved, 1);
  // A label goes inside its part when the part is wide enough, otherwise just right of it.
  // The outline keeps the white text readable where a narrow screen lets it run onto the light part.
  const achievedInside = achieved * 2 >= scale;
  const remainingInside = remaining * 4 >= scale;
  return {
    ...baseOption(),
    tooltip: { confine: true, trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { top: 28, right: 80, bottom: 8, left: 8 },
    xAxis: { type: "value", min: 0, max: scale, minInterval: 1, splitLine: { show: false }, axisLabel: { color: AXIS_COLOR } },
    yAxis: { type: "category", data: [label], axisTick: { show: false }, axisLabel: { color: TEXT_COLOR, fontSize: 13 } },
    series: [
      {
        type: "bar",
        name: "已完成",
        stack: "progress",
        barWidth: 28,
        itemStyle: { color: CHART_PALETTE[0] },
        label: {
          show: true,
          position: achievedInside ? "insideLeft" : "right",
          color: achievedInside ? "#ffffff" : TEXT_COLOR,
          textBorderColor: achievedInside ? CHART_PALETTE[0] : "#ffffff",
          textBorderWidth: 2,
          formatter: `${formatCount(achieved)}（${percentText(achieved, target)}）`,
        },
        data: [achieved],
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { color: TEXT_COLOR, type: "dashed", width: 2 },
          label: { position: "end", color: TEXT_COLOR, formatter: `目标 ${formatCount(target)}` },
          data: [{ xAxis: target }],
        },
      },
      {
        type: "bar",
        name: "剩余",
        stack: "progress",
        barWidth: 28,
        itemStyle: { color: "#d5dbe6" },
        label: { show: remaining > 0, position: remainingInside ? "insideRight" : "right", color: TEXT_COLOR, formatter: `剩余 ${formatCount(remaining)}` },
        data: [remaining],
      },
    ],
  };
}

// ---------------------------------------------------------------------------

export type LineInput = { categories: string[]; series: ChartSeries[] };

/** A trend over the years (exits per year), each point labelled with its number. */
export function lineOption({ categories, series }: LineInput): ChartOption {
  assertAligned(categories, series);
  const lines: LineSeriesOption[] = series.map(({ name, values }, index) => ({
    type: "line",
    name,
    symbol: LINE_SYMBOLS[index % LINE_SYMBOLS.length],
    symbolSize: 8,
    lineStyle: { width: 2, type: LINE_DASHES[index % LINE_DASHES.length] },
    label: { show: true, position: "top", color: TEXT_COLOR, ...HALO },
    labelLayout: { hideOverlap: true },
    data: values.map((value) => ({ value, label: { formatter: formatCount(value) } })),
  }));
  return {
    ...baseOption(),
    tooltip: { confine: true, trigger: "axis" },
    legend: legendFor(series),
    grid: { top: series.length > 1 ? 40 : 24, right: 24, bottom: 8, left: 8 },
    xAxis: { type: "category", data: categories, axisLabel: { color: AXIS_COLOR } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: AXIS_COLOR } },
    series: lines,
  };
}

// ---------------------------------------------------------------------------

/** The links of a chart, [seriesIndex][dataIndex] → the drill-down href, or null where there is none. */
export type ChartLinks = (string | null)[][];

/** The pointer cursor only over series that have somewhere to go. */
export function withLinkCursors(option: ChartOption, links: ChartLinks): ChartOption {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return { ...option, series: series.map((s, index) => ({ ...s, cursor: links[index]?.some(Boolean) ? "pointer" : "default" })) };
}
