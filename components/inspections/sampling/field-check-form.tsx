"use client";

import { useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/fields";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/action-result";
import type { FormActionFn } from "./types";

type Option = { value: string; label: string };

type Props = {
  action: FormActionFn;
  roundId: string;
  kind: "EXITED" | "LISTED";
  entryId: string;
  today: string;
  criteria: Option[];
  satisfaction: Option[];
  defaultQuestion: string;
  defaultUnit: string;
  defaultDeadline: string;
  approvalNote: string;
};

function Choice({
  name,
  legend,
  options,
  value,
  onChange,
  state,
}: {
  name: string;
  legend: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  state: FormState<unknown>;
}) {
  const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return (
    <fieldset aria-describedby={errors ? `${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">
        {legend}
        <span className="ml-0.5 text-red-600">*</span>
      </legend>
      <div className="grid grid-cols-2 gap-2">
        {options.map((option) => (
          <label
            key={option.value}
            className={`flex min-h-12 items-center gap-2 rounded-md border px-3 text-base ${value === option.value ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="h-5 w-5 accent-brand-700"
            />
            {option.label}
          </label>
        ))}
      </div>
      {errors ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </fieldset>
  );
}

const YES_NO = (yes: string, no: string): Option[] => [
  { value: "YES", label: yes },
  { value: "NO", label: no },
];

/** 入户核查 on a phone: one column, large choices, only the questions that apply to the answers so far. */
export function FieldCheckForm(props: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(props.action, null, "核查结果登记后不能修改，确定提交吗？");
  const [atHome, setAtHome] = useState("");
  const [meets, setMeets] = useState("");
  const [shouldRegister, setShouldRegister] = useState("");
  const [satisfaction, setSatisfaction] = useState("");
  const exited = props.kind === "EXITED";
  const raises = atHome === "YES" && ((exited && meets === "NO") || (!exited && shouldRegister === "YES"));
  const criteriaErrors = state && !state.ok ? state.fieldErrors?.failedCriteria : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate encType="multipart/form-data" className="space-y-4" aria-label="入户核查">
      <input type="hidden" name="roundId" value={props.roundId} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="entryId" value={props.entryId} />
      <TextField name="visitedOn" label="核查日期" type="date" required defaultValue={props.today} state={state} />
      <Choice name="atHome" legend="是否见到农户" options={YES_NO("见到农户", "未见到（不在家等）")} value={atHome} onChange={setAtHome} state={state} />

      {atHome === "YES" && exited ? (
        <>
          <Choice name="meetsStandard" legend="是否符合退出标准" options={YES_NO("符合", "不符合（错退）")} value={meets} onChange={setMeets} state={state} />
          {meets === "NO" ? (
            <fieldset aria-describedby={criteriaErrors ? "failedCriteria-error" : undefined}>
              <legend className="mb-1 text-sm font-medium text-slate-700">
                未达到的标准<span className="ml-0.5 text-red-600">*</span>
              </legend>
              <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
                {props.criteria.map((criterion) => (
                  <label key={criterion.value} className="flex min-h-11 items-center gap-2 text-base">
                    <input type="checkbox" name="failedCriteria" value={criterion.value} className="h-5 w-5 accent-brand-700" />
                    {criterion.label}
                  </label>
                ))}
              </div>
              {criteriaErrors ? (
                <p id="failedCriteria-error" className="mt-1 text-sm text-red-600">
                  {criteriaErrors.join("；")}
                </p>
              ) : null}
            </fieldset>
          ) : null}
        </>
      ) : null}

      {atHome === "YES" && !exited ? (
        <>
          <Choice
            name="shouldRegister"
            legend="是否应纳入建档立卡"
            options={YES_NO("应纳入（漏评）", "不应纳入")}
            value={shouldRegister}
            onChange={setShouldRegister}
            state={state}
          />
          <TextField name="people" label="家庭人口（人）" required inputMode="numeric" maxLength={2} state={state} />
        </>
      ) : null}

      {atHome === "YES" ? (
        <>
          <TextField
            name="question"
            label="询问内容"
            defaultValue={props.defaultQuestion}
            maxLength={200}
            state={state}
            hint="群众认可度按实际询问的问题记录"
          />
          <Choice
            name="satisfaction"
            legend="群众认可度（农户的回答）"
            options={props.satisfaction}
            value={satisfaction}
            onChange={setSatisfaction}
            state={state}
          />
          <p className="text-xs text-slate-500">{props.approvalNote}</p>
        </>
      ) : null}

      {raises ? (
        <fieldset className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <legend className="px-1 text-sm font-semibold text-amber-900">{exited ? "将提出“错退”问题" : "将提出“漏评”问题"}，请填写整改要求</legend>
          <TextField name="responsibleUnit" label="责任单位" required defaultValue={props.defaultUnit} maxLength={60} state={state} />
          <TextField name="responsiblePerson" label="责任人" required maxLength={40} state={state} />
          <TextField name="deadline" label="整改期限" type="date" required defaultValue={props.defaultDeadline} state={state} />
        </fieldset>
      ) : null}

      <Field name="note" label="核查情况" state={state}>
        {(fieldProps) => <textarea {...fieldProps} rows={3} maxLength={1000} className={inputClass} />}
      </Field>
      <Field name="photos" label="照片（最多 9 张，每张不超过 8 MB）" state={state}>
        {(fieldProps) => <input {...fieldProps} type="file" accept="image/jpeg,image/png,image/webp" multiple className="block w-full text-base" />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full">
        登记核查结果
      </SubmitButton>
    </form>
  );
}
