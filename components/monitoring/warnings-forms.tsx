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
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="flex flex-wrap content-start items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      noValidate
    >
      <p className="w-full text-sm text-slate-600">按预警参数筛查：低于监测线或在浮动范围内、收入骤降、合规自付医疗费用超过纯收入的设定比例。</p>
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

type ListResult = { created: number; unmatched: { rowNumber: number; idNumber: string }[] };

/** 部门筛查名单 (.xlsx, 身份证号码 + 说明): after the upload, the rows matched to nobody are listed here. */
export function DepartmentListForm({ action, departments }: { action: Action; departments: Option[] }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "将按身份证号码比对名单并生成预警，确定上传吗？");
  const result = state?.ok ? (state.data as ListResult | undefined) : undefined;
  const fileError = state && !state.ok ? state.fieldErrors?.file?.[0] : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2" noValidate>
      <SelectField name="department" label="名单来自" state={state} placeholder="请选择部门" options={departments} />
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">部门名单（.xlsx，第一行须有“身份证号码”“说明”两列）</span>
        <input
          type="file"
          name="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="block min-h-11 w-full text-sm"
        />
        {fileError ? <span className="mt-1 block text-red-700">{fileError}</span> : null}
      </label>
      <div className="sm:col-span-2">
        <SubmitButton pending={pending} pendingText="比对中…">
          上传并比对
        </SubmitButton>
      </div>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
        {result ? (
          <div className="mt-2 text-sm">
            <p>新产生预警 {result.created} 条。</p>
            {result.unmatched.length ? (
              <>
                <p className="mt-1 font-medium text-amber-900">以下 {result.unmatched.length} 行在户档中找不到，未生成预警：</p>
                <ul className="mt-1 list-inside list-disc text-slate-700">
                  {result.unmatched.map((row) => (
                    <li key={row.rowNumber}>
                      第 {row.rowNumber} 行：{row.idNumber}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-1 text-slate-600">名单中的每一行都已比对到户。</p>
            )}
          </div>
        ) : null}
      </div>
    </form>
  );
}

/**
 * 登记预警 by hand: a 农户自主申报 (entered for the household) or a 基层干部排查 finding, for a household of the
 * archive by 户编号. A household not in the archive is entered as a monitoring object instead (the hint says where).
 */
export function RaiseWarningForm({ action, sources, today }: { action: Action; sources: Option[]; today: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3">
      <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">登记自主申报或排查预警</summary>
      <form action={formAction} onSubmit={onSubmit} className="grid gap-3 pt-2 sm:grid-cols-2" noValidate>
        <SelectField name="source" label="预警来源" state={state} placeholder="请选择" options={sources} />
        <TextField name="householdNo" label="户编号" state={state} maxLength={16} inputMode="numeric" hint="未建档立卡的户请在“纳入监测对象”中纳入" />
        <TextField name="raisedOn" label="申报或排查日期" state={state} type="date" defaultValue={today} max={today} />
        <TextField name="reason" label="申报或排查情况" state={state} maxLength={200} />
        <div className="sm:col-span-2">
          <SubmitButton pending={pending}>登记预警</SubmitButton>
        </div>
        <div className="sm:col-span-2">
          <FormMessage state={state} />
        </div>
      </form>
    </details>
  );
}
