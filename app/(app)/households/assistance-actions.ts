"use server";

import { formAction } from "@/lib/commands/form-action";
import { addMeasure, changeMeasureStatus } from "@/lib/measures/commands";
import { recordVisit, savePlan } from "@/lib/measures/plans-and-visits";
import { reassignHelper } from "@/lib/measures/reassign-helper";

const householdPage = ({ householdId }: { householdId: string }) => [`/households/${householdId}`];

export const addMeasureAction = formAction(addMeasure, { message: "措施已添加", revalidate: householdPage });
export const changeMeasureStatusAction = formAction(changeMeasureStatus, { message: "状态已更新", revalidate: householdPage });
export const savePlanAction = formAction(savePlan, { message: "脱贫计划已保存", revalidate: householdPage });
export const recordVisitAction = formAction(recordVisit, { files: { many: ["photos"] }, message: "走访记录已保存", revalidate: householdPage });
export const reassignHelperAction = formAction(reassignHelper, { message: "帮扶责任人已更换", revalidate: householdPage });
