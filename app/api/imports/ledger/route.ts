import { getActor } from "@/lib/auth/session";
import { todayString } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { exportNationalLedger, ZLedgerFilter } from "@/lib/exports/national-ledger";
import { xlsxResponse } from "@/lib/exports/workbook";

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const filter = ZLedgerFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    return xlsxResponse(await exportNationalLedger(actor, filter), `贫困人口明细-${actor.regionName}-${todayString()}.xlsx`);
  } catch (error) {
    if (isAppError(error))
      return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
