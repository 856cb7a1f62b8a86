import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { xlsxResponse } from "@/lib/exports/workbook";
import { importErrorReport } from "@/lib/imports/queries";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { id } = await params;
  try {
    const report = await importErrorReport(actor, id);
    return xlsxResponse(report.buffer, report.fileName);
  } catch (error) {
    if (isAppError(error))
      return new Response(error.message, {
        status: error.code === "FORBIDDEN" ? 403 : error.code === "NOT_FOUND" ? 404 : 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    throw error;
  }
}
