import { createHash } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { needsSecondFactor } from "@/lib/auth/permissions";
import {
  RECOVERY_CODE_COUNT,
  checkTotpCode,
  decryptTotpSecret,
  encryptTotpSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  totpStep,
  totpUri,
} from "@/lib/auth/totp";
import { ROLE } from "@/lib/domain/codes";

const AUTH_SECRET = "unit-test-secret-unit-test-secret-unit-test";
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
const now = new Date("2026-12-02T08:00:10Z");

describe("TOTP codes (RFC 6238, 30-second steps, 6 digits)", () => {
  const secret = generateTotpSecret();

  it("generates a 160-bit base32 secret, different each time", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it("accepts the current code and the codes one step either side, and names the step it matched", () => {
    const step = totpStep(now);
    expect(checkTotpCode({ secret, code: codeAt(secret, now), now, lastUsedStep: null })).toEqual({ ok: true, step });
    expect(checkTotpCode({ secret, code: codeAt(secret, new Date(now.getTime() - 30_000)), now, lastUsedStep: null })).toEqual({ ok: true, step: step - 1 });
    expect(checkTotpCode({ secret, code: codeAt(secret, new Date(now.getTime() + 30_000)), now, lastUsedStep: null })).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses codes two steps away, another secret's code and malformed input", () => {
    const old = codeAt(secret, new Date(now.getTime() - 61_000));
    const other = codeAt(generateTotpSecret(), now);
    for (const code of [old, other, "", "12345", "1234567", "abcdef", "12 34 5"]) {
      const result = checkTotpCode({ secret, code, now, lastUsedStep: null });
      // A foreign code can collide with one of the three accepted ones (p ≈ 3e-6); skip that case.
      if (code === other && result.ok) continue;
      expect(result).toEqual({ ok: false, reason: "INVALID" });
    }
  });

  it("tolerates spaces inside the six digits", () => {
    const code = codeAt(secret, now);
    expect(checkTotpCode({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, now, lastUsedStep: null }).ok).toBe(true);
  });

  it("refuses a code whose step was already used, and any earlier step", () => {
    const step = totpStep(now);
    const code = codeAt(secret, now);
    expect(checkTotpCode({ secret, code, now, lastUsedStep: step })).toEqual({ ok: false, reason: "REPLAYED" });
    const previous = codeAt(secret, new Date(now.getTime() - 30_000));
    expect(checkTotpCode({ secret, code: previous, now, lastUsedStep: step })).toEqual({ ok: false, reason: "REPLAYED" });
    const next = new Date(now.getTime() + 30_000);
    expect(checkTotpCode({ secret, code: codeAt(secret, next), now: next, lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it("builds an otpauth:// URI an authenticator app can scan", () => {
    const uri = totpUri({ secret, username: "county" });
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("county");
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
  });
});

describe("the stored TOTP secret", () => {
  it("is encrypted with AES-256-GCM under a key derived from AUTH_SECRET: round-trips, never shows the secret, new IV each time", () => {
    const secret = generateTotpSecret();
    const first = encryptTotpSecret(secret, AUTH_SECRET, "user:1");
    const second = encryptTotpSecret(secret, AUTH_SECRET, "user:1");
    expect(first).not.toContain(secret);
    expect(first).not.toBe(second);
    expect(decryptTotpSecret(first, AUTH_SECRET, "user:1")).toBe(secret);
    expect(decryptTotpSecret(second, AUTH_SECRET, "user:1")).toBe(secret);
  });

  it("cannot be read with another AUTH_SECRET, for another owner, or after tampering", () => {
    const stored = encryptTotpSecret(generateTotpSecret(), AUTH_SECRET, "user:1");
    expect(() => decryptTotpSecret(stored, "another-secret-another-secret-another-secret", "user:1")).toThrow();
    expect(() => decryptTotpSecret(stored, AUTH_SECRET, "user:2")).toThrow();
    const [version, payload] = stored.split(":");
    const bytes = Buffer.from(payload!, "base64url");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decryptTotpSecret(`${version}:${bytes.toString("base64url")}`, AUTH_SECRET, "user:1")).toThrow();
  });
});

describe("recovery codes", () => {
  it("are ten distinct high-entropy codes (16 characters of a 32-letter alphabet = 80 bits) in groups of four", () => {
    const codes = generateRecoveryCodes();
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(generateRecoveryCodes()).not.toEqual(codes);
  });

  it("are stored as the SHA-256 of their normalised form: case, spaces and dashes do not matter", () => {
    const [code] = generateRecoveryCodes();
    const plain = code!.replace(/-/g, "");
    expect(hashRecoveryCode(code!)).toBe(createHash("sha256").update(plain).digest("hex"));
    expect(hashRecoveryCode(` ${code!.toUpperCase().replace(/-/g, " ")} `)).toBe(hashRecoveryCode(code!));
    expect(normaliseRecoveryCode(code!.toUpperCase())).toBe(plain);
    expect(normaliseRecoveryCode("not a code")).toBeNull();
    expect(normaliseRecoveryCode("123456")).toBeNull();
  });
});

describe("which roles need the second factor", () => {
  it("系统管理员, 县扶贫办 and 督查 do; nobody else", () => {
    const needing = ROLE.codes.filter((role) => needsSecondFactor(role));
    expect(needing.sort()).toEqual(["ADMIN", "COUNTY_OFFICE", "INSPECTOR"]);
    expect(needsSecondFactor("SOMETHING_ELSE")).toBe(false);
  });
});

describe("TWO_FACTOR_MODE", () => {
  it("is required unless set to optional", async () => {
    delete process.env.TWO_FACTOR_MODE;
    process.env.DATABASE_URL ??= "postgres://unit-test/none";
    const { env } = await import("@/lib/env");
    expect(env().TWO_FACTOR_MODE).toBe("required");
  });
});
