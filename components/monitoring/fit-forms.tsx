"use client";

import type { FormState } from "@/lib/action-result";
import { MEASURE_CATEGORY } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** One risk type's fitting measure categories as tap-sized chips (like the cause–measure matrix); saved with the row's version. */
export function RiskFitForm({ action, type }: { action: Action; type: { code: string; label: string; version: number; categories: string[] } }) {
  const { state, pending, onSubmit, formAction } = useFormAction(
    action,
    null,
    `确定保存"${type.label}"的匹配措施类别吗？这会影响所有监测对象的风险未对应措施判断。`,
  );
  const checked = new Set(type.categories);
  const fieldError = state && !state.ok ? state.fieldErrors?.categories?.[0] : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2" data-testid={`risk-fit-${type.code}`}>
      <input type="hidden" name="code" value={type.code} />
      <input type="hidden" name="version" value={type.version} />
      <fieldset>
        <legend className="sr-only">{type.label}适配的措施类别</legend>
        <div className="flex flex-wrap gap-2">
          {optionsOf(MEASURE_CATEGORY).map((category) => (
            <label
              key={category.value}
              className="inline-flex min-h-11 cursor-pointer items-center gap-2 whitespace-nowrap rounded-full border border-slate-300 px-3 text-sm text-slate-700 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-800"
            >
              <input
                type="checkbox"
                name="categories"
                value={category.value}
                defaultChecked={checked.has(category.value)}
                className="h-4 w-4 accent-brand-700"
              />
              <span>
                <span className="sr-only">{type.label}—</span>
                {category.label}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {fieldError ? (
        <p className="text-sm text-red-700" role="alert">
          {fieldError}
        </p>
      ) : null}
      <FormMessage state={state} />
      <SubmitButton pending={pending}>保存</SubmitButton>
    </form>
  );
}
