"use server";

import { formAction } from "@/lib/commands/form-action";
import { checkWarning, screenIncomeWarnings } from "@/lib/monitoring/warnings";

export const screenIncomeWarningsAction = formAction(screenIncomeWarnings, {
  message: "筛查完成，新产生的预警已列入下表",
  revalidate: () => ["/monitoring/warnings"],
});
export const checkWarningAction = formAction(checkWarning, {
  message: "核实结果已保存",
  revalidate: () => ["/monitoring/warnings", { layout: "/monitoring" }],
});
