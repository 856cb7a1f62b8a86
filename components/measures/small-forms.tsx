"use client";

import type { FormState } from "@/lib/action-result";
import { fenToYuanString } from "@/lib/income/money";
import { SelectField, TextField } from "@/components/ui/fields";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { OfflineNotice } from "@/components/offline/offline-notice";
import { useOfflineFormAction } from "@/components/offline/use-offline-form";
import { DraftBanner } from "@/components/offline/draft-banner";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

export function PlanForm({
  action,
  householdId,
  plan,
}: {
  action: Action;
  householdId: string;
  plan?: { year: number; version: number; targetPerCapitaFen: number; plannedExitYear: number; plannedMeasures: string };
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const year = plan?.year ?? new Date().getFullYear();
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-3" noValidate>
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="version" value={plan?.version ?? 0} />
      <TextField name="year" label="计划年度" state={state} defaultValue={year} inputMode="numeric" maxLength={4} />
      <TextField
        name="targetPerCapitaFen"
        label="目标人均纯收入（元）"
        state={state}
        defaultValue={plan ? fenToYuanString(plan.targetPerCapitaFen) : ""}
        inputMode="decimal"
      />
      <TextField name="plannedExitYear" label="计划脱贫年度" state={state} defaultValue={plan?.plannedExitYear ?? year} inputMode="numeric" maxLength={4} />
      <Field name="plannedMeasures" label="计划措施" state={state} className="sm:col-span-3">
        {(props) => <textarea {...props} rows={3} defaultValue={plan?.plannedMeasures} maxLength={1000} className={inputClass} />}
      </Field>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage state={state} />
        <SubmitButton pending={pending}>{plan ? "保存计划修改" : "保存脱贫计划"}</SubmitButton>
      </div>
    </form>
  );
}

export function VisitForm({ action, householdId, today }: { action: Action; householdId: string; today: string }) {
  // Kept on the device when there is no signal; photos made smaller before they are sent or kept.
  const { state, pending, onSubmit, formAction, offlineNotice, formProps, savedDraft } = useOfflineFormAction(action, {
    kind: "visit",
    formKey: `visit:${householdId}`,
    title: (formData) => `走访 ${String(formData.get("visitedOn") ?? "")}`,
    photos: "photos",
  });
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate {...formProps}>
      {savedDraft ? (
        <div className="sm:col-span-2">
          <DraftBanner saved={savedDraft} />
        </div>
      ) : null}
      <input type="hidden" name="householdId" value={householdId} />
      <TextField name="visitedOn" label="走访日期" state={state} type="date" defaultValue={today} required />
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">照片（可多张，上传前在本机压缩）</span>
        <input type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" aria-label="走访照片" />
      </label>
      <Field name="findings" label="发现的情况" state={state} required className="sm:col-span-2">
        {(props) => <textarea {...props} rows={3} maxLength={2000} className={inputClass} />}
      </Field>
      <Field name="actions" label="采取的措施" state={state} className="sm:col-span-2">
        {(props) => <textarea {...props} rows={2} maxLength={2000} className={inputClass} />}
      </Field>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage state={state} />
        <OfflineNotice text={offlineNotice} />
        <SubmitButton pending={pending} pendingText="正在保存…">
          保存走访记录
        </SubmitButton>
      </div>
    </form>
  );
}

export function ReassignHelperForm({
  action,
  householdId,
  version,
  helpers,
}: {
  action: Action;
  householdId: string;
  version: number;
  helpers: { id: string; displayName: string }[];
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定更换该户的帮扶责任人吗？");
  if (!helpers.length) return <p className="text-sm text-slate-500">本村没有其他在职的帮扶责任人可供更换。</p>;
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="version" value={version} />
      <SelectField
        name="helperId"
        label="新的帮扶责任人"
        state={state}
        required
        options={helpers.map((helper) => ({ value: helper.id, label: helper.displayName }))}
        placeholder="请选择"
      />
      <TextField name="reason" label="更换原因" state={state} required maxLength={500} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pending={pending}>更换帮扶责任人</SubmitButton>
      </div>
    </form>
  );
}
