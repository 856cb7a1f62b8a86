"use server";

import { formAction } from "@/lib/commands/form-action";
import { clearReductionTarget, saveReductionTarget } from "@/lib/dashboard/targets";

// The dashboard (/dashboard and below) shows progress against these targets, so it is refreshed too.
const targetPages = () => [{ layout: "/dashboard" }];

export const saveReductionTargetAction = formAction(saveReductionTarget, { message: "减贫任务已保存", revalidate: targetPages });
export const clearReductionTargetAction = formAction(clearReductionTarget, { message: "减贫任务已撤销", revalidate: targetPages });
