import { viewContext } from "@/components/dashboard/context";
import { chartVersion } from "@/components/dashboard/charts/chart-version";
import { DASHBOARD_CHARTS, isDashboardChartName } from "@/components/dashboard/charts/dashboard-charts";
import { renderChartSvg } from "@/components/dashboard/charts/render-svg";
import { loadDashboardOf } from "@/lib/dashboard/view";
import { plainText, signedInResponse } from "@/lib/http/signed-in-route";

/**
 * The picture of one dashboard chart, drawn on the server (echarts SSR): what the page shows before
 * the chart library has loaded, and what prints. A picture of its own rather than inline in the page, so it
 * travels once instead of twice (in the HTML and again in the React payload) and the browser keeps it:
 * the page's link carries the version of the chart's content (`v`), and a link with the current
 * version may be kept for good. Scope as on the page: a region outside the reader's is not found.
 */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  return signedInResponse(async (actor) => {
    const { name } = await params;
    if (!isDashboardChartName(name)) return plainText("图表不存在", 404);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const dashboard = await loadDashboardOf(actor, query);
    const spec = DASHBOARD_CHARTS[name](dashboard, viewContext(dashboard));
    if (!spec) return plainText("该范围没有可画的数据", 404);
    const current = query.v === chartVersion(spec);
    return new Response(renderChartSvg(spec.option, spec), {
      headers: {
        "Content-Type": "image/svg+xml; charset=utf-8",
        // An older version's link gets today's picture, but must ask again next time.
        "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
