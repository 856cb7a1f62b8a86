"use server";

import { formAction } from "@/lib/commands/form-action";
import { decideFindingReport, raiseFinding, submitFindingReport } from "@/lib/inspections/findings/commands";

// The workspace shows the open and overdue counts, so it is refreshed with the findings.
const findingPages = () => [{ layout: "/inspections" }];

export const raiseFindingAction = formAction(raiseFinding, {
  message: "问题已登记",
  revalidate: findingPages,
  redirect: (finding) => `/inspections/findings/${finding.id}?saved=raised`,
});
export const submitFindingReportAction = formAction(submitFindingReport, {
  files: { many: ["files"] },
  message: "整改报告已提交，等待督查人员销号",
  revalidate: findingPages,
});
export const decideFindingReportAction = formAction(decideFindingReport, {
  message: "已处理",
  revalidate: findingPages,
});
