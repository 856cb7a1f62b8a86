"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { addMeasure, changeMeasureStatus } from "@/lib/measures/commands";
import { recordVisit, savePlan } from "@/lib/measures/plans-and-visits";
import { reassignHelper } from "@/lib/measures/reassign-helper";
import { runAction } from "@/lib/run-action";
import { formDataToObject } from "@/lib/validation";

type State = FormState<unknown>;
const refresh = (formData: FormData) => revalidatePath(`/households/${String(formData.get("householdId"))}`);

export async function addMeasureAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => addMeasure(actor, formDataToObject(formData)), "措施已添加");
  refresh(formData);
  return result;
}

export async function changeMeasureStatusAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => changeMeasureStatus(actor, formDataToObject(formData)), "状态已更新");
  refresh(formData);
  return result;
}

export async function savePlanAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => savePlan(actor, formDataToObject(formData)), "脱贫计划已保存");
  refresh(formData);
  return result;
}

export async function recordVisitAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const photos = await Promise.all(
    formData
      .getAll("photos")
      .filter((value): value is File => value instanceof File && value.size > 0)
      .map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
  const result = await runAction(() => recordVisit(actor, formDataToObject(formData, { omit: ["photos"] }), photos), "走访记录已保存");
  refresh(formData);
  return result;
}

export async function reassignHelperAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => reassignHelper(actor, formDataToObject(formData)), "帮扶责任人已更换");
  refresh(formData);
  return result;
}
