"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { ELIMINATION_METHOD } from "@/lib/monitoring/codes";

/** Forms of the monitoring procedures that the exit sheet's forms (components/exits/sheet-forms.tsx) do not already provide. */

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** 开始识别纳入 / 开始风险消除 (with its 消除方式). */
export function OpenProcedureForm({ objectId, version, kind, action }: { objectId: string; version: number; kind: "IDENTIFY" | "ELIMINATE"; action: Action }) {
  const label = kind === "IDENTIFY" ? "开始识别纳入程序" : "开始风险消除程序";
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定${label}吗？`);
  const [method, setMethod] = useState<"ASSISTED" | "NATURAL">("ASSISTED");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label={label}>
      <Hidden values={{ objectId, version, kind }} />
      {kind === "ELIMINATE" ? (
        <fieldset>
          <legend className="mb-1 text-sm font-medium">消除方式</legend>
          <div className="flex flex-wrap gap-3">
            {ELIMINATION_METHOD.codes.map((code) => (
              <label key={code} className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm">
                <input type="radio" name="method" value={code} checked={method === code} onChange={() => setMethod(code)} />
                {ELIMINATION_METHOD.labels[code]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <SubmitButton pending={pending}>{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** 信息比对 (what the departments' check found) or 公告: a recorded step with its text. */
export function RecordStepForm({
  sheetId,
  version,
  step,
  stepLabel,
  placeholder,
  action,
}: {
  sheetId: string;
  version: number;
  step: string;
  stepLabel: string;
  placeholder: string;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定登记${stepLabel}吗？`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label={`登记${stepLabel}`}>
      <Hidden values={{ sheetId, version, step }} />
      <Field name="opinion" label={`${stepLabel}情况`} state={state} required>
        {(props) => <textarea {...props} rows={2} placeholder={placeholder} className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>登记{stepLabel}</SubmitButton>
    </form>
  );
}

/** 村内公示 posted on a date (not in the future). */
export function PostNoticeForm({
  sheetId,
  version,
  today,
  minDays,
  action,
}: {
  sheetId: string;
  version: number;
  today: string;
  minDays: number;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定登记公示已张贴吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="发布公示">
      <Hidden values={{ sheetId, version }} />
      <Field name="postedOn" label="公示张贴日期" state={state} required hint={`不晚于今天；公示期不少于 ${minDays} 天`}>
        {(field) => <input {...field} type="date" max={today} defaultValue={today} className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>发布公示</SubmitButton>
    </form>
  );
}

/** 风险已消除: the date one risk was resolved. */
export function ResolveRiskForm({
  objectId,
  version,
  riskId,
  label,
  today,
  action,
}: {
  objectId: string;
  version: number;
  riskId: string;
  label: string;
  today: string;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定登记"${label}"风险已消除吗？`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label={`登记${label}风险消除`}>
      <Hidden values={{ objectId, version, riskId }} />
      <TextField name="resolvedOn" label="消除日期" type="date" state={state} defaultValue={today} required />
      <SubmitButton pending={pending}>登记消除</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
