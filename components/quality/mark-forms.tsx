"use client";

import { useRef } from "react";
import type { FormState } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** The hit a mark is about: its household, rule, member and field (hit rows are rewritten by every recompute, so not their id). */
export type MarkTarget = { householdId: string; ruleCode: string; memberId: string | null; field: string };

/**
 * 标为已核实无误 (lib/data-quality/marks.ts): a reason (required) and an optional evidence file, asked for after a
 * confirmation. Folded under the hit so a list of many stays short on a phone.
 */
export function VerifyHitForm({ action, target, maxMegabytes }: { action: Action; target: MarkTarget; maxMegabytes: number }) {
  const { state, pending, onSubmit, formAction } = useFormAction(
    action,
    null,
    "确定将这条疑点标为“已核实无误”吗？标记后它不再计入待处理疑点；它所读取的数据一旦变化，会自动重新打开。",
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const key = `${target.ruleCode}-${target.memberId ?? "h"}-${target.field}`;
  const reasonError = state && !state.ok ? state.fieldErrors?.reason?.[0] : undefined;
  if (state?.ok) {
    return (
      <p role="status" className="text-sm text-green-800" data-testid="verify-done">
        {state.message}
      </p>
    );
  }
  return (
    <details className="mt-1 text-sm" data-testid="verify-hit">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 hover:underline">标为已核实无误…</summary>
      <form
        action={formAction}
        noValidate
        aria-label={`将 ${target.ruleCode} 标为已核实无误`}
        className="mt-2 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
        onSubmit={(event) => {
          const file = fileInput.current?.files?.[0];
          if (file && file.size > maxMegabytes * 1024 * 1024) {
            event.preventDefault();
            window.alert(`文件过大，单个文件不能超过 ${maxMegabytes} MB`);
            return;
          }
          onSubmit(event);
        }}
      >
        <input type="hidden" name="householdId" value={target.householdId} />
        <input type="hidden" name="ruleCode" value={target.ruleCode} />
        <input type="hidden" name="memberId" value={target.memberId ?? ""} />
        <input type="hidden" name="field" value={target.field} />
        <label className="block">
          <span className="mb-1 block font-medium text-slate-700">
            核实理由<span className="ml-0.5 text-red-600">*</span>
          </span>
          <textarea
            name="reason"
            rows={3}
            maxLength={500}
            required
            aria-invalid={Boolean(reasonError)}
            aria-describedby={`reason-hint-${key}`}
            className={inputClass}
          />
          <span id={`reason-hint-${key}`} className="mt-1 block text-xs text-slate-500">
            写明核对了什么（如户口簿、入户查看），4–500 字
          </span>
          {reasonError ? <span className="mt-1 block text-red-700">{reasonError}</span> : null}
        </label>
        <label className="block">
          <span className="mb-1 block font-medium text-slate-700">佐证材料（可选，照片或 PDF，不超过 {maxMegabytes} MB）</span>
          <input ref={fileInput} type="file" name="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="block min-h-11 w-full text-sm" />
          {state && !state.ok && state.fieldErrors?.file ? <span className="mt-1 block text-red-700">{state.fieldErrors.file[0]}</span> : null}
        </label>
        <FormMessage state={state} />
        <SubmitButton pending={pending} className="w-full sm:w-auto">
          确认已核实无误
        </SubmitButton>
      </form>
    </details>
  );
}

/** 撤回标记: the hit is open again; asked before. */
export function WithdrawMarkForm({ action, markId, version }: { action: Action; markId: string; version: number }) {
  return (
    <ActionForm
      action={action}
      hidden={{ markId, version }}
      label="撤回标记"
      tone="danger"
      confirmText="确定撤回“已核实无误”标记吗？撤回后这条疑点重新计入待处理疑点。"
    />
  );
}
