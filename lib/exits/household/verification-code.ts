import { randomInt } from "node:crypto";

/** Digits and capitals without the look-alikes 0/O, 1/I/L: easy to read off paper and type. */
export const VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const VERIFICATION_CODE_LENGTH = 8;

/** A short random code printed on the sheet (31^8 ≈ 8.5 × 10^11 values). */
export function generateVerificationCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let index = 0; index < VERIFICATION_CODE_LENGTH; index += 1) code += VERIFICATION_ALPHABET[random(VERIFICATION_ALPHABET.length)];
  return code;
}

/** What a user typed (lower case, spaces, dashes) → the stored form, or null when it cannot be one. */
export function normaliseVerificationCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== VERIFICATION_CODE_LENGTH) return null;
  return [...code].every((ch) => VERIFICATION_ALPHABET.includes(ch)) ? code : null;
}
