import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";

/**
 * For pages and layouts (the read-side counterpart of lib/commands/form-action.ts): signed in
 * (else the sign-in or two-factor page) and holding the permission (else the same 404 as a
 * missing page). Only a layout shared by every signed-in page names no permission.
 */
export async function requirePage(permission?: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (permission && !can(actor, permission)) notFound();
  return actor;
}
