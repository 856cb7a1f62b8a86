"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { fenToYuanString } from "@/lib/income/money";
import { INCOME_FIELDS, type IncomeField } from "@/lib/income/schema";
import { TextField } from "@/components/ui/fields";
import { FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type IncomeValues = { year: number; version: number } & { [K in IncomeField]: number };

type Props = {
  householdId: string;
  records: IncomeValues[];
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
};

/** Enter or correct a year's income components in yuan; the server computes everything else. */
export function IncomeForm({ householdId, records, action }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const [year, setYear] = useState(records[0]?.year ?? new Date().getFullYear());
  const existing = records.find((record) => record.year === year);
  return (
    <form action={formAction} onSubmit={onSubmit} key={`${year}-${existing?.version ?? 0}`} className="grid grid-cols-2 gap-3 sm:grid-cols-4" noValidate>
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="version" value={existing?.version ?? 0} />
      <div>
        <label htmlFor="income-year" className="mb-1 block text-sm font-medium text-slate-700">
          年度
        </label>
        <input
          id="income-year"
          name="year"
          inputMode="numeric"
          maxLength={4}
          value={year}
          onChange={(event) => setYear(Number(event.target.value) || 0)}
          className={inputClass}
        />
      </div>
      {INCOME_FIELDS.map(([field, label]) => (
        <TextField
          key={field}
          name={field}
          label={`${label}（元）`}
          state={state}
          defaultValue={existing ? fenToYuanString(existing[field]) : ""}
          inputMode="decimal"
        />
      ))}
      <div className="col-span-2 space-y-2 sm:col-span-4">
        <OtherFieldNotes />
        <FormMessage state={state} />
        <SubmitButton pending={pending}>{existing ? `保存 ${year} 年收入修改` : `登记 ${year} 年收入`}</SubmitButton>
      </div>
    </form>
  );
}
