import { AppError } from "@/lib/errors";
import { notMetLabel } from "@/lib/exits/criterion";
import type { Refusal } from "./rules";

/** One of a chain's criteria as the refusal text needs it. */
type Criterion = { met: boolean; label: string; reason: string };

export const SHEET_STALE_MESSAGE = "该核验表已被他人办理或修改，请刷新后重试";

export const sheetStale = () => new AppError("STALE_VERSION", SHEET_STALE_MESSAGE);

/** The version the form was rendered with must still be the current one. */
export function assertSheetVersion(sheet: { version: number }, version: number): void {
  if (sheet.version !== version) throw sheetStale();
}

/** "收入未达标：人均纯收入…；住房安全有保障未达标：…" */
export function failedCriteriaText(criteria: readonly Criterion[]): string {
  return criteria
    .filter((criterion) => !criterion.met)
    .map((criterion) => `${notMetLabel(criterion.label)}：${criterion.reason}`)
    .join("；");
}

/**
 * A refusal of the chain rules as the typed error the forms show: role and scope → FORBIDDEN,
 * the criteria → RULE_VIOLATION naming every failed criterion, a missing reason (and any code
 * the chain maps in `fields`) → VALIDATION on that form field, anything else → RULE_VIOLATION.
 */
export function refusalError(refusal: Refusal<string>, options: { criteria?: readonly Criterion[]; fields?: Readonly<Record<string, string>> } = {}): AppError {
  const field = { REASON_REQUIRED: "reason", ...options.fields }[refusal.code];
  if (field) return new AppError("VALIDATION", refusal.message, { [field]: [refusal.message] });
  switch (refusal.code) {
    case "WRONG_ROLE":
    case "OUT_OF_SCOPE":
      return new AppError("FORBIDDEN", refusal.message);
    case "CRITERIA_NOT_MET": {
      const failed = failedCriteriaText(options.criteria ?? []);
      return new AppError("RULE_VIOLATION", failed ? `${refusal.message}。${failed}` : refusal.message);
    }
    default:
      return new AppError("RULE_VIOLATION", refusal.message);
  }
}
