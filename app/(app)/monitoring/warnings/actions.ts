"use server";

import { formAction } from "@/lib/commands/form-action";
import { checkWarning, raiseWarning, screenIncomeWarnings } from "@/lib/monitoring/warnings";
import { uploadDepartmentList } from "@/lib/monitoring/warnings-department";

export const screenIncomeWarningsAction = formAction(screenIncomeWarnings, {
  message: "筛查完成，新产生的预警已列入下表",
  revalidate: () => ["/monitoring/warnings"],
});
export const checkWarningAction = formAction(checkWarning, {
  message: "核实结果已保存",
  revalidate: () => ["/monitoring/warnings", { layout: "/monitoring" }],
});
export const uploadDepartmentListAction = formAction(uploadDepartmentList, {
  message: "名单已比对",
  files: { one: ["file"] },
  revalidate: () => ["/monitoring/warnings"],
});
export const raiseWarningAction = formAction(raiseWarning, {
  message: "预警已登记，请在规定天数内核实",
  revalidate: () => ["/monitoring/warnings"],
});
