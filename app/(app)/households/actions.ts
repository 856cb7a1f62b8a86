"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { uploadAttachment } from "@/lib/attachments/commands";
import { requireActor } from "@/lib/auth/session";
import { createHousehold } from "@/lib/households/create-household";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { addMember, changeHead, endMembership, updateMember } from "@/lib/members/commands";
import { revealIdNumber } from "@/lib/members/reveal-id-number";
import { runAction } from "@/lib/run-action";
import { formDataToObject, nestFormFields } from "@/lib/validation";

type State = FormState<unknown>;
const householdPage = (formData: FormData) => `/households/${String(formData.get("householdId"))}`;

export async function createHouseholdAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => createHousehold(actor, nestFormFields(formDataToObject(formData))));
  if (result.ok) redirect(`/households/${result.data?.id}?saved=created`);
  return result;
}

export async function updateHouseholdAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => updateHousehold(actor, nestFormFields(formDataToObject(formData))));
  if (result.ok) redirect(`${householdPage(formData)}?saved=household`);
  return result;
}

export async function addMemberAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => addMember(actor, formDataToObject(formData)));
  if (result.ok) redirect(`${householdPage(formData)}?saved=member`);
  return result;
}

export async function updateMemberAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => updateMember(actor, formDataToObject(formData)));
  if (result.ok) redirect(`${householdPage(formData)}?saved=member`);
  return result;
}

export async function endMembershipAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => endMembership(actor, formDataToObject(formData)));
  if (result.ok) redirect(`${householdPage(formData)}?saved=member-ended`);
  return result;
}

export async function saveIncomeAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => saveIncome(actor, formDataToObject(formData)), "收入已保存");
  revalidatePath(householdPage(formData));
  return result;
}

export async function uploadAttachmentAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const file = formData.get("file");
  const uploaded = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const result = await runAction(() => uploadAttachment(actor, formDataToObject(formData, { omit: ["file"] }), uploaded), "已上传");
  revalidatePath(householdPage(formData));
  return result;
}

export async function revealIdNumberAction(_previous: FormState<string>, formData: FormData): Promise<FormState<string>> {
  const actor = await requireActor();
  return runAction(() => revealIdNumber(actor, formDataToObject(formData)));
}

export async function changeHeadAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => changeHead(actor, formDataToObject(formData)));
  if (result.ok) redirect(`${householdPage(formData)}?saved=head-changed`);
  return result;
}
