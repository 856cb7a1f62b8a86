"use server";

import { formAction } from "@/lib/commands/form-action";
import { verifyQualityHit, withdrawQualityMark } from "@/lib/data-quality/marks";

// 已核实无误 (lib/data-quality/marks.ts): the pages to refresh come from the household the command returned.
const pages = ({ householdId }: { householdId: string }) => [`/households/${householdId}`, { layout: "/quality" }, "/"];

export const verifyQualityHitAction = formAction(verifyQualityHit, { files: { one: ["file"] }, message: "已标为已核实无误", revalidate: pages });
export const withdrawQualityMarkAction = formAction(withdrawQualityMark, { message: "标记已撤回，疑点重新打开", revalidate: pages });
