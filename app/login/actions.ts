"use server";

import { randomUUID } from "node:crypto";
import { AuthError } from "next-auth";
import { SignInRefused, signIn } from "@/lib/auth/auth";
import type { FormState } from "@/lib/action-result";
import { safeReturnPath } from "@/lib/http/return-path";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await signIn("credentials", {
      username: String(formData.get("username") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeReturnPath(formData.get("callbackUrl")),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof SignInRefused) {
      const code = error.failureCode === "RATE_LIMITED" ? "RATE_LIMITED" : error.failureCode === "DATABASE_UNAVAILABLE" ? "UNEXPECTED" : "UNAUTHENTICATED";
      return { ok: false, code, message: error.userMessage };
    }
    // Any other Auth.js error is a fault, not a wrong password: say so, and log it.
    if (error instanceof AuthError) {
      const ref = randomUUID().slice(0, 8);
      console.error(`[sign-in] 未预期的错误（参考号 ${ref}）`, error);
      return { ok: false, code: "UNEXPECTED", message: `登录时系统出现错误，请稍后重试。如问题持续，请联系管理员并提供参考号 ${ref}` };
    }
    throw error;
  }
}
