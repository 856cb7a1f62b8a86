"use server";

import { formAction } from "@/lib/commands/form-action";
import { createVillageExitSheet } from "@/lib/exits/village/create-village-exit-sheet";
import { markVillageExited } from "@/lib/exits/village/mark-village-exited";
import { recordVillageNotice } from "@/lib/exits/village/record-village-notice";
import { rejectVillageSheet } from "@/lib/exits/village/reject-village-sheet";
import { saveVillagePopulation } from "@/lib/exits/village/save-village-population";
import { signVillageStep } from "@/lib/exits/village/sign-village-step";
import { updateVillageConditions } from "@/lib/exits/village/update-village-conditions";
import { uploadVillageEvidence } from "@/lib/exits/village/upload-village-evidence";

const sheetPages = ({ sheetId }: { sheetId: string }) => [`/village-exits/${sheetId}`, "/village-exits"];

export const saveVillagePopulationAction = formAction(saveVillagePopulation, { message: "已保存", revalidate: () => ["/village-exits"] });
export const createVillageExitSheetAction = formAction(createVillageExitSheet, { redirect: ({ sheetId }) => `/village-exits/${sheetId}?saved=created` });
export const updateVillageConditionsAction = formAction(updateVillageConditions, { message: "村级条件已保存", revalidate: sheetPages });
export const signVillageStepAction = formAction(signVillageStep, { message: "已签署", revalidate: sheetPages });
export const recordVillageNoticeAction = formAction(recordVillageNotice, { message: "已登记乡镇内公示", revalidate: sheetPages });
export const rejectVillageSheetAction = formAction(rejectVillageSheet, { message: "已退回乡镇", revalidate: sheetPages });
export const markVillageExitedAction = formAction(markVillageExited, { message: "已公告出列", revalidate: sheetPages });
export const uploadVillageEvidenceAction = formAction(uploadVillageEvidence, {
  files: { one: ["file"] },
  message: "已上传",
  revalidate: ({ sheetId }) => [`/village-exits/${sheetId}`],
});
