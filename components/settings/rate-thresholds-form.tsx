"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  thresholds: { wrongExitMaxPermille: number; missedMaxPermille: number; approvalMinPermille: number; incidenceMaxPermille: number };
  version: number;
};

const percent = (permille: number) => String(permille / 10);

/** 三率一度 thresholds, typed as percentages. */
export function RateThresholdsForm({ action, thresholds, version }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label="三率一度标准">
      <input type="hidden" name="version" value={version} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField
          name="wrongExitMaxPermille"
          label="错退率低于（%）"
          inputMode="decimal"
          maxLength={5}
          defaultValue={percent(thresholds.wrongExitMaxPermille)}
          state={state}
        />
        <TextField
          name="missedMaxPermille"
          label="漏评率低于（%）"
          inputMode="decimal"
          maxLength={5}
          defaultValue={percent(thresholds.missedMaxPermille)}
          state={state}
        />
        <TextField
          name="approvalMinPermille"
          label="群众认可度不低于（%）"
          inputMode="decimal"
          maxLength={5}
          defaultValue={percent(thresholds.approvalMinPermille)}
          state={state}
        />
        <TextField
          name="incidenceMaxPermille"
          label="综合贫困发生率低于（%）"
          inputMode="decimal"
          maxLength={5}
          defaultValue={percent(thresholds.incidenceMaxPermille)}
          state={state}
          hint="西部省份可设为 3%"
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>保存标准</SubmitButton>
    </form>
  );
}
