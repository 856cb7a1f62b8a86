import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { auth, clientIp } from "@/lib/auth/auth";
import { checkSession, type SessionCheck, type SessionRef } from "@/lib/auth/sessions";

/** The session reference in this request's token (identity and versions only), with the client IP. */
export const currentSessionRef = cache(async (): Promise<{ ref: SessionRef; ip: string } | null> => {
  const session = (await auth()) as { user?: { id?: string }; sessionId?: string; sessionVersion?: number } | null;
  const userId = session?.user?.id;
  if (!userId || !session?.sessionId || typeof session.sessionVersion !== "number") return null;
  return { ref: { userId, sessionId: session.sessionId, sessionVersion: session.sessionVersion }, ip: clientIp(await headers()) };
});

/** This request's session as the database sees it (see checkSession). */
export const currentSession = cache(async (): Promise<SessionCheck> => {
  const current = await currentSessionRef();
  return current ? checkSession(current.ref, current.ip) : { status: "none" };
});

/**
 * The one identity choke point: "signed in" is decided only from a user id in a
 * valid token whose session row and user are still good in the database, and — for the roles
 * that need it — whose session has passed the second factor. Route handlers refuse on null.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await currentSession();
  return session.status === "signedIn" ? session.actor : null;
});

/**
 * For pages and actions: the actor; else a redirect to the two-factor page (a session waiting
 * for its second factor) or to the sign-in page, back here afterwards.
 */
export async function requireActor(): Promise<Actor> {
  const session = await currentSession();
  if (session.status === "signedIn") return session.actor;
  const path = (await headers()).get("x-pathname") ?? "/";
  const page = session.status === "secondFactorPending" ? "/two-factor" : "/login";
  redirect(`${page}?callbackUrl=${encodeURIComponent(path)}`);
}
