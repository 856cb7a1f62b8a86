import { todayString } from "@/lib/dates";
import { xlsxResponse } from "@/lib/exports/workbook";
import { signedInResponse } from "@/lib/http/signed-in-route";
import { exportRegionTree } from "@/lib/regions/queries";

export async function GET() {
  return signedInResponse(async (actor) => xlsxResponse(await exportRegionTree(actor), `区划表-${todayString()}.xlsx`));
}
