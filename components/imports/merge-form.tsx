"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/**
 * 全部导入 is the default and only allowed when nothing is wrong; 只导入无误的户 is a second,
 * explicit choice that names how many households are left out, and asks before it runs.
 */
export function MergeForm({
  action,
  batchId,
  valid,
  leftOut,
  existing,
  updating = 0,
  hasErrors,
  defaultYear,
}: {
  action: Action;
  batchId: string;
  valid: number;
  leftOut: number;
  existing: number;
  /** Of `existing`, the households chosen to be updated from the file. */
  updating?: number;
  hasErrors: boolean;
  defaultYear: number;
}) {
  const [mode, setMode] = useState<"ALL" | "VALID_ONLY">("ALL");
  const confirmText =
    mode === "VALID_ONLY"
      ? `只导入无误的 ${valid} 户，另有 ${leftOut} 户有错误将不导入（见“未导入的户”清单）。确定吗？`
      : `将 ${valid + leftOut} 户全部写入档案${existing ? `（${existing} 户已在档案中：${updating ? `${updating} 户按文件更新，其余` : ""}跳过）` : ""}。确定吗？`;
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, confirmText);
  const yearErrors = state && !state.ok ? state.fieldErrors?.incomeYear : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="batchId" value={batchId} />
      <h2 className="font-medium">确认导入</h2>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">导入方式</legend>
        <label className="flex min-h-11 items-start gap-2 text-sm">
          <input type="radio" name="mode" value="ALL" checked={mode === "ALL"} onChange={() => setMode("ALL")} className="mt-1 h-5 w-5" />
          <span>
            全部导入（全有或全无）
            {hasErrors ? <span className="block text-red-700">文件中有错误，须改正后重新上传才能全部导入。</span> : null}
          </span>
        </label>
        {hasErrors && valid > 0 ? (
          <label className="flex min-h-11 items-start gap-2 text-sm">
            <input
              type="radio"
              name="mode"
              value="VALID_ONLY"
              checked={mode === "VALID_ONLY"}
              onChange={() => setMode("VALID_ONLY")}
              className="mt-1 h-5 w-5"
            />
            <span>
              只导入无误的户（{valid} 户），其余 {leftOut} 户不导入
            </span>
          </label>
        ) : null}
      </fieldset>
      <label className="block max-w-xs text-sm">
        <span className="mb-1 block font-medium text-slate-700">收入所属年度</span>
        <input
          name="incomeYear"
          defaultValue={defaultYear}
          inputMode="numeric"
          maxLength={4}
          className={inputClass}
          aria-invalid={Boolean(yearErrors)}
          aria-describedby={yearErrors ? "income-year-error" : "income-year-hint"}
        />
        <span id="income-year-hint" className="mt-1 block text-xs text-slate-500">
          明细表中的各项收入记入该年度的收入
        </span>
        {yearErrors ? (
          <span id="income-year-error" className="mt-1 block text-sm text-red-600">
            {yearErrors.join("；")}
          </span>
        ) : null}
      </label>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingText="正在写入档案…">
        {mode === "VALID_ONLY" ? `只导入无误的 ${valid} 户` : `导入 ${valid + leftOut} 户`}
        {updating ? `、更新 ${updating} 户` : ""}
      </SubmitButton>
    </form>
  );
}
