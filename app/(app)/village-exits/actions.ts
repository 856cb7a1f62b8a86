"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { createVillageExitSheet } from "@/lib/exits/create-village-exit-sheet";
import { markVillageExited } from "@/lib/exits/mark-village-exited";
import { recordVillageNotice } from "@/lib/exits/record-village-notice";
import { rejectVillageSheet } from "@/lib/exits/reject-village-sheet";
import { saveVillagePopulation } from "@/lib/exits/save-village-population";
import { signVillageStep } from "@/lib/exits/sign-village-step";
import { updateVillageConditions } from "@/lib/exits/update-village-conditions";
import { uploadVillageEvidence } from "@/lib/exits/upload-village-evidence";
import { runAction } from "@/lib/run-action";
import { formDataToObject } from "@/lib/validation";

type State = FormState<unknown>;

async function villageCommand(formData: FormData, command: (input: Record<string, unknown>) => Promise<unknown>, message: string): Promise<State> {
  const result = await runAction(() => command(formDataToObject(formData)), message);
  if (result.ok) {
    revalidatePath(`/village-exits/${String(formData.get("sheetId"))}`);
    revalidatePath("/village-exits");
  }
  return result;
}

export async function saveVillagePopulationAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => saveVillagePopulation(actor, formDataToObject(formData)), "已保存");
  if (result.ok) revalidatePath("/village-exits");
  return result;
}

export async function createVillageExitSheetAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => createVillageExitSheet(actor, formDataToObject(formData)));
  if (result.ok) redirect(`/village-exits/${result.data?.id}?saved=created`);
  return result;
}

export async function updateVillageConditionsAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return villageCommand(formData, (input) => updateVillageConditions(actor, input), "村级条件已保存");
}

export async function signVillageStepAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return villageCommand(formData, (input) => signVillageStep(actor, input), "已签署");
}

export async function recordVillageNoticeAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return villageCommand(formData, (input) => recordVillageNotice(actor, input), "已登记乡镇内公示");
}

export async function rejectVillageSheetAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return villageCommand(formData, (input) => rejectVillageSheet(actor, input), "已退回乡镇");
}

export async function markVillageExitedAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  return villageCommand(formData, (input) => markVillageExited(actor, input), "已公告出列");
}

export async function uploadVillageEvidenceAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const file = formData.get("file");
  const uploaded = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const result = await runAction(() => uploadVillageEvidence(actor, formDataToObject(formData, { omit: ["file"] }), uploaded), "已上传");
  if (result.ok) revalidatePath(`/village-exits/${String(formData.get("sheetId"))}`);
  return result;
}
