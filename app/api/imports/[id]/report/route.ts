import { xlsxResponse } from "@/lib/exports/workbook";
import { signedInResponse } from "@/lib/http/signed-in-route";
import { importErrorReport } from "@/lib/imports/queries";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return signedInResponse(async (actor) => {
    const { id } = await params;
    const report = await importErrorReport(actor, id);
    return xlsxResponse(report.buffer, report.fileName);
  });
}
