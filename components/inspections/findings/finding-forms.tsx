"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { SelectField, TextField } from "@/components/ui/fields";
import { Field } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
type Option = { value: string; label: string };

/** 整改期限 + 责任单位 + 责任人: asked once, whether for one finding or for every 不合格 item of a review. */
export function ResponsibilityFields({ state, today, defaultDeadline }: { state: FormState<unknown>; today: string; defaultDeadline?: string }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
      <TextField name="responsibleUnit" label="责任单位" state={state} required maxLength={60} hint="如：石桥镇人民政府、杨柳村两委" />
      <TextField name="responsiblePerson" label="责任人" state={state} required maxLength={40} />
      <Field name="deadline" label="整改期限" state={state} required>
        {(props) => <input {...props} type="date" min={today} defaultValue={defaultDeadline} className={inputClass} />}
      </Field>
    </div>
  );
}

/** 督查登记: a finding on a household (by 户编号), a village or a township. */
export function RaiseFindingForm({ action, categories, regions, today }: { action: Action; categories: Option[]; regions: Option[]; today: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const [kind, setKind] = useState<"HOUSEHOLD" | "REGION">("HOUSEHOLD");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="登记督查问题">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">问题涉及</legend>
        <div className="flex flex-wrap gap-x-6">
          {(
            [
              ["HOUSEHOLD", "某一户（按户编号）"],
              ["REGION", "某个村或乡镇"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name="targetKind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
                className="h-5 w-5 accent-brand-700"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === "HOUSEHOLD" ? (
        <TextField name="householdNo" label="户编号" state={state} required maxLength={40} hint="户档页面上的户编号" />
      ) : (
        <SelectField name="regionCode" label="村或乡镇" state={state} required options={regions} placeholder="请选择" />
      )}
      <SelectField name="categoryCode" label="问题类别" state={state} required options={categories} placeholder="请选择" />
      <Field name="description" label="问题描述" state={state} required>
        {(props) => <textarea {...props} rows={4} maxLength={1000} className={inputClass} />}
      </Field>
      <ResponsibilityFields state={state} today={today} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        登记问题
      </SubmitButton>
    </form>
  );
}

/** 整改报告: what was done, with evidence files (photos, scans, documents). */
export function FindingReportForm({ action, findingId, version, maxMegabytes }: { action: Action; findingId: string; version: number; maxMegabytes: number }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定提交整改报告吗？提交后等待督查人员销号或退回。");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label="提交整改报告">
      <input type="hidden" name="findingId" value={findingId} />
      <input type="hidden" name="version" value={version} />
      <Field name="content" label="整改情况" state={state} required>
        {(props) => <textarea {...props} rows={5} maxLength={2000} className={inputClass} />}
      </Field>
      <Field name="files" label="佐证材料" state={state} hint={`可选，最多 9 个文件，每个不超过 ${maxMegabytes} MB（图片或 PDF）`}>
        {(props) => <input {...props} type="file" multiple accept="image/*,application/pdf" className="block w-full text-sm" />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        提交整改报告
      </SubmitButton>
    </form>
  );
}

/** 销号 (with a confirmation) or 退回 with a reason. */
export function DecideReportForms({ action, findingId, version }: { action: Action; findingId: string; version: number }) {
  const accept = useFormAction(action, null, "确定销号吗？销号后该问题关闭，不能再提交整改报告。");
  const reject = useFormAction(action, null, "确定退回整改报告吗？");
  return (
    <div className="space-y-4">
      <form action={accept.formAction} onSubmit={accept.onSubmit} aria-label="销号">
        <input type="hidden" name="findingId" value={findingId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="decision" value="ACCEPT" />
        <SubmitButton pending={accept.pending} className="w-full sm:w-auto">
          整改到位，销号
        </SubmitButton>
        <div className="mt-2">
          <FormMessage state={accept.state} />
        </div>
      </form>
      <details className="rounded-md border border-red-200 p-3">
        <summary className="min-h-6 cursor-pointer text-sm font-medium text-red-700">整改不到位，退回（需填写理由）</summary>
        <form action={reject.formAction} onSubmit={reject.onSubmit} noValidate className="mt-3 space-y-3" aria-label="退回整改报告">
          <input type="hidden" name="findingId" value={findingId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="decision" value="RETURN" />
          <Field name="reason" label="退回理由" state={reject.state} required>
            {(props) => <textarea {...props} rows={3} maxLength={500} className={inputClass} />}
          </Field>
          <FormMessage state={reject.state} />
          <button
            type="submit"
            disabled={reject.pending}
            className="min-h-11 rounded-md border border-red-300 bg-white px-4 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
          >
            {reject.pending ? "处理中…" : "退回整改报告"}
          </button>
        </form>
      </details>
    </div>
  );
}
