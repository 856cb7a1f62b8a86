"use client";

import type { FormState } from "@/lib/action-result";
import { Field } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";

type Common = { name: string; label: string; state: FormState<unknown>; required?: boolean; hint?: string; className?: string };

export function TextField({
  defaultValue,
  inputMode,
  maxLength,
  type = "text",
  autoComplete,
  ...common
}: Common & {
  defaultValue?: string | number | null;
  inputMode?: "text" | "numeric" | "decimal" | "tel";
  maxLength?: number;
  type?: string;
  autoComplete?: string;
}) {
  return (
    <Field {...common}>
      {(props) => (
        <input
          {...props}
          type={type}
          defaultValue={defaultValue ?? ""}
          inputMode={inputMode}
          maxLength={maxLength}
          autoComplete={autoComplete ?? "off"}
          className={inputClass}
        />
      )}
    </Field>
  );
}

export function SelectField({
  options,
  defaultValue,
  placeholder,
  ...common
}: Common & { options: { value: string; label: string }[]; defaultValue?: string | null; placeholder?: string }) {
  return (
    <Field {...common}>
      {(props) => (
        <select {...props} defaultValue={defaultValue ?? ""} className={inputClass}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="h-5 w-5 accent-brand-700" />
      {label}
    </label>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  defaultValues = [],
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
}) {
  return (
    <fieldset className="sm:col-span-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4">
        {options.map((option) => (
          <label key={option.value} className="flex min-h-10 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={defaultValues.includes(option.value)}
              className="h-5 w-5 accent-brand-700"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-base font-semibold text-slate-800">{title}</legend>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
