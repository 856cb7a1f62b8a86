import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { REVIEW_CHECKLIST_ITEM } from "@/lib/domain/codes";
import { ruleViolation } from "@/lib/errors";
import { loadSheetContext } from "@/lib/exits/household/sheet-context";
import { insertFinding } from "@/lib/inspections/findings/raise";
import { criterionOf, failedItems, findingDescription, signedTheSheet, type ChecklistEntry } from "./rules";
import { ZSaveReview } from "./schema";

/**
 * 核验表审查: the inspector's checklist of one household exit sheet, stored with the content hash
 * the server computes from the household's current data (the sheet's own hash), and — in the same
 * transaction — one finding for every 不合格 item (insertFinding). Whoever signed the sheet may not
 * review it. Reviews are evidence: never changed, a second look is a new review.
 */
export const saveReview = defineCommand({
  permission: "inspection.review",
  input: ZSaveReview,
  async run({ actor, input, tx }) {
    const { sheet, content, chain } = await loadSheetContext(tx, actor, input.sheetId);
    if (signedTheSheet(chain.signatures, actor.userId)) {
      throw ruleViolation("您签署过这份核验表（例如县扶贫办审定），不能再审查它：请由其他督查人员审查");
    }
    if (sheet.status === "REJECTED") throw ruleViolation("这份核验表已被退回，待重新提出后再审查");

    const checklist: ChecklistEntry[] = REVIEW_CHECKLIST_ITEM.codes.map((item) => ({
      item,
      passed: input[item].result === "PASS",
      note: input[item].note?.trim() || null,
    }));
    const failed = failedItems(checklist);
    const review = await tx.inspectionReview.create({
      data: {
        countyCode: sheet.countyCode,
        townshipCode: sheet.townshipCode,
        villageCode: sheet.villageCode,
        sheetId: sheet.id,
        householdId: sheet.householdId,
        sheetRound: sheet.round,
        sheetStatus: sheet.status,
        contentHash: content.hash,
        inspectorId: actor.userId,
        checklist,
        failedItems: failed,
        note: input.note?.trim() || null,
      },
      select: { id: true },
    });

    const target = { countyCode: sheet.countyCode, townshipCode: sheet.townshipCode, villageCode: sheet.villageCode, householdId: sheet.householdId };
    const findingIds: string[] = [];
    for (const entry of checklist.filter((candidate) => !candidate.passed)) {
      try {
        const finding = await insertFinding(tx, actor, {
          target,
          details: {
            categoryCode: input[entry.item].category!,
            description: findingDescription(entry),
            responsibleUnit: input.responsibleUnit!,
            responsiblePerson: input.responsiblePerson!,
            deadline: input.deadline!,
          },
          source: "REVIEW",
          reviewId: review.id,
          checklistItem: entry.item,
          criterion: criterionOf(entry.item),
        });
        findingIds.push(finding.id);
      } catch (error) {
        // The category chosen for this item is the one refused: show it beside the item.
        const fieldErrors = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors;
        if (fieldErrors?.categoryCode)
          throw ruleViolation(`「${REVIEW_CHECKLIST_ITEM.labels[entry.item]}」：请选择有效的问题类别`, {
            [`${entry.item}.category`]: fieldErrors.categoryCode,
          });
        throw error;
      }
    }

    await recordAudit(tx, actor, {
      action: "inspection.review",
      entityType: "InspectionReview",
      entityId: review.id,
      countyCode: sheet.countyCode,
      after: {
        sheetId: sheet.id,
        householdId: sheet.householdId,
        contentHash: content.hash,
        failedItems: failed,
        note: input.note?.trim() || null,
        findings: findingIds.length,
      },
    });
    return { reviewId: review.id, sheetId: sheet.id, findingIds };
  },
});
