"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  line?: { year: number; amount: string; version: number };
  /** 贫困线 or 监测线: an amount per person and year, set year by year. */
  lineName: string;
};

/** A year's line: a new year, or an edit of an existing one (with its version). */
export function YearlyLineForm({ action, line, lineName }: Props) {
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
        label={line ? `${line.year} 年${lineName}（元/人·年）` : `${lineName}（元/人·年）`}
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
