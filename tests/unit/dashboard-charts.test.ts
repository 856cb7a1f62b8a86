import { isValidElement, type ReactElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { Chart } from "@/components/dashboard/charts/chart";
import { chartVersion } from "@/components/dashboard/charts/chart-version";
import { DASHBOARD_CHARTS, isDashboardChartName, type ChartSpec } from "@/components/dashboard/charts/dashboard-charts";
import { barOption, CHART_FONT_FAMILY, lineOption, pieOption, progressOption, withLinkCursors, type ChartOption } from "@/components/dashboard/charts/options";
import { renderChartSvg } from "@/components/dashboard/charts/render-svg";
import type { Dashboard } from "@/lib/dashboard/queries";

const SIZE = { width: 640, height: 400 };

/** The strings drawn as text in the SVG (entities decoded), in document order. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

function seriesOf(option: ChartOption): Record<string, unknown>[] {
  const series = option.series;
  return (Array.isArray(series) ? series : [series]) as Record<string, unknown>[];
}

function expectGreyscaleAids(option: ChartOption) {
  expect(option.aria).toEqual({ enabled: true, decal: { show: true } });
  expect(JSON.stringify(option.textStyle)).toContain("Noto Sans CJK SC");
}

/** Builders must produce plain data: the option is passed as-is to a client component. */
function expectJsonSerialisable(option: ChartOption) {
  expect(JSON.parse(JSON.stringify(option))).toEqual(option);
}

describe("barOption", () => {
  const townships = ["城关镇", "石门乡", "龙潭镇"];

  it("renders the townships with their numbers as labels", () => {
    const option = barOption({ categories: townships, series: [{ name: "未脱贫户", values: [1234, 56, 0] }], unit: "户" });
    const svg = renderChartSvg(option, SIZE);
    const texts = svgTexts(svg);
    expect(svg.startsWith("<svg")).toBe(true);
    for (const name of townships) expect(texts).toContain(name);
    expect(texts).toContain("1,234");
    expect(texts).toContain("56");
    expect(texts).toContain("户");
    expectGreyscaleAids(option);
    expectJsonSerialisable(option);
  });

  it("renders horizontal bars with the first category at the top", () => {
    const option = barOption({ categories: townships, series: [{ name: "未脱贫户", values: [30, 20, 10] }], horizontal: true });
    const svg = renderChartSvg(option, SIZE);
    const yOf = (name: string) => Number(new RegExp(`translate\\([\\d.]+ ([\\d.]+)\\)[^>]*>${name}<`).exec(svg)?.[1]);
    expect(yOf("城关镇")).toBeLessThan(yOf("石门乡"));
    expect(yOf("石门乡")).toBeLessThan(yOf("龙潭镇"));
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["30", "20", "10"]));
  });

  it("stacks the series when asked, with a legend naming each, and no number on a segment too thin for it", () => {
    const option = barOption({
      categories: townships,
      series: [
        { name: "一般贫困户", values: [700, 400, 30] },
        { name: "低保贫困户", values: [1500, 0, 90] },
      ],
      stack: true,
    });
    expect(seriesOf(option).map((s) => s.stack)).toEqual(["total", "total"]);
    const texts = svgTexts(renderChartSvg(option, SIZE));
    expect(texts).toEqual(expect.arrayContaining(["一般贫困户", "低保贫困户", "700", "1,500", "400", "90"]));
    // 30 of a tallest stack of 2,200 is under 1/25: its label would overlap the next one.
    expect(texts).not.toContain("30");
    // A zero segment has no height: its label would sit on the neighbour's. The one "0" is the axis tick.
    expect(texts.filter((t) => t === "0")).toHaveLength(1);
  });

  it("puts a different decal on each series so print in greyscale tells them apart", () => {
    const option = barOption({
      categories: townships,
      series: [
        { name: "A", values: [1, 2, 3] },
        { name: "B", values: [3, 2, 1] },
      ],
    });
    const svg = renderChartSvg(option, SIZE);
    const patterns = new Set(svg.match(/fill="url\(#[^)]+\)"/g));
    expect(patterns.size).toBe(2);
  });

  it("truncates a long township name on the axis and keeps it whole for the tooltip", () => {
    const long = "某某某某某某某某某某某某民族乡";
    const option = barOption({ categories: ["城关镇", long], series: [{ name: "未脱贫户", values: [5, 6] }] });
    const texts = svgTexts(renderChartSvg(option, SIZE));
    expect(texts).toContain("城关镇");
    expect(texts).not.toContain(long);
    const shortened = texts.find((t) => t.startsWith("某某") && t.endsWith("…"));
    expect(shortened).toBeDefined();
    expect(shortened!.length).toBeLessThan(long.length);
    // The axis tooltip is headed by the category value itself, which is the full name.
    expect(option.tooltip).toMatchObject({ trigger: "axis" });
    expect((option.xAxis as { data: string[] }).data).toContain(long);
  });

  it("rotates the labels of many vertical bars", () => {
    const many = Array.from({ length: 12 }, (_, i) => `第${i + 1}镇`);
    const option = barOption({ categories: many, series: [{ name: "未脱贫户", values: many.map((_, i) => i) }] });
    expect((option.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBeGreaterThan(0);
    const svg = renderChartSvg(option, SIZE);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(many));
    expect(svg).toMatch(/rotate\(|matrix\(/);
  });

  it("refuses series whose length differs from the categories", () => {
    expect(() => barOption({ categories: townships, series: [{ name: "未脱贫户", values: [1, 2] }] })).toThrow(RangeError);
  });
});

describe("pieOption", () => {
  const causes = [
    { name: "因病", value: 947 },
    { name: "因学", value: 400 },
    { name: "缺技术", value: 347 },
  ];

  it("labels each cause with its name and its share, computed like the tables (half up to 0.01 %)", () => {
    const option = pieOption({ items: causes, unit: "户" });
    const texts = svgTexts(renderChartSvg(option, SIZE));
    for (const { name } of causes) expect(texts).toContain(name);
    // 947 / 1694 = 55.903…%, 400 / 1694 = 23.612…%, 347 / 1694 = 20.484…%
    expect(texts).toEqual(expect.arrayContaining(["947户 55.90%", "400户 23.61%", "347户 20.48%"]));
    expectGreyscaleAids(option);
    expectJsonSerialisable(option);
  });

  it("takes the shares of a given whole, so that they match a table dividing by all registered households", () => {
    const texts = svgTexts(renderChartSvg(pieOption({ items: causes, unit: "户", total: 2000 }), SIZE));
    expect(texts).toEqual(expect.arrayContaining(["947户 47.35%", "400户 20.00%", "347户 17.35%"]));
  });

  it("gives each slice its own decal", () => {
    const svg = renderChartSvg(pieOption({ items: causes }), SIZE);
    expect(new Set(svg.match(/fill="url\(#[^)]+\)"/g)).size).toBe(3);
  });

  it("keeps a zero slice (so links stay aligned) but does not label it", () => {
    const option = pieOption({ items: [...causes, { name: "因灾", value: 0 }] });
    const data = seriesOf(option)[0].data as { name: string }[];
    expect(data.map((d) => d.name)).toEqual(["因病", "因学", "缺技术", "因灾"]);
    expect(svgTexts(renderChartSvg(option, SIZE))).not.toContain("因灾");
  });

  it("escapes names in the HTML tooltip and the label template", () => {
    const option = pieOption({ items: [{ name: "<b>{a}</b>", value: 1 }] });
    const item = (seriesOf(option)[0].data as { tooltip: { formatter: string }; label: { formatter: string } }[])[0];
    expect(item.tooltip.formatter).not.toContain("<b>");
    expect(item.tooltip.formatter).toContain("&lt;b&gt;");
    expect(item.label.formatter).not.toContain("{a}");
  });

  it("renders an empty pie without failing", () => {
    expect(renderChartSvg(pieOption({ items: [] }), SIZE)).toMatch(/^<svg/);
  });
});

describe("progressOption", () => {
  it("shows achieved, remaining and the target with the share", () => {
    const option = progressOption({ label: "脱贫户数", achieved: 1234, target: 1300 });
    const texts = svgTexts(renderChartSvg(option, { width: 640, height: 140 }));
    expect(texts).toEqual(expect.arrayContaining(["脱贫户数", "1,234（94.92%）", "剩余 66", "目标 1,300"]));
    expectGreyscaleAids(option);
    expectJsonSerialisable(option);
  });

  it("shows more than the target without a remainder", () => {
    const option = progressOption({ label: "脱贫人数", achieved: 420, target: 400 });
    const texts = svgTexts(renderChartSvg(option, { width: 640, height: 140 }));
    expect(texts).toEqual(expect.arrayContaining(["420（105.00%）", "目标 400"]));
    expect(texts.some((t) => t.startsWith("剩余"))).toBe(false);
  });

  it("copes with a target of 0", () => {
    const texts = svgTexts(renderChartSvg(progressOption({ label: "脱贫户数", achieved: 0, target: 0 }), { width: 640, height: 140 }));
    expect(texts).toEqual(expect.arrayContaining(["0（—）", "目标 0"]));
  });
});

describe("lineOption", () => {
  it("renders the years and the exits of each year as labels, each series with its own line style and symbol", () => {
    const option = lineOption({
      categories: ["2014", "2015", "2016", "2017"],
      series: [
        { name: "脱贫户", values: [310, 1502, 2480, 960] },
        { name: "脱贫人口", values: [1120, 5933, 9876, 3012] },
      ],
    });
    const texts = svgTexts(renderChartSvg(option, SIZE));
    expect(texts).toEqual(expect.arrayContaining(["2014", "2017", "1,502", "9,876", "脱贫户", "脱贫人口"]));
    const series = seriesOf(option);
    expect(new Set(series.map((s) => JSON.stringify(s.lineStyle))).size).toBe(2);
    expect(new Set(series.map((s) => s.symbol)).size).toBe(2);
    expectGreyscaleAids(option);
    expectJsonSerialisable(option);
  });
});

describe("renderChartSvg", () => {
  const option = barOption({ categories: ["城关镇"], series: [{ name: "未脱贫户", values: [3] }] });

  it("returns a scalable SVG: a viewBox of the rendered size and 100 % width", () => {
    const svg = renderChartSvg(option, { width: 640, height: 360 });
    const openingTag = /^<svg[^>]*>/.exec(svg)![0];
    expect(openingTag).toContain('viewBox="0 0 640 360"');
    expect(openingTag).toMatch(/style="[^"]*width:100%;height:auto/);
  });

  it("renders a static picture: no animation and no hover effects that promise a click without JavaScript", () => {
    const svg = renderChartSvg(option, SIZE);
    expect(svg).not.toMatch(/@keyframes|cursor:pointer|:hover\s*\{[^}]*fill:/);
  });

  it("carries no marks for echarts' own SSR client (the island redraws from the option)", () => {
    const svg = renderChartSvg(pieOption({ items: [{ name: "因病", value: 2 }] }), SIZE);
    expect(svg).toMatch(/<path\b/);
    expect(svg).not.toContain("ecmeta_");
  });

  it("is a standalone SVG image that states the chart's font stack once (no page stylesheet reaches an image)", () => {
    const svg = renderChartSvg(option, SIZE);
    expect(/^<svg[^>]*>/.exec(svg)![0]).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<text\b/);
    expect(svg.split("font-family").length - 1).toBe(1);
    expect(svg).toContain(`<style>text{font-family:${CHART_FONT_FAMILY}}</style>`);
  });
});

