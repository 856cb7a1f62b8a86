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
      <div className="overflow-x-auto">
        <table className="text-xs" aria-label="致贫原因与措施类别匹配表">
          <thead>
            <tr>
              <th className="sticky left-0 bg-white px-2 py-1 text-left">致贫原因 \ 措施类别</th>
              {optionsOf(MEASURE_CATEGORY).map((category) => (
                <th key={category.value} className="px-1 py-1 font-normal [writing-mode:vertical-rl]">
                  {category.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {optionsOf(POVERTY_CAUSE).map((cause) => (
              <tr key={cause.value} className="border-t border-slate-100">
                <th className="sticky left-0 bg-white px-2 py-1 text-left font-medium">{cause.label}</th>
                {optionsOf(MEASURE_CATEGORY).map((category) => {
                  const value = `${cause.value}:${category.value}`;
                  return (
                    <td key={value} className="px-1 py-1 text-center">
                      <input
                        type="checkbox"
                        name="pairs"
                        value={value}
                        defaultChecked={checked.has(value)}
                        aria-label={`${cause.label}—${category.label}`}
                        className="h-4 w-4 accent-brand-700"
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>保存匹配表</SubmitButton>
    </form>
  );
}
