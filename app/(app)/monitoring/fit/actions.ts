"use server";

import { formAction } from "@/lib/commands/form-action";
import { saveRiskFit } from "@/lib/monitoring/fit";

export const saveRiskFitAction = formAction(saveRiskFit, { message: "匹配已保存", revalidate: () => ["/monitoring/fit", "/monitoring/unmatched"] });
