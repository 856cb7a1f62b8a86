"use client";

import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(
    signInAction,
    initialError ? { ok: false, code: "UNAUTHENTICATED", message: initialError } : null,
  );
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="username" className="mb-1 block text-sm font-medium text-slate-700">
          用户名
        </label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" required maxLength={40} className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-700">
          密码
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full" pendingText="正在登录…">
        登录
      </SubmitButton>
    </form>
  );
}
