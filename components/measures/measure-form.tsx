"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { FUNDING_SOURCE, MEASURE_CATEGORY, POVERTY_CAUSE, type MeasureCategory, type PovertyCause } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { SelectField, TextField } from "@/components/ui/fields";
import { FieldNotesProvider, FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { MeasureFieldNotes, measureNotesOf } from "@/components/quality/measure-save-notes";
import { QualitySavedNotice } from "@/components/quality/saved-notice";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  householdId: string;
  causes: PovertyCause[];
  fittingCategories: Record<string, MeasureCategory[]>;
  items: { id: string; name: string; category: string }[];
};

/** Add a measure: pick the category, then an item of it and the household's causes it addresses. */
export function MeasureForm({ action, householdId, causes, fittingCategories, items }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, undefined, { idempotent: true });
  const [category, setCategory] = useState<MeasureCategory | "">("");
  const categoryItems = items.filter((item) => item.category === category);
  const errors = state && !state.ok ? state.fieldErrors?.addressedCauses : undefined;
  // 疑点数据 of the measure just saved, beside the fields they concern (the fields are cleared for the next measure).
  const notes = measureNotesOf(state);
  return (
    <FieldNotesProvider notes={notes}>
      <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="householdId" value={householdId} />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">措施类别 *</span>
          <select value={category} onChange={(event) => setCategory(event.target.value as MeasureCategory)} className={inputClass} aria-label="措施类别">
            <option value="">请选择</option>
            {optionsOf(MEASURE_CATEGORY).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <SelectField
          key={category}
          name="itemId"
          label="具体措施"
          state={state}
          required
          options={categoryItems.map((item) => ({ value: item.id, label: item.name }))}
          placeholder={category ? "请选择" : "请先选择类别"}
        />
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">针对的致贫原因 *</legend>
          <div className="flex flex-wrap gap-x-4">
            {causes.map((cause) => {
              const fits = !category || fittingCategories[cause]?.includes(category);
              return (
                <label
                  key={cause}
                  className={`flex min-h-10 items-center gap-2 text-sm ${fits ? "" : "text-slate-500"}`}
                  title={fits ? undefined : "该类别不适配此原因"}
                >
                  <input
                    type="checkbox"
                    name="addressedCauses"
                    value={cause}
                    className="h-5 w-5 accent-brand-700"
                    aria-describedby={errors ? "causes-error" : undefined}
                  />
                  {POVERTY_CAUSE.label(cause)}
                  {fits ? null : <span className="text-xs">（不适配）</span>}
                </label>
              );
            })}
          </div>
          {errors ? (
            <p id="causes-error" className="mt-1 text-sm text-red-600">
              {errors.join("；")}
            </p>
          ) : null}
          <MeasureFieldNotes notes={notes.addressedCauses ? { addressedCauses: notes.addressedCauses } : {}} />
        </fieldset>
        <TextField name="startDate" label="开始日期" state={state} type="date" required />
        <TextField name="endDate" label="结束日期" state={state} type="date" />
        <TextField name="amountFen" label="金额（元）" state={state} inputMode="decimal" />
        <SelectField name="fundingSource" label="资金来源" state={state} required options={optionsOf(FUNDING_SOURCE)} placeholder="请选择" />
        <TextField name="responsibleUnit" label="帮扶单位" state={state} required maxLength={60} />
        <SelectField
          name="status"
          label="初始状态"
          state={state}
          options={[
            { value: "PLANNED", label: "计划" },
            { value: "ACTIVE", label: "实施中" },
          ]}
          defaultValue="ACTIVE"
        />
        <TextField name="note" label="备注" state={state} maxLength={500} />
        <div className="space-y-2 sm:col-span-2">
          <OtherFieldNotes />
          <FormMessage state={state} />
          <QualitySavedNotice saved={false} notes={notes} />
          <SubmitButton pending={pending}>添加措施</SubmitButton>
        </div>
      </form>
    </FieldNotesProvider>
  );
}
