import { getActor } from "@/lib/auth/session";
import { exportQualityHits } from "@/lib/data-quality/export";
import { ZHitFilter } from "@/lib/data-quality/schema";
import { todayString } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { xlsxResponse } from "@/lib/exports/workbook";

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const filter = ZHitFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    return xlsxResponse(await exportQualityHits(actor, filter), `疑点清单-${todayString()}.xlsx`);
  } catch (error) {
    if (isAppError(error))
      return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
