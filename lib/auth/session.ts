import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { auth, clientIp } from "@/lib/auth/auth";
import { resolveActor } from "@/lib/auth/sessions";

/**
 * The one identity choke point (STYLE §1): "signed in" is decided only from a user id in a
 * valid token whose session row and user are still good in the database.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { user?: { id?: string }; sessionId?: string; sessionVersion?: number } | null;
  const userId = session?.user?.id;
  if (!userId || !session?.sessionId || typeof session.sessionVersion !== "number") return null;
  return resolveActor(
    { userId, sessionId: session.sessionId, sessionVersion: session.sessionVersion },
    clientIp(await headers()),
  );
});

/** For pages and actions: the actor, or a redirect to the sign-in page (back here afterwards). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const path = (await headers()).get("x-pathname") ?? "/";
  redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}