describe("withLinkCursors", () => {
  it("shows the pointer only over series that drill down", () => {
    const option = barOption({
      categories: ["城关镇", "石门乡"],
      series: [
        { name: "A", values: [1, 2] },
        { name: "B", values: [3, 4] },
      ],
    });
    const linked = withLinkCursors(option, [
      ["/households?town=1", null],
      [null, null],
    ]);
    expect(seriesOf(linked).map((s) => s.cursor)).toEqual(["pointer", "default"]);
    expect(seriesOf(option).map((s) => s.cursor)).toEqual([undefined, undefined]);
  });
});

describe("Chart", () => {
  function children(node: ReactNode): ReactElement<Record<string, unknown>>[] {
    if (!isValidElement<{ children?: ReactNode }>(node)) return [];
    const kids = node.props.children;
    return (Array.isArray(kids) ? kids : [kids]).filter((kid): kid is ReactElement<Record<string, unknown>> => isValidElement(kid));
  }
  const dashboard = { region: { code: "522698100000" }, year: 2020 } as Dashboard;
  const spec = (values: number[]): ChartSpec => ({
    title: "各乡镇未脱贫户",
    option: barOption({ categories: ["城关镇"], series: [{ name: "未脱贫户", values }] }),
    links: [["/households?town=1"]],
    width: 640,
    height: 300,
  });

  it("is a figure named by its title, with a caption and the link to its server picture handed to the client island", () => {
    const chart = spec([3]);
    const figure = Chart({ name: "regions", spec: chart, dashboard });
    expect(figure.type).toBe("figure");
    expect(figure.props["aria-label"]).toBe("各乡镇未脱贫户");
    const [caption, island] = children(figure);
    expect(caption.type).toBe("figcaption");
    expect(caption.props.children).toBe("各乡镇未脱贫户");
    expect(island.props).toMatchObject({ label: "各乡镇未脱贫户", option: chart.option, links: chart.links, width: 640, height: 300 });
    expect(island.props.src).toBe(`/dashboard/charts/regions?region=522698100000&year=2020&v=${chartVersion(chart)}`);
  });

  it("links a new picture when what the chart draws changes, and the same one when it does not", () => {
    expect(chartVersion(spec([3]))).toBe(chartVersion(spec([3])));
    expect(chartVersion(spec([4]))).not.toBe(chartVersion(spec([3])));
    expect(chartVersion({ ...spec([3]), height: 301 })).not.toBe(chartVersion(spec([3])));
  });
});

describe("DASHBOARD_CHARTS", () => {
  it("knows its charts by name and nothing else (no inherited keys)", () => {
    expect(Object.keys(DASHBOARD_CHARTS).filter(isDashboardChartName)).toEqual(["regions", "trend", "shortfalls", "causes", "funds"]);
    for (const name of ["toString", "constructor", "__proto__", ""]) expect(isDashboardChartName(name)).toBe(false);
  });
});

describe("renderChartSvg's cache", () => {
  it("gives the very picture drawn before for an equal option and size (a new drawing would number its ids anew)", () => {
    const option = () => barOption({ categories: ["缓存甲镇", "缓存乙镇"], series: [{ name: "未脱贫户", values: [3, 4] }] });
    const first = renderChartSvg(option(), { width: 400, height: 200 });
    expect(renderChartSvg(option(), { width: 400, height: 200 })).toBe(first);
    const other = renderChartSvg(barOption({ categories: ["缓存甲镇", "缓存乙镇"], series: [{ name: "未脱贫户", values: [3, 5] }] }), {
      width: 400,
      height: 200,
    });
    expect(other).not.toBe(first);
    expect(renderChartSvg(option(), { width: 401, height: 200 })).not.toBe(first);
  });
});
