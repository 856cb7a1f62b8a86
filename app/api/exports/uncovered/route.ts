import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { xlsxResponse } from "@/lib/exports/workbook";
import { exportUncovered } from "@/lib/measures/export-uncovered";
import { ZUncoveredFilter } from "@/lib/measures/find-uncovered";
import { todayString } from "@/lib/dates";

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const filter = ZUncoveredFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    return xlsxResponse(await exportUncovered(actor, filter), `施策不精准清单-${todayString()}.xlsx`);
  } catch (error) {
    if (isAppError(error))
      return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
