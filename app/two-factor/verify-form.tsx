"use client";

import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { verifyCodeAction, verifyRecoveryCodeAction } from "./actions";

export function VerifyForm({ returnPath }: { returnPath: string }) {
  const code = useFormAction(verifyCodeAction);
  const recovery = useFormAction(verifyRecoveryCodeAction);
  return (
    <div className="space-y-5">
      <form action={code.formAction} onSubmit={code.onSubmit} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={returnPath} />
        <Field name="code" label="验证器显示的 6 位验证码" state={code.state} required>
          {(props) => (
            <input {...props} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required autoFocus className={inputClass} />
          )}
        </Field>
        <FormMessage state={code.state} />
        <SubmitButton pending={code.pending} className="w-full" pendingText="正在验证…">
          验证
        </SubmitButton>
      </form>
      <details className="rounded-md border border-slate-200 p-3 text-sm">
        <summary className="cursor-pointer text-slate-700">无法使用验证器？使用恢复码</summary>
        <form action={recovery.formAction} onSubmit={recovery.onSubmit} className="mt-3 space-y-3" noValidate>
          <input type="hidden" name="callbackUrl" value={returnPath} />
          <Field name="recoveryCode" label="恢复码" hint="启用两步验证时保存的恢复码之一，每个只能用一次" state={recovery.state} required>
            {(props) => <input {...props} autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40} required className={inputClass} />}
          </Field>
          <FormMessage state={recovery.state} />
          <SubmitButton pending={recovery.pending} className="w-full" pendingText="正在验证…">
            使用恢复码
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
