"use client";

import type { FormState } from "@/lib/action-result";
import { MEASURE_CATEGORY, POVERTY_CAUSE } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { SelectField, TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

export function AddItemForm({ action }: { action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-3" noValidate>
      <SelectField name="category" label="类别" state={state} options={optionsOf(MEASURE_CATEGORY)} placeholder="请选择" />
      <TextField name="name" label="措施名称" state={state} maxLength={40} />
      <SubmitButton pending={pending}>添加措施</SubmitButton>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** The cause × category matrix as checkboxes; saving replaces the whole matrix. */
export function FitMatrixForm({ action, pairs }: { action: Action; pairs: string[] }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定保存致贫原因与措施类别的匹配表吗？这会影响所有户的因户施策判断。");
  const checked = new Set(pairs);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      {/* One row per cause with its categories as tap-sized chips: readable at 390 px, no vertical text. */}
      <div className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="fit-matrix">
        {optionsOf(POVERTY_CAUSE).map((cause) => (
          <fieldset key={cause.value} className="p-3">
            <legend className="float-left mb-2 w-full text-sm font-medium text-slate-900">{cause.label}</legend>
            <div className="clear-left flex flex-wrap gap-2">
              {optionsOf(MEASURE_CATEGORY).map((category) => {
                const value = `${cause.value}:${category.value}`;
                return (
                  <label
                    key={value}
                    className="inline-flex min-h-11 cursor-pointer items-center gap-2 whitespace-nowrap rounded-full border border-slate-300 px-3 text-sm text-slate-700 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-800"
                  >
                    <input type="checkbox" name="pairs" value={value} defaultChecked={checked.has(value)} className="h-4 w-4 accent-brand-700" />
                    <span>
                      <span className="sr-only">{cause.label}—</span>
                      {category.label}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>保存匹配表</SubmitButton>
    </form>
  );
}
