import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/** The pure parts of the second factor: TOTP codes (RFC 6238), the stored secret, recovery codes. */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of one step before and after the current one are accepted (clock drift, typing time). */
const TOTP_WINDOW = 1;
const ISSUER = "精准扶贫业务系统";

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpUri({ secret, username }: { secret: string; username: string }): string {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "INVALID" | "REPLAYED" };

/**
 * Checks a typed code against the steps around `now`. A code whose step is not later than the
 * last accepted one is a replay: each code works once, and never after a newer one was used.
 */
export function checkTotpCode({ secret, code, now, lastUsedStep }: { secret: string; code: string; now: Date; lastUsedStep: number | null }): TotpCheck {
  const typed = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(typed)) return { ok: false, reason: "INVALID" };
  const current = totpStep(now);
  let replayed = false;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    const expected = TOTP.generate({
      secret: Secret.fromBase32(secret),
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
      timestamp: step * TOTP_PERIOD_SECONDS * 1000,
    });
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(typed))) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) replayed = true;
    else return { ok: true, step };
  }
  return { ok: false, reason: replayed ? "REPLAYED" : "INVALID" };
}

// ── The stored secret: AES-256-GCM, key derived from AUTH_SECRET with HKDF ─────────────────────

const CIPHER_VERSION = "v1";

function secretKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "fupin-two-factor", "totp-secret-v1", 32));
}

/**
 * `context` is bound as additional authenticated data: the ciphertext only decrypts for the same
 * owner (an enrolment session, later the user), so a row copied elsewhere is useless.
 */
export function encryptTotpSecret(secret: string, authSecret: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(authSecret), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const encrypted = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${CIPHER_VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString("base64url")}`;
}

/** Throws when the value was not made with this AUTH_SECRET and context, or was altered. */
export function decryptTotpSecret(stored: string, authSecret: string, context: string): string {
  const [version, payload] = stored.split(":");
  if (version !== CIPHER_VERSION || !payload) throw new Error("unknown two-factor secret format");
  const bytes = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(authSecret), bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}

// ── Recovery codes: 80 random bits each, so an unsalted SHA-256 is enough to store them ──────────

export const RECOVERY_CODE_COUNT = 10;
/** 32 symbols without the easily confused l, o, 0 and 1. */
const RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const RECOVERY_CODE_LENGTH = 16;

function recoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(recoveryCode());
  return [...codes];
}

/** The code as stored: lower case, without spaces or dashes; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const plain = input.toLowerCase().replace(/[\s-]+/g, "");
  return plain.length === RECOVERY_CODE_LENGTH && [...plain].every((char) => RECOVERY_ALPHABET.includes(char)) ? plain : null;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(normaliseRecoveryCode(code) ?? code)
    .digest("hex");
}
