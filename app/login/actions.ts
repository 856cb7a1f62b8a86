"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { SIGN_IN_MESSAGES, type SignInFailureCode } from "@/lib/auth/sign-in";
import type { FormState } from "@/lib/action-result";

/** Only same-site relative paths are followed after sign-in. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await signIn("credentials", {
      username: String(formData.get("username") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeCallback(formData.get("callbackUrl")),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = ((error as { code?: string }).code ?? "INVALID_CREDENTIALS") as SignInFailureCode;
      return { ok: false, code: "UNAUTHENTICATED", message: SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.INVALID_CREDENTIALS };
    }
    throw error;
  }
}
