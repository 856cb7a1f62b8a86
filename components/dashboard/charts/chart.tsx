import { createHash } from "node:crypto";
import { ChartInteractivity } from "./chart-interactivity";
import type { ChartLinks, ChartOption } from "./options";
import { renderChartSvg } from "./render-svg";

type Props = {
  title: string;
  option: ChartOption;
  /** [seriesIndex][dataIndex] → the drill-down href (null: that element is not a link). */
  links: ChartLinks;
  /** Size of the server render; the chart scales to its container and keeps this aspect ratio. */
  width: number;
  height: number;
};

/**
 * A dashboard chart: rendered on the server as SVG (shows without JavaScript, prints), made
 * interactive by the client island. The page puts the table with the exact numbers beside it.
 */
export function Chart({ title, option, links, width, height }: Props) {
  const svg = renderChartSvg(option, { width, height });
  // A new picture remounts the island, so React never rewrites the container under ECharts.
  const key = createHash("sha1").update(svg).digest("base64url");
  return (
    <figure aria-label={title} className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      <ChartInteractivity key={key} label={title} svg={svg} option={option} links={links} width={width} height={height} />
    </figure>
  );
}
