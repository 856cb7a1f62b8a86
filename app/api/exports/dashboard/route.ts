import { DASHBOARD_TABLES, exportDashboardTable, type DashboardTable } from "@/lib/dashboard/export";
import { todayString } from "@/lib/dates";
import { xlsxResponse } from "@/lib/exports/workbook";
import { plainText, signedInResponse } from "@/lib/http/signed-in-route";

export async function GET(request: Request) {
  return signedInResponse(async (actor) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const table = DASHBOARD_TABLES.find((name) => name === params.table) as DashboardTable | undefined;
    if (!table) return plainText("导出的表格不存在", 400);
    const { buffer, title } = await exportDashboardTable(actor, params, table);
    return xlsxResponse(buffer, `${title.replace(/[（）\s，]+/g, "-").replace(/-+$/, "")}-${todayString()}.xlsx`);
  });
}
