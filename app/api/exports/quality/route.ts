import { exportQualityHits } from "@/lib/data-quality/export";
import { ZHitFilter } from "@/lib/data-quality/schema";
import { todayString } from "@/lib/dates";
import { xlsxResponse } from "@/lib/exports/workbook";
import { signedInResponse } from "@/lib/http/signed-in-route";

export async function GET(request: Request) {
  return signedInResponse(async (actor) => {
    const filter = ZHitFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    return xlsxResponse(await exportQualityHits(actor, filter), `疑点清单-${todayString()}.xlsx`);
  });
}
