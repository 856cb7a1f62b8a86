import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { xlsxResponse } from "@/lib/exports/workbook";
import { exportRegionTree } from "@/lib/regions/queries";
import { todayString } from "@/lib/dates";

export async function GET() {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  try {
    return xlsxResponse(await exportRegionTree(actor), `区划表-${todayString()}.xlsx`);
  } catch (error) {
    if (isAppError(error))
      return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
