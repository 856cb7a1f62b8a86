"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import type { FormState } from "@/lib/action-result";
import { runAction } from "@/lib/run-action";
import { createUser, resetPassword, resetTwoFactor, setUserActive, signOutEverywhere, updateUser } from "@/lib/users/commands";
import { formDataToObject } from "@/lib/validation";

export async function createUserAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => createUser(actor, formDataToObject(formData)));
  if (result.ok) redirect(`/admin/users/${result.data?.id}?created=1`);
  return result;
}

export async function updateUserAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => updateUser(actor, formDataToObject(formData)), "已保存");
  revalidatePath("/admin/users", "layout");
  return result;
}

export async function disableUserAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => setUserActive(actor, formDataToObject(formData), false), "已停用，该用户的会话已失效");
  revalidatePath("/admin/users", "layout");
  return result;
}

export async function enableUserAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => setUserActive(actor, formDataToObject(formData), true), "已启用");
  revalidatePath("/admin/users", "layout");
  return result;
}

export async function resetPasswordAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => resetPassword(actor, formDataToObject(formData)), "密码已重置，该用户需用新密码重新登录");
  revalidatePath("/admin/users", "layout");
  return result;
}

export async function signOutEverywhereAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => signOutEverywhere(actor, formDataToObject(formData)), "该用户的所有会话已失效");
  revalidatePath("/admin/users", "layout");
  return result;
}

export async function resetTwoFactorAction(_previous: FormState<unknown>, formData: FormData): Promise<FormState<unknown>> {
  const actor = await requireActor();
  const result = await runAction(() => resetTwoFactor(actor, formDataToObject(formData)), "两步验证已重置，该用户下次操作时须重新设置");
  revalidatePath("/admin/users", "layout");
  return result;
}
