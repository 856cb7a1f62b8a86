"use client";

import type { FormState } from "@/lib/action-result";
import { Disclosure } from "@/components/ui/disclosure";
import { Field } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";

type Common = { name: string; label: string; state: FormState<unknown>; required?: boolean; hint?: string; className?: string };

export function TextField({
  defaultValue,
  inputMode,
  maxLength,
  type = "text",
  autoComplete,
  pattern,
  autoCapitalize,
  max,
  min,
  ...common
}: Common & {
  defaultValue?: string | number | null;
  /** The phone keyboard: "numeric" for digits only (a year, a count), "decimal" for money and areas, "tel" for phone numbers. */
  inputMode?: "text" | "numeric" | "decimal" | "tel";
  maxLength?: number;
  type?: string;
  autoComplete?: string;
  /** Only a hint to the browser's keyboard and styling (forms are noValidate; the server's schema decides). */
  pattern?: string;
  autoCapitalize?: "characters" | "off";
  max?: string;
  min?: string;
}) {
  return (
    <Field {...common}>
      {(props) => (
        <input
          {...props}
          type={type}
          defaultValue={defaultValue ?? ""}
          inputMode={inputMode ?? (type === "tel" ? "tel" : undefined)}
          maxLength={maxLength}
          pattern={pattern}
          autoCapitalize={autoCapitalize}
          max={max}
          min={min}
          // Date pickers in Chinese where the browser follows the field's language.
          lang={type === "date" ? "zh-CN" : undefined}
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
          <label key={option.value} className="flex min-h-11 items-center gap-2 text-sm">
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

/**
 * A group of fields. A required group is always open. An `optional` group is collapsed behind its
 * title (a native <details>, so it works before any script and with the keyboard) unless `open`:
 * the caller opens it when it already holds values of the record; the error summary opens it
 * when one of its fields is refused. Fields in a closed group are still submitted.
 */
export function Section({
  title,
  children,
  optional = false,
  open = false,
  note,
}: {
  title: string;
  children: React.ReactNode;
  optional?: boolean;
  open?: boolean;
  /** A few words after the title of a collapsed group: what it holds or that it is pre-filled. */
  note?: string;
}) {
  const grid = <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>;
  if (!optional) {
    return (
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4" data-section={title}>
        <legend className="px-1 text-base font-semibold text-slate-800">{title}</legend>
        {grid}
      </fieldset>
    );
  }
  return (
    <Disclosure open={open} className="group rounded-lg border border-slate-200 bg-white" data-section={title}>
      <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-4 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 [&::-webkit-details-marker]:hidden">
        <span>
          <span className="text-base font-semibold text-slate-800">{title}</span>
          <span className="ml-2 text-sm text-slate-600">{note ?? "选填"}</span>
        </span>
        <span aria-hidden="true" className="text-slate-600 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <fieldset className="border-t border-slate-200 p-4">
        <legend className="sr-only">{title}</legend>
        {grid}
      </fieldset>
    </Disclosure>
  );
}
