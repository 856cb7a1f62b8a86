"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";
import { currentSessionRef } from "@/lib/auth/session";
import { confirmEnrolment, verifySecondFactor } from "@/lib/auth/two-factor";
import type { FormState } from "@/lib/action-result";
import { runAction } from "@/lib/run-action";
import { safeReturnPath } from "@/lib/http/return-path";

// Each action acts on the session in the request's own token, never on an id from the form.
const SIGNED_OUT = { ok: false, code: "UNAUTHENTICATED", message: "登录已失效，请重新登录" } as const;

export async function confirmEnrolmentAction(
  _previous: FormState<{ recoveryCodes: string[] }>,
  formData: FormData,
): Promise<FormState<{ recoveryCodes: string[] }>> {
  const current = await currentSessionRef();
  if (!current) return SIGNED_OUT;
  return runAction(() => confirmEnrolment(current.ref, current.ip, { code: formData.get("code") }), "两步验证已启用");
}

export async function verifyCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const current = await currentSessionRef();
  if (!current) return SIGNED_OUT;
  const result = await runAction(() => verifySecondFactor(current.ref, current.ip, { code: formData.get("code") }));
  if (result.ok) redirect(safeReturnPath(formData.get("callbackUrl"), { never: "/two-factor" }));
  return result;
}

export async function verifyRecoveryCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const current = await currentSessionRef();
  if (!current) return SIGNED_OUT;
  const result = await runAction(() => verifySecondFactor(current.ref, current.ip, { recoveryCode: formData.get("recoveryCode") }));
  if (result.ok) redirect(safeReturnPath(formData.get("callbackUrl"), { never: "/two-factor" }));
  return result;
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
