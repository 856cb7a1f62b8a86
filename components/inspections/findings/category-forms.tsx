"use client";

import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** A one-line name form (new category, or renaming one); ids carry the row so every row can have one. */
export function CategoryNameForm({
  action,
  id,
  label,
  button,
  hidden = {},
  defaultValue,
}: {
  action: Action;
  id: string;
  label: string;
  button: string;
  hidden?: Record<string, string | number>;
  defaultValue?: string;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const errors = state && !state.ok ? state.fieldErrors?.name : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <label htmlFor={`category-${id}`} className="sr-only">
            {label}
          </label>
          <input
            id={`category-${id}`}
            name="name"
            defaultValue={defaultValue}
            maxLength={30}
            autoComplete="off"
            placeholder="类别名称"
            aria-invalid={Boolean(errors)}
            aria-describedby={errors ? `category-${id}-error` : undefined}
            className={inputClass}
          />
          {errors ? (
            <p id={`category-${id}-error`} className="mt-1 text-sm text-red-600">
              {errors.join("；")}
            </p>
          ) : null}
        </div>
        <SubmitButton pending={pending} className="w-full sm:w-auto">
          {button}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
