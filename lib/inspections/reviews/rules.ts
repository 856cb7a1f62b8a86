import { REVIEW_CHECKLIST_ITEM, type ReviewChecklistItem } from "@/lib/domain/codes";
import type { ExitCriterionCode } from "@/lib/exits/household/criteria";

/**
 * Pure rules of the inspector's review of a household exit sheet (核验表审查): the checklist, the
 * category a 不合格 item raises by default, and whether a review was made on today's data.
 */

export type ChecklistEntry = { item: ReviewChecklistItem; passed: boolean; note: string | null };

/** The default 问题类别 of a failed checklist item (the inspector may pick another). */
export const DEFAULT_CATEGORY: Record<ReviewChecklistItem, string> = {
  INCOME: "INCOME",
  FOOD: "POLICY",
  CLOTHING: "POLICY",
  EDUCATION: "POLICY",
  MEDICAL: "POLICY",
  HOUSING: "POLICY",
  SIGNATURES: "MISSING_SIGNATURE",
  NOTICE: "MISSING_EVIDENCE",
  EVIDENCE: "MISSING_EVIDENCE",
};

/** The exit criterion (两不愁三保障 and income) a checklist item checks, if it checks one. */
export function criterionOf(item: ReviewChecklistItem): ExitCriterionCode | undefined {
  return item === "SIGNATURES" || item === "NOTICE" || item === "EVIDENCE" ? undefined : item;
}

export function failedItems(checklist: readonly ChecklistEntry[]): ReviewChecklistItem[] {
  return checklist.filter((entry) => !entry.passed).map((entry) => entry.item);
}

/** The description of the finding a failed item raises: the item and the inspector's note. */
export function findingDescription(entry: ChecklistEntry): string {
  return `核验表审查「${REVIEW_CHECKLIST_ITEM.labels[entry.item]}」不合格：${entry.note ?? ""}`.slice(0, 1000);
}

/** A review was made on old data when the sheet's content (its hash) has changed since. */
export function madeOnOldData(review: { contentHash: string }, currentHash: string): boolean {
  return review.contentHash !== currentHash;
}

/** Who may not review a sheet: anyone who signed it (in any round, any step — 县审定 included). */
export function signedTheSheet(signatures: readonly { userId: string }[], userId: string): boolean {
  return signatures.some((signature) => signature.userId === userId);
}
