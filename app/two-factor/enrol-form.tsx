"use client";

import { useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { confirmEnrolmentAction } from "./actions";

export function EnrolForm({ returnPath }: { returnPath: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(confirmEnrolmentAction);
  const [saved, setSaved] = useState(false);
  const recoveryCodes = state?.ok ? state.data?.recoveryCodes : undefined;

  if (recoveryCodes) {
    return (
      <section aria-labelledby="recovery-title" className="space-y-3">
        <h2 id="recovery-title" className="font-medium text-green-800">
          两步验证已启用。请保存以下恢复码
        </h2>
        <p className="text-sm text-slate-600">
          手机丢失或无法使用验证器时，可用恢复码代替验证码登录，每个只能用一次。恢复码只显示这一次，请抄写或打印后妥善保管，不要存放在同一部手机上。
        </p>
        <ol className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm" data-testid="recovery-codes">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} className="h-5 w-5" />
          我已保存这些恢复码
        </label>
        {saved ? (
          <a
            href={returnPath}
            className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-base font-medium text-white hover:bg-brand-800"
          >
            我已保存，进入系统
          </a>
        ) : (
          <button
            type="button"
            disabled
            className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-base font-medium text-white opacity-60"
          >
            我已保存，进入系统
          </button>
        )}
      </section>
    );
  }

  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field name="code" label="验证器显示的 6 位验证码" state={state} required>
        {(props) => <input {...props} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full" pendingText="正在验证…">
        确认并启用
      </SubmitButton>
    </form>
  );
}
