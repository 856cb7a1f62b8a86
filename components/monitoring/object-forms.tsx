"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { SelectField, TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { MONITORING_CATEGORY, RISK_SOURCE } from "@/lib/monitoring/codes";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
type Option = { value: string; label: string };

const categoryOptions = MONITORING_CATEGORY.codes.map((value) => ({ value, label: MONITORING_CATEGORY.labels[value] }));
const sourceOptions = RISK_SOURCE.codes.filter((value) => value !== "ARCHIVE_WARNING").map((value) => ({ value, label: RISK_SOURCE.labels[value] }));

function RiskFields({ state, riskTypes, today }: { state: FormState<unknown>; riskTypes: Option[]; today: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <SelectField name="riskType" label="风险类型" state={state} options={riskTypes} placeholder="请选择" required />
      <TextField name="foundOn" label="发现日期" type="date" state={state} defaultValue={today} required />
      <SelectField name="source" label="发现渠道" state={state} options={sourceOptions} placeholder="请选择" required />
      <div className="sm:col-span-3">
        <TextField name="riskNote" label="风险说明（可选）" state={state} maxLength={200} />
      </div>
    </div>
  );
}

/** 纳入监测对象: a household of the archive by 户编号, or a household never 建档立卡. */
export function CreateMonitoringObjectForm({ action, villages, riskTypes, today }: { action: Action; villages: Option[]; riskTypes: Option[]; today: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const [kind, setKind] = useState<"ARCHIVE" | "OUTSIDE">("ARCHIVE");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">纳入方式</legend>
        <div className="flex flex-wrap gap-3">
          {(
            [
              ["ARCHIVE", "户档中的户（按户编号）"],
              ["OUTSIDE", "未建档立卡的户"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === "ARCHIVE" ? (
        <TextField name="householdNo" label="户编号" state={state} inputMode="numeric" maxLength={16} required />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:col-span-2">未建档立卡的户没有识别年度，纳入后标注“未建档立卡”。</p>
          <SelectField name="villageCode" label="所在村" state={state} options={villages} placeholder="请选择" required />
          <TextField name="headName" label="户主姓名" state={state} maxLength={20} required />
          <TextField name="headIdNumber" label="户主身份证号码" state={state} maxLength={18} required />
          <TextField name="people" label="家庭人口" state={state} inputMode="numeric" maxLength={2} required />
          <div className="sm:col-span-2">
            <TextField name="address" label="住址" state={state} maxLength={100} required />
          </div>
        </div>
      )}
      <SelectField name="category" label="监测对象类别" state={state} options={categoryOptions} placeholder="请选择" required />
      <h3 className="font-medium">首项致贫/返贫风险</h3>
      <RiskFields state={state} riskTypes={riskTypes} today={today} />
      <TextField name="note" label="备注（可选）" state={state} maxLength={200} />
      <SubmitButton pending={pending}>纳入监测（待识别）</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Adds one more risk to a monitoring object (at most five). */
export function AddRiskForm({
  action,
  objectId,
  version,
  riskTypes,
  today,
}: {
  action: Action;
  objectId: string;
  version: number;
  riskTypes: Option[];
  today: string;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" name="objectId" value={objectId} />
      <input type="hidden" name="version" value={version} />
      <RiskFields state={state} riskTypes={riskTypes} today={today} />
      <SubmitButton pending={pending}>登记风险</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
