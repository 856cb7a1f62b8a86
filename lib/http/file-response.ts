import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

type StoredFile = { content: Buffer; mimeType: string; originalName: string };

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** A signed-in download: the loader applies the scope check; refusals read like a missing file. */
export async function fileDownload(load: (actor: Actor) => Promise<StoredFile>): Promise<Response> {
  const actor = await getActor();
  if (!actor) return text("请先登录", 401);
  try {
    const file = await load(actor);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return text(error.message, error.code === "FORBIDDEN" ? 403 : 404);
    throw error;
  }
}
