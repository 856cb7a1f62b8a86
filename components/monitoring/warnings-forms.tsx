"use client";

import type { FormState } from "@/lib/action-result";
import { SelectField, TextField } from "@/components/ui/fields";
import { FieldScope, FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
type Option = { value: string; label: string };

/** 筛查收入预警 for a year (county office); asks first, since it may raise many 预警 at once. */
export function ScreenIncomeForm({ action, defaultYear }: { action: Action; defaultYear: number }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "将按该年度监测线筛查全县户档的收入并生成预警，确定吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" noValidate>
      <TextField name="year" label="筛查年度" state={state} defaultValue={defaultYear} inputMode="numeric" maxLength={4} className="w-32" />
      <SubmitButton pending={pending} pendingText="筛查中…">
        筛查收入预警
      </SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** 核实预警: 纳入监测 (category and first risk) or 无需纳入 with the reason; confirmed before sending. */
export function CheckWarningForm({
  action,
  warningId,
  version,
  categories,
  riskTypes,
}: {
  action: Action;
  warningId: string;
  version: number;
  categories: Option[];
  riskTypes: Option[];
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "核实结果提交后不能修改，确定提交吗？");
  return (
    <FieldScope id={warningId}>
      <form action={formAction} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="warningId" value={warningId} />
        <input type="hidden" name="version" value={version} />
        <SelectField
          name="outcome"
          label="核实结果"
          state={state}
          placeholder="请选择"
          options={[
            { value: "MONITORED", label: "纳入监测" },
            { value: "NOT_NEEDED", label: "无需纳入" },
          ]}
        />
        <SelectField name="category" label="监测对象类别（纳入监测时）" state={state} placeholder="请选择" options={categories} />
        <SelectField name="riskType" label="风险类型（纳入监测时）" state={state} placeholder="请选择" options={riskTypes} />
        <TextField name="note" label="说明（无需纳入时必填）" state={state} maxLength={200} />
        <div className="sm:col-span-2">
          <SubmitButton pending={pending}>提交核实结果</SubmitButton>
        </div>
        <div className="sm:col-span-2">
          <FormMessage state={state} />
        </div>
      </form>
    </FieldScope>
  );
}
