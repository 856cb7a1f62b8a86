import { fileDownload } from "@/lib/http/file-response";
import { getInspectionFileForDownload } from "@/lib/inspections/files";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return fileDownload((actor) => getInspectionFileForDownload(actor, id));
}
