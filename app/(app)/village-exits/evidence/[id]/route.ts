import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getVillageEvidenceForDownload } from "@/lib/exits/get-village-evidence";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  try {
    const file = await getVillageEvidenceForDownload(actor, (await params).id);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
