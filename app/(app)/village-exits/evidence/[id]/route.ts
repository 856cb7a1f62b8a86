import { getVillageEvidenceForDownload } from "@/lib/exits/village/get-village-evidence";
import { fileDownload } from "@/lib/http/file-response";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return fileDownload((actor) => getVillageEvidenceForDownload(actor, id));
}
