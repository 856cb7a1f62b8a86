import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { shortHash } from "@/lib/sign-off/content-hash";
import { chainStatusLabel } from "@/lib/sign-off/view";
import { loadHouseholdLabels } from "./household-labels";
import { SHEET_SELECT, loadSheetContexts } from "./sheet-context";
import { normaliseVerificationCode } from "./verification-code";

export type VerifyResult = {
  sheetId: string;
  verificationCode: string;
  householdNo: string;
  headName: string | null;
  villageName: string;
  townshipName: string;
  assessmentYear: number;
  statusLabel: string;
  currentHashShort: string;
  /** null when no printed fingerprint was given. */
  matches: boolean | null;
};

/**
 * 扫码核验: does a printed sheet (its verification code and content fingerprint) still match
 * the current record? Signed in and in scope only; outside scope the code is "not found".
 * `printed` is the full hash from the QR code or the fingerprint typed off the paper.
 */
export async function verifyByCode(actor: Actor, codeText: string, printed?: string | null): Promise<VerifyResult> {
  requirePermission(actor, "exit.read");
  const code = normaliseVerificationCode(codeText);
  if (!code) throw notFound("核验码");
  const sheet = await db.exitSheet.findFirst({
    where: { AND: [{ countyCode: actor.countyCode, verificationCode: code }, exitSheetScopeWhere(actor)] },
    select: SHEET_SELECT,
  });
  if (!sheet) throw notFound("核验码");
  const [[context], labels] = await Promise.all([loadSheetContexts(db, [sheet]), loadHouseholdLabels(db, [sheet.householdId])]);
  const label = labels.get(sheet.householdId)!;
  const hash = context.content.hash;
  const given =
    printed
      ?.trim()
      .toLowerCase()
      .replace(/[^0-9a-f]/g, "") ?? "";
  const matches = given.length === 0 ? null : given.length >= 12 && hash.startsWith(given);
  return {
    sheetId: sheet.id,
    verificationCode: sheet.verificationCode,
    householdNo: label.householdNo,
    headName: label.headName,
    villageName: label.villageName,
    townshipName: label.townshipName,
    assessmentYear: sheet.assessmentYear,
    statusLabel: chainStatusLabel(sheet.status),
    currentHashShort: shortHash(hash),
    matches,
  };
}
