import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/demo-county";

/** A fresh IP per sign-in, so the per-IP failure limit of one test never affects another. */
export const testIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** Signs in through the real credential check and resolves the actor as a request would. */
export async function signInAs(username: string, password = DEMO_PASSWORD): Promise<Actor> {
  const ip = testIp();
  const ref = await verifyCredentials({ username, password }, ip);
  const actor = await resolveActor(ref, ip);
  if (!actor) throw new Error(`could not resolve actor for ${username}`);
  return actor;
}

export const uniqueName = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10)}`;

export async function auditCount(where: { entityType?: string; entityId?: string; action?: string } = {}) {
  return db.auditEvent.count({ where });
}

export async function expectAppError(
  promise: Promise<unknown>,
  code: string,
): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    const appError = error as { code?: string; message: string; fieldErrors?: Record<string, string[]> };
    if (appError.code !== code) throw new Error(`expected ${code}, got ${appError.code ?? "non-app error"}: ${appError.message}`);
    return appError as { code: string; message: string };
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
