"use server";

import { formAction } from "@/lib/commands/form-action";
import { savePovertyLine, saveQualityLimits, saveRateThresholds, saveVisitOverdueDays } from "@/lib/settings/commands";

export const savePovertyLineAction = formAction(savePovertyLine, { message: "贫困线已保存", revalidate: () => ["/settings"] });
export const saveRateThresholdsAction = formAction(saveRateThresholds, {
  message: "三率一度标准已保存",
  revalidate: () => ["/settings", { layout: "/inspections/rates" }],
});
export const saveQualityLimitsAction = formAction(saveQualityLimits, {
  message: "疑点数据阈值已保存，各户疑点将在下一次统计更新时重算",
  revalidate: () => ["/settings", { layout: "/quality" }],
});
export const saveVisitOverdueDaysAction = formAction(saveVisitOverdueDays, {
  message: "走访超期天数已保存",
  revalidate: () => ["/settings", "/visits/overdue"],
});
