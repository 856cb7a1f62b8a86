import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { signedInResponse } from "./signed-in-route";

type StoredFile = { content: Buffer; mimeType: string; originalName: string };

/** A signed-in download: the loader applies the scope check; refusals read like a missing file. */
export async function fileDownload(load: (actor: Actor) => Promise<StoredFile>): Promise<Response> {
  return signedInResponse(
    async (actor) => {
      const file = await load(actor);
      return new Response(new Uint8Array(file.content), {
        headers: {
          "Content-Type": file.mimeType,
          "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    },
    (error) => (error.code === "FORBIDDEN" ? 403 : 404),
  );
}
