"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { addCatalogueItem, saveFitMatrix, setCatalogueItemRetired } from "@/lib/measures/catalogue";
import { runAction } from "@/lib/run-action";
import { formDataToObject } from "@/lib/validation";

type State = FormState<unknown>;

export async function addCatalogueItemAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => addCatalogueItem(actor, formDataToObject(formData)), "已添加");
  revalidatePath("/measures/catalogue");
  return result;
}

export async function retireCatalogueItemAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => setCatalogueItemRetired(actor, formDataToObject(formData), true), "已停用");
  revalidatePath("/measures/catalogue");
  return result;
}

export async function restoreCatalogueItemAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => setCatalogueItemRetired(actor, formDataToObject(formData), false), "已恢复");
  revalidatePath("/measures/catalogue");
  return result;
}

export async function saveFitMatrixAction(_previous: State, formData: FormData): Promise<State> {
  const actor = await requireActor();
  const result = await runAction(() => saveFitMatrix(actor, { pairs: formData.getAll("pairs") }), "匹配表已保存");
  revalidatePath("/measures/catalogue");
  return result;
}
