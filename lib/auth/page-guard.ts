import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";

/** For pages: signed in and holding the permission, else the same 404 as a missing page. */
export async function requirePage(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}
