"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  line?: { year: number; amount: string; version: number };
};

/** A year's monitoring line: a new year, or an edit of an existing one (with its version). */
export function MonitoringLineForm({ action, line }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      {line ? (
        <>
          <input type="hidden" name="year" value={line.year} />
          <input type="hidden" name="version" value={line.version} />
        </>
      ) : (
        <TextField name="year" label="年度" state={state} inputMode="numeric" maxLength={4} className="w-28" />
      )}
      <TextField
        name="amount"
        label={line ? `${line.year} 年监测线（元/人·年）` : "监测线（元/人·年）"}
        state={state}
        defaultValue={line?.amount}
        inputMode="decimal"
        className="w-48"
      />
      <SubmitButton pending={pending}>{line ? "修改" : "新增年度"}</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** The margin above the line, as a percentage with the setting's version. */
export function MarginForm({ action, marginPercent, version }: Props & { marginPercent: string; version: number }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="version" value={version} />
      <TextField name="margin" label="浮动比例（%）" state={state} defaultValue={marginPercent} inputMode="decimal" className="w-40" />
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
