"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { closeNotice } from "@/lib/exits/close-notice";
import { openExitSheet } from "@/lib/exits/open-exit-sheet";
import { recordConsent } from "@/lib/exits/record-consent";
import { recordObjection } from "@/lib/exits/record-objection";
import { rejectSheet } from "@/lib/exits/reject-sheet";
import { resolveObjection } from "@/lib/exits/resolve-objection";
import { returnToPoverty } from "@/lib/exits/return-to-poverty";
import { signStep } from "@/lib/exits/sign-step";
import { startNotice } from "@/lib/exits/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/upload-sheet-evidence";
import { runAction } from "@/lib/run-action";
import { formDataToObject } from "@/lib/validation";

type State = FormState<unknown>;

const sheetPath = (formData: FormData) => `/exits/${String(formData.get("sheetId"))}`;

async function sheetCommand(formData: FormData, command: (input: Record<string, unknown>) => Promise<unknown>, message: string): Promise<State> {
  const result = await runAction(() => command(formDataToObject(formData)), message);
  if (result.ok) {
    revalidatePath(sheetPath(formData));
    revalidatePath("/exits");
  }
  return result;
}

export async function openExitSheetAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => openExitSheet(actor, formDataToObject(formData)));
  if (result.ok) redirect(`/exits/${result.data?.id}?saved=opened`);
  return result;
}

export async function signStepAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => signStep(actor, input), "已签署");
}

export async function recordConsentAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => recordConsent(actor, input), "已登记贫困户认可");
}

export async function startNoticeAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => startNotice(actor, input), "已登记公示张贴");
}

export async function closeNoticeAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => closeNotice(actor, input), "公示已结束");
}

export async function recordObjectionAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => recordObjection(actor, input), "异议已登记");
}

export async function resolveObjectionAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => resolveObjection(actor, input), "处理结果已登记");
}

export async function rejectSheetAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return sheetCommand(formData, (input) => rejectSheet(actor, input), "已退回");
}

export async function uploadSheetEvidenceAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const file = formData.get("file");
  const uploaded = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const result = await runAction(() => uploadSheetEvidence(actor, formDataToObject(formData, { omit: ["file"] }), uploaded), "已上传");
  if (result.ok) revalidatePath(sheetPath(formData));
  return result;
}

export async function returnToPovertyAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => returnToPoverty(actor, formDataToObject(formData)), "已标记返贫");
  if (result.ok) {
    const householdId = String(formData.get("householdId"));
    revalidatePath(`/households/${householdId}`);
    revalidatePath(`/households/${householdId}/exit`);
  }
  return result;
}
