"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
};

/**
 * The monitoring parameters: the margin above the line, the sharp-drop share, the medical-cost share of net income
 * (all %) and the days for a self-application, with the setting's version.
 */
export function MarginForm({
  action,
  marginPercent,
  dropPercent,
  medicalSharePercent,
  selfApplicationDays,
  version,
}: Props & { marginPercent: string; dropPercent: string; medicalSharePercent: string; selfApplicationDays: string; version: number }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="version" value={version} />
      <TextField name="margin" label="浮动比例（%）" state={state} defaultValue={marginPercent} inputMode="decimal" className="w-40" />
      <TextField name="drop" label="收入骤降比例（%）" state={state} defaultValue={dropPercent} inputMode="decimal" className="w-40" />
      <TextField name="medicalShare" label="医疗支出占纯收入比例（%）" state={state} defaultValue={medicalSharePercent} inputMode="decimal" className="w-56" />
      <TextField
        name="selfApplicationDays"
        label="自主申报办理时限（天）"
        state={state}
        defaultValue={selfApplicationDays}
        inputMode="numeric"
        maxLength={2}
        className="w-48"
      />
      <SubmitButton pending={pending}>保存</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** A new risk type for the county's list. */
export function RiskTypeForm({ action }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      <TextField name="label" label="新增风险类型" state={state} maxLength={20} className="w-56" />
      <SubmitButton pending={pending}>新增</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
