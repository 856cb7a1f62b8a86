/**
 * The one place that says which parts of ECharts the dashboard uses. The server render and the
 * client island both import it, so a chart drawn on the server can always be drawn in the
 * browser, and the client bundle carries only these parts (not the whole library).
 */
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, LabelLayout, SVGRenderer]);

/** Built-in Chinese texts (aria descriptions, "暂无数据"). */
export const CHART_LOCALE = "ZH";

export { echarts };
