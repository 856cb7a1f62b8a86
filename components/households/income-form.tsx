"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { fenToYuanString } from "@/lib/income/money";
import { INCOME_FIELDS, type IncomeField } from "@/lib/income/schema";
import { Section, TextField } from "@/components/ui/fields";
import { ErrorSummary, Field, FieldScope, FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type IncomeValues = { year: number; version: number } & { [K in IncomeField]: number };

type Props = {
  householdId: string;
  records: IncomeValues[];
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
};

/** The amounts usually filled in first; the property and transfer incomes are folded unless the year already has some. */
const MAIN_FIELDS: readonly IncomeField[] = ["wageFen", "businessIncomeFen", "businessExpenseFen"];

/** Enter or correct a year's income components in yuan; the server computes everything else. */
export function IncomeForm({ householdId, records, action }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const [year, setYear] = useState(records[0]?.year ?? new Date().getFullYear());
  const existing = records.find((record) => record.year === year);
  const amount = ([field, label]: (typeof INCOME_FIELDS)[number]) => (
    <TextField
      key={field}
      name={field}
      label={`${label}（元）`}
      state={state}
      defaultValue={existing ? fenToYuanString(existing[field]) : ""}
      inputMode="decimal"
      pattern="[0-9]*[.,]?[0-9]{0,2}"
    />
  );
  const others = INCOME_FIELDS.filter(([field]) => !MAIN_FIELDS.includes(field));
  // Scoped ids (field-income-…): the household page also holds the 脱贫计划 form with its own "year".
  return (
    <FieldScope id="income">
      <form action={formAction} onSubmit={onSubmit} className="space-y-3" noValidate aria-label="年度收入">
        <ErrorSummary state={state} />
        <input type="hidden" name="householdId" value={householdId} />
        <input type="hidden" name="version" value={existing?.version ?? 0} />
        <Section title="年度与工资性、生产经营性收支">
          <Field name="year" label="年度" state={state} required>
            {(props) => (
              <input
                {...props}
                name="year"
                inputMode="numeric"
                pattern="[0-9]*"
                maxLength={4}
                value={year}
                onChange={(event) => setYear(Number(event.target.value) || 0)}
                className={inputClass}
              />
            )}
          </Field>
          {INCOME_FIELDS.filter(([field]) => MAIN_FIELDS.includes(field)).map(amount)}
        </Section>
        <Section
          title="财产性与转移性收入"
          optional
          open={Boolean(existing && others.some(([field]) => existing[field] !== 0))}
          note="低保金、特困供养金、养老金等；没有的不填"
        >
          {others.map(amount)}
        </Section>
        <div className="space-y-2">
          <OtherFieldNotes />
          <FormMessage state={state} />
          <SubmitButton pending={pending}>{existing ? `保存 ${year} 年收入修改` : `登记 ${year} 年收入`}</SubmitButton>
        </div>
      </form>
    </FieldScope>
  );
}
