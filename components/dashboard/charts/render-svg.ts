import "server-only";
import { CHART_LOCALE, echarts } from "./echarts-setup";
import { CHART_FONT_FAMILY, type ChartOption } from "./options";

export type ChartSize = { width: number; height: number };

/** A static copy of the option: without JavaScript nothing is clickable, so nothing may look it. */
function staticOption(option: ChartOption): ChartOption {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return { ...option, animation: false, series: series.map((s) => ({ ...s, silent: true })) };
}

/**
 * The SVG scales with its container (a phone is narrower than the size rendered): a viewBox of
 * the rendered size, 100 % wide, height from the aspect ratio.
 */
function scalable(svg: string, { width, height }: ChartSize): string {
  return svg.replace(/^<svg\b([^>]*)>/, (_tag, attributes: string) => {
    const viewBox = /\bviewBox=/.test(attributes) ? "" : ` viewBox="0 0 ${width} ${height}"`;
    return `<svg${attributes}${viewBox} style="display:block;width:100%;height:auto">`;
  });
}

/**
 * zrender writes the font stack into every text's style; a chart has a hundred labels. The
 * picture is an image of its own (no page stylesheet reaches it), so it states the stack once.
 */
function fontOnce(svg: string): string {
  const withoutRepeats = svg.replaceAll(`font-family:${CHART_FONT_FAMILY};`, "");
  return withoutRepeats.replace(/^(<svg\b[^>]*>)/, `$1<style>text{font-family:${CHART_FONT_FAMILY}}</style>`);
}

/** echarts marks each element for its own SSR client runtime; the island redraws from the option instead. */
function withoutSsrMarks(svg: string): string {
  return svg.replace(/ ecmeta_[a-z_]+="[^"]*"/g, "");
}

/**
 * Rendered pictures by option and size. The figures change at most once per refresh of the
 * snapshot, and every leader of a county opens the same charts: rendering them again each time
 * was most of the page's server time (bench/RESULTS.md).
 */
const CACHE_LIMIT = 500;
const rendered = new Map<string, string>();

/** Renders a chart to an SVG string on the server (echarts SSR). */
export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const key = `${size.width}x${size.height}:${JSON.stringify(option)}`;
  const cached = rendered.get(key);
  if (cached !== undefined) {
    rendered.delete(key);
    rendered.set(key, cached); // most recently used last
    return cached;
  }
  const svg = drawSvg(option, size);
  rendered.set(key, svg);
  if (rendered.size > CACHE_LIMIT) rendered.delete(rendered.keys().next().value!);
  return svg;
}

function drawSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height, locale: CHART_LOCALE });
  try {
    chart.setOption(staticOption(option));
    return scalable(withoutSsrMarks(fontOnce(chart.renderToSVGString())), size);
  } finally {
    chart.dispose();
  }
}
