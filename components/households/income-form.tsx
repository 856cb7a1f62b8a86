"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { fenToYuanString } from "@/lib/income/money";
import { INCOME_FIELDS, MEDICAL_FIELD, type IncomeField } from "@/lib/income/schema";
import { Section, TextField } from "@/components/ui/fields";
import { ErrorSummary, Field, FieldScope, FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { DraftBanner } from "@/components/offline/draft-banner";
import { OfflineNotice } from "@/components/offline/offline-notice";
import { useOfflineFormAction } from "@/components/offline/use-offline-form";

type IncomeValues = { year: number; version: number; medicalOutOfPocketFen: number | null } & { [K in IncomeField]: number };

type Props = {
  householdId: string;
  records: IncomeValues[];
  /** The year the form opens on (`/households/<id>?year=`); otherwise the latest year recorded. */
  initialYear?: number;
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
};

/** The amounts usually filled in first; the property and transfer incomes are folded unless the year already has some. */
const MAIN_FIELDS: readonly IncomeField[] = ["wageFen", "businessIncomeFen", "businessExpenseFen"];

/** The income form's offline mark: one per household and year. */
export const incomeFormKey = (householdId: string, year: number | string) => `income:${householdId}:${year}`;

/** Enter or correct a year's income components in yuan; the server computes everything else. */
export function IncomeForm({ householdId, records, initialYear, action }: Props) {
  const [year, setYear] = useState(initialYear ?? records[0]?.year ?? new Date().getFullYear());
  // Savable with no signal, one draft per household and year. The year switches here in the browser, so the page
  // that renders this year's form (for the record's current values after a stale version) is `?year=<year>`.
  const { state, pending, onSubmit, formAction, offlineNotice, formProps, savedDraft } = useOfflineFormAction(action, {
    kind: "income",
    formKey: incomeFormKey(householdId, year),
    title: (formData) => `${String(formData.get("year") ?? year)} 年收入`,
    pageUrl: `/households/${householdId}?year=${year}`,
    openUrl: `/households/${householdId}`,
    accepts: (draft) => draft.kind === "income" && draft.formKey.startsWith(incomeFormKey(householdId, "")),
    prepare: (draft) => setYear(Number(draft.mine.year?.[0]) || year),
  });
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
      <form action={formAction} onSubmit={onSubmit} className="space-y-3" noValidate aria-label="年度收入" {...formProps}>
        <ErrorSummary state={state} />
        <DraftBanner saved={savedDraft} />
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
        <Section title="合规自付医疗费用" optional open={existing?.medicalOutOfPocketFen != null} note="不计入收入，用于医疗支出预警；未掌握的不填">
          <TextField
            name={MEDICAL_FIELD[0]}
            label={`${MEDICAL_FIELD[1]}（元）`}
            state={state}
            defaultValue={existing?.medicalOutOfPocketFen != null ? fenToYuanString(existing.medicalOutOfPocketFen) : ""}
            inputMode="decimal"
            pattern="[0-9]*[.,]?[0-9]{0,2}"
            hint="本年度符合规定的医疗费用经基本医保、大病保险、医疗救助等报销后由家庭自付的部分。它既不是收入，也不从纯收入中扣减；超过家庭纯收入的规定比例时列为预警。"
          />
        </Section>
        <div className="space-y-2">
          <OtherFieldNotes />
          <FormMessage state={state} />
          <OfflineNotice text={offlineNotice} />
          <SubmitButton pending={pending}>{existing ? `保存 ${year} 年收入修改` : `登记 ${year} 年收入`}</SubmitButton>
        </div>
      </form>
    </FieldScope>
  );
}
