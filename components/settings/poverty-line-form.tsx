"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  line?: { year: number; amount: string; version: number };
};

export function PovertyLineForm({ action, line }: Props) {
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
        label={line ? `${line.year} 年贫困线（元/人·年）` : "贫困线（元/人·年）"}
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
