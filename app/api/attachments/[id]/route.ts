import { getAttachmentForDownload } from "@/lib/attachments/commands";
import { fileDownload } from "@/lib/http/file-response";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return fileDownload((actor) => getAttachmentForDownload(actor, id));
}
