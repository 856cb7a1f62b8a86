"use server";

import { formAction } from "@/lib/commands/form-action";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { recordObjection } from "@/lib/exits/household/record-objection";
import { rejectSheet } from "@/lib/exits/household/reject-sheet";
import { resolveObjection } from "@/lib/exits/household/resolve-objection";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import { returnToPoverty } from "@/lib/households/return-to-poverty";

const sheetPages = ({ sheetId }: { sheetId: string }) => [`/exits/${sheetId}`, "/exits"];

export const openExitSheetAction = formAction(openExitSheet, { redirect: ({ sheetId }) => `/exits/${sheetId}?saved=opened` });
export const signStepAction = formAction(signStep, { message: "已签署", revalidate: sheetPages });
export const recordConsentAction = formAction(recordConsent, { message: "已登记贫困户认可", revalidate: sheetPages });
export const startNoticeAction = formAction(startNotice, { message: "已登记公示张贴", revalidate: sheetPages });
export const closeNoticeAction = formAction(closeNotice, { message: "公示已结束", revalidate: sheetPages });
export const recordObjectionAction = formAction(recordObjection, { message: "异议已登记", revalidate: sheetPages });
export const resolveObjectionAction = formAction(resolveObjection, { message: "处理结果已登记", revalidate: sheetPages });
export const rejectSheetAction = formAction(rejectSheet, { message: "已退回", revalidate: sheetPages });
export const uploadSheetEvidenceAction = formAction(uploadSheetEvidence, {
  files: { one: ["file"] },
  message: "已上传",
  revalidate: ({ sheetId }) => [`/exits/${sheetId}`],
});
export const returnToPovertyAction = formAction(returnToPoverty, {
  message: "已标记返贫",
  revalidate: ({ householdId }) => [`/households/${householdId}`, `/households/${householdId}/exit`],
});
