"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { ErrorSummary, FieldScope, FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  days: number;
  version: number;
};

/** 走访提醒's day limit (县扶贫办). */
export function VisitDaysForm({ action, days, version }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <FieldScope id="visit">
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label="走访超期天数">
        <ErrorSummary state={state} />
        <input type="hidden" name="version" value={version} />
        <TextField
          name="visitOverdueDays"
          label="超过多少天没有走访记录列入走访提醒（天）"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          defaultValue={days}
          state={state}
          hint="1–365 天"
          className="max-w-sm"
        />
        <FormMessage state={state} />
        <SubmitButton pending={pending}>保存天数</SubmitButton>
      </form>
    </FieldScope>
  );
}
