import { todayString } from "@/lib/dates";
import { xlsxResponse } from "@/lib/exports/workbook";
import { signedInResponse } from "@/lib/http/signed-in-route";
import { exportUncovered } from "@/lib/measures/export-uncovered";
import { ZUncoveredFilter } from "@/lib/measures/find-uncovered";

export async function GET(request: Request) {
  return signedInResponse(async (actor) => {
    const filter = ZUncoveredFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
    return xlsxResponse(await exportUncovered(actor, filter), `施策不精准清单-${todayString()}.xlsx`);
  });
}
