"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { runAction } from "@/lib/run-action";
import { savePovertyLine } from "@/lib/settings/commands";
import { formDataToObject } from "@/lib/validation";

export async function savePovertyLineAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => savePovertyLine(actor, formDataToObject(formData)), "贫困线已保存");
  revalidatePath("/settings");
  return result;
}
