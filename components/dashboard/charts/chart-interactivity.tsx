"use client";

import { useRouter } from "next/navigation";
import type { EChartsType } from "echarts/core";
import { useEffect, useRef } from "react";
import { withLinkCursors, type ChartLinks, type ChartOption } from "./options";

type Props = {
  /** The accessible name until ECharts' aria module replaces it with a description of the data. */
  label: string;
  /** The server's picture of the same option (an SVG image): what shows until (and unless) JavaScript runs. */
  src: string;
  option: ChartOption;
  links: ChartLinks;
  width: number;
  height: number;
};

/**
 * The chart's container. It arrives holding the server's picture; after mount ECharts draws the same
 * option into it at the container's real width (tooltips, click to drill down, redrawn on resize).
 * Until the chart library has loaded (or if it cannot), the picture stays; it prints.
 */
const MIN_PHONE_HEIGHT = 240;

const escapeAttribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

export function ChartInteractivity({ label, src, option, links, width, height }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const router = useRouter();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let chart: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    // Loaded after mount, in a chunk of its own: the page is usable (figures, tables, server picture)
    // before the chart library arrives. Should anything fail, the server picture stays.
    import("./echarts-setup")
      .then(({ CHART_LOCALE, echarts }) => {
        if (cancelled) return;
        const serverPicture = [...container.childNodes];
        const instance = echarts.init(container, null, { renderer: "svg", locale: CHART_LOCALE });
        try {
          instance.setOption(withLinkCursors(option, links));
        } catch (error) {
          instance.dispose();
          throw error;
        }
        // Only now that the interactive chart is drawn: until then (or if it failed) the server picture shows.
        for (const node of serverPicture) node.remove();
        instance.on("click", (params) => {
          if (params.componentType !== "series" || params.seriesIndex === undefined) return;
          const href = links[params.seriesIndex]?.[params.dataIndex];
          if (href) router.push(href);
        });
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(container);
        chart = instance;
      })
      .catch((error: unknown) => console.error("图表无法交互显示，保留静态图", error));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option, links, router]);

  return (
    <div
      ref={containerRef}
      role="img"
      aria-label={label}
      className="dash-chart w-full overflow-hidden"
      // The aspect ratio of the server render (no jump in height when ECharts takes over), but never
      // squashed below a readable height on a phone: there ECharts redraws at the container's size.
      style={{ aspectRatio: `${width} / ${height}`, minHeight: Math.min(height, MIN_PHONE_HEIGHT) }}
      // Set as HTML, not as a child element: ECharts replaces it, and React must not try to reconcile it.
      dangerouslySetInnerHTML={{
        __html: `<img src="${escapeAttribute(src)}" alt="" width="${width}" height="${height}" style="display:block;width:100%;height:auto">`,
      }}
    />
  );
}
