import { getActor } from "@/lib/auth/session";
import { DASHBOARD_TABLES, exportDashboardTable, type DashboardTable } from "@/lib/dashboard/export";
import { todayString } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { xlsxResponse } from "@/lib/exports/workbook";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return text("请先登录", 401);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const table = DASHBOARD_TABLES.find((name) => name === params.table) as DashboardTable | undefined;
  if (!table) return text("导出的表格不存在", 400);
  try {
    const { buffer, title } = await exportDashboardTable(actor, params, table);
    return xlsxResponse(buffer, `${title.replace(/[（）\s，]+/g, "-").replace(/-+$/, "")}-${todayString()}.xlsx`);
  } catch (error) {
    if (isAppError(error)) return text(error.message, error.code === "FORBIDDEN" ? 403 : error.code === "NOT_FOUND" ? 404 : 400);
    throw error;
  }
}
