import { todayString } from "@/lib/dates";
import { exportNationalLedger, ZLedgerFilter } from "@/lib/exports/national-ledger";
import { xlsxResponse } from "@/lib/exports/workbook";
import { signedInResponse } from "@/lib/http/signed-in-route";

export async function GET(request: Request) {
  return signedInResponse(async (actor) => {
    const filter = ZLedgerFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    return xlsxResponse(await exportNationalLedger(actor, filter), `贫困人口明细-${actor.regionName}-${todayString()}.xlsx`);
  });
}
