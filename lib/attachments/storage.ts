import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/** Files live under ATTACHMENT_DIR addressed by their SHA-256: the same content is stored once. */
export function pathForHash(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("invalid content hash");
  return path.join(env().ATTACHMENT_DIR, sha256.slice(0, 2), sha256);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes atomically (temp file + rename), so a crash never leaves a partial file under a hash. */
export async function storeContent(bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Of(bytes);
  const target = pathForHash(sha256);
  try {
    await fs.access(target);
    return sha256;
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, target);
  return sha256;
}

export async function readContent(sha256: string): Promise<Buffer> {
  return fs.readFile(pathForHash(sha256));
}
