"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { ResponsibilityFields } from "@/components/inspections/findings/finding-forms";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

type Props = {
  action: Action;
  sheetId: string;
  items: { code: string; label: string }[];
  categories: { code: string; name: string }[];
  defaults: Record<string, string>;
  today: string;
  defaultUnit: string;
};

function errorOf(state: FormState<unknown>, name: string) {
  return state && !state.ok ? state.fieldErrors?.[name]?.join("；") : undefined;
}

/** The checklist: each item 合格 / 不合格 with a note; 不合格 items pick a category and raise a finding each. */
export function ReviewForm({ action, sheetId, items, categories, defaults, today, defaultUnit }: Props) {
  const [results, setResults] = useState<Record<string, "PASS" | "FAIL" | undefined>>({});
  const failed = items.filter((item) => results[item.code] === "FAIL");
  const { state, pending, onSubmit, formAction } = useFormAction(
    action,
    null,
    failed.length
      ? `有 ${failed.length} 项不合格，保存后将为每项提出一个督查问题，交问题所在乡镇、村整改。确定保存审查吗？`
      : "确定保存审查吗？审查记录保存后不能修改。",
  );
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="审查清单">
      <input type="hidden" name="sheetId" value={sheetId} />
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {items.map((item) => {
          const result = results[item.code];
          const resultError = result ? undefined : errorOf(state, `${item.code}.result`);
          const noteError = errorOf(state, `${item.code}.note`);
          const categoryError = errorOf(state, `${item.code}.category`);
          return (
            <li key={item.code} className={`space-y-2 p-3 ${result === "FAIL" ? "bg-red-50/50" : ""}`} data-testid={`check-${item.code}`}>
              <fieldset>
                <legend className="text-sm font-medium">{item.label}</legend>
                <div className="mt-1 flex flex-wrap gap-x-6">
                  {(
                    [
                      ["PASS", "合格"],
                      ["FAIL", "不合格"],
                    ] as const
                  ).map(([value, label]) => (
                    <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                      <input
                        type="radio"
                        name={`${item.code}.result`}
                        value={value}
                        checked={result === value}
                        onChange={() => setResults((current) => ({ ...current, [item.code]: value }))}
                        aria-describedby={resultError ? `result-${item.code}-error` : undefined}
                        className="h-5 w-5 accent-brand-700"
                      />
                      {label}
                    </label>
                  ))}
                </div>
                {resultError ? (
                  <p id={`result-${item.code}-error`} className="text-sm text-red-600">
                    {resultError}
                  </p>
                ) : null}
              </fieldset>
              <div className={result === "FAIL" ? "grid grid-cols-1 gap-2 sm:grid-cols-[2fr_1fr]" : ""}>
                <div>
                  <label htmlFor={`note-${item.code}`} className="mb-1 block text-xs text-slate-600">
                    {result === "FAIL" ? "问题说明（必填，即督查问题的描述）" : "说明（可选）"}
                  </label>
                  <input
                    id={`note-${item.code}`}
                    name={`${item.code}.note`}
                    maxLength={500}
                    autoComplete="off"
                    aria-invalid={Boolean(noteError)}
                    className={inputClass}
                  />
                  {noteError ? <p className="mt-1 text-sm text-red-600">{noteError}</p> : null}
                </div>
                {result === "FAIL" ? (
                  <div>
                    <label htmlFor={`category-${item.code}`} className="mb-1 block text-xs text-slate-600">
                      问题类别
                    </label>
                    <select
                      id={`category-${item.code}`}
                      name={`${item.code}.category`}
                      defaultValue={categories.some((category) => category.code === defaults[item.code]) ? defaults[item.code] : ""}
                      aria-invalid={Boolean(categoryError)}
                      className={inputClass}
                    >
                      <option value="">请选择</option>
                      {categories.map((category) => (
                        <option key={category.code} value={category.code}>
                          {category.name}
                        </option>
                      ))}
                    </select>
                    {categoryError ? <p className="mt-1 text-sm text-red-600">{categoryError}</p> : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {failed.length ? (
        <fieldset className="space-y-2 rounded-md border border-red-200 p-3">
          <legend className="px-1 text-sm font-medium text-red-800">不合格项的整改要求（{failed.length} 项共用）</legend>
          <ResponsibilityFieldsWithDefault state={state} today={today} defaultUnit={defaultUnit} />
        </fieldset>
      ) : null}
      <div>
        <label htmlFor="review-note" className="mb-1 block text-sm font-medium text-slate-700">
          审查意见（可选）
        </label>
        <textarea id="review-note" name="note" rows={3} maxLength={1000} className={inputClass} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        {failed.length ? `保存审查并提出 ${failed.length} 个问题` : "保存审查"}
      </SubmitButton>
    </form>
  );
}

function ResponsibilityFieldsWithDefault({ state, today, defaultUnit }: { state: FormState<unknown>; today: string; defaultUnit: string }) {
  return (
    <div className="space-y-1">
      <ResponsibilityFields state={state} today={today} />
      <p className="text-xs text-slate-500">责任单位一般为该户所在乡镇（{defaultUnit}）或村两委。</p>
    </div>
  );
}
