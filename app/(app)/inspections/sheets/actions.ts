"use server";

import { formAction } from "@/lib/commands/form-action";
import { saveReview } from "@/lib/inspections/reviews/commands";

export const saveReviewAction = formAction(saveReview, {
  nested: true,
  message: "审查已保存",
  revalidate: () => [{ layout: "/inspections" }],
  redirect: (review) => `/inspections/sheets/${review.sheetId}?saved=${review.findingIds.length}#reviews-title`,
});
