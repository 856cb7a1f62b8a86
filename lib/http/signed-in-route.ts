import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { isAppError, type AppError } from "@/lib/errors";

export const plainText = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

const statusOf = (error: AppError) => (error.code === "FORBIDDEN" ? 403 : error.code === "NOT_FOUND" ? 404 : 400);

/**
 * A route handler's answer for the signed-in reader: 401 without a session; the app's refusals
 * (permission, scope, bad input) as their Chinese message with the matching status.
 */
export async function signedInResponse(respond: (actor: Actor) => Promise<Response>, status: (error: AppError) => number = statusOf): Promise<Response> {
  const actor = await getActor();
  if (!actor) return plainText("请先登录", 401);
  try {
    return await respond(actor);
  } catch (error) {
    if (isAppError(error)) return plainText(error.message, status(error));
    throw error;
  }
}
