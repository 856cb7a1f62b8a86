"use client";

import { useRef } from "react";
import type { FormState } from "@/lib/action-result";
import { CheckboxGroup, TextField } from "@/components/ui/fields";
import { Field, FormMessage } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

/** The forms of the 退出核验表: each posts one command; a refused form keeps what was typed. */

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

function TextArea({
  name,
  label,
  state,
  required,
  rows = 2,
  placeholder,
  hint,
}: {
  name: string;
  label: string;
  state: FormState<unknown>;
  required?: boolean;
  rows?: number;
  placeholder?: string;
  hint?: string;
}) {
  return (
    <Field name={name} label={label} state={state} required={required} hint={hint}>
      {(props) => <textarea {...props} rows={rows} placeholder={placeholder} className={inputClass} />}
    </Field>
  );
}

const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "bg-slate-700 text-white hover:bg-slate-800",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};

function Button({
  pending,
  tone = "primary",
  pendingText = "提交中…",
  children,
}: {
  pending: boolean;
  tone?: keyof typeof TONES;
  pendingText?: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-5 py-2 text-base font-medium shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 focus:ring-offset-2 disabled:opacity-60 ${TONES[tone]}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}

export function ProposeForm({ householdId, year, action }: { householdId: string; year: number; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定提出该户${year}年度脱贫退出吗？提出后将进入村两委民主评议。`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="提出脱贫退出">
      <Hidden values={{ householdId, assessmentYear: year }} />
      <TextArea name="opinion" label="入户核验意见" state={state} placeholder="例如：经入户核验，两不愁三保障均已达标，收入稳定" />
      <FormMessage state={state} />
      <Button pending={pending}>提出脱贫退出</Button>
    </form>
  );
}

export function SignForm(props: {
  sheetId: string;
  version: number;
  step: string;
  stepLabel: string;
  today: string;
  review: boolean;
  confirmText: string;
  buttonLabel: string;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(props.action, null, props.confirmText);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label={`签署${props.stepLabel}`}>
      <Hidden values={{ sheetId: props.sheetId, version: props.version, step: props.step }} />
      {props.review ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Field name="reviewDate" label="评议日期" state={state} required>
            {(field) => <input {...field} type="date" max={props.today} defaultValue={props.today} className={inputClass} />}
          </Field>
          <TextField name="reviewPresent" label="参会人数" state={state} required inputMode="numeric" maxLength={4} />
          <TextField name="reviewResult" label="评议结果" state={state} required maxLength={200} defaultValue="同意退出" />
        </div>
      ) : null}
      <TextArea name="opinion" label="签署意见" state={state} placeholder="可填写核实、审核意见" />
      <FormMessage state={state} />
      <Button pending={pending}>{props.buttonLabel}</Button>
    </form>
  );
}

export function SheetUploadForm({
  sheetId,
  kind,
  label,
  hint,
  maxMegabytes,
  action,
}: {
  sheetId: string;
  kind: "CONSENT" | "NOTICE_PHOTO";
  label: string;
  hint: string;
  maxMegabytes: number;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const file = useRef<HTMLInputElement>(null);
  return (
    <form
      action={formAction}
      aria-label={label}
      className="space-y-2 rounded-md border border-dashed border-slate-300 p-3"
      onSubmit={(event) => {
        const chosen = file.current?.files?.[0];
        if (chosen && chosen.size > maxMegabytes * 1024 * 1024) {
          event.preventDefault();
          window.alert(`文件过大，单个文件不能超过 ${maxMegabytes} MB`);
          return;
        }
        onSubmit(event);
      }}
    >
      <Hidden values={{ sheetId, kind }} />
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{label}</span>
        <input ref={file} type="file" name="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="block w-full text-sm" />
        <span className="mt-1 block text-xs text-slate-500">
          {hint}（照片或 PDF，不超过 {maxMegabytes} MB）
        </span>
      </label>
      <FormMessage state={state} />
      <Button pending={pending} pendingText="正在上传…" tone="secondary">
        上传
      </Button>
    </form>
  );
}

export function ConsentForm({ sheetId, version, action }: { sheetId: string; version: number; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确认已上传户主签字的认可书扫描件，登记贫困户认可？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="登记贫困户认可">
      <Hidden values={{ sheetId, version }} />
      <TextArea name="opinion" label="备注" state={state} placeholder="例如：户主本人签字按手印" />
      <FormMessage state={state} />
      <Button pending={pending}>登记贫困户认可</Button>
    </form>
  );
}

export function StartNoticeForm({
  sheetId,
  version,
  today,
  minDate,
  action,
}: {
  sheetId: string;
  version: number;
  today: string;
  minDate: string | null;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定登记村内公示已张贴吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="发布村内公示">
      <Hidden values={{ sheetId, version }} />
      <Field name="postedOn" label="公示张贴日期" state={state} required hint={minDate ? `不早于 ${minDate}（贫困户认可日期），不晚于今天` : "不晚于今天"}>
        {(field) => <input {...field} type="date" max={today} min={minDate ?? undefined} defaultValue={today} className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <Button pending={pending}>发布公示</Button>
    </form>
  );
}

export function CloseNoticeForm({ sheetId, version, action }: { sheetId: string; version: number; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定结束村内公示吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="结束村内公示">
      <Hidden values={{ sheetId, version }} />
      <TextArea name="opinion" label="公示结果" state={state} placeholder="例如：公示期满，无异议" />
      <FormMessage state={state} />
      <Button pending={pending}>结束公示</Button>
    </form>
  );
}

export function ObjectionForm({ sheetId, version, today, action }: { sheetId: string; version: number; today: string; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="登记公示异议">
      <Hidden values={{ sheetId, version }} />
      <Field name="raisedOn" label="异议提出日期" state={state} required>
        {(field) => <input {...field} type="date" max={today} defaultValue={today} className={inputClass} />}
      </Field>
      <TextArea name="content" label="异议内容" state={state} required />
      <FormMessage state={state} />
      <Button pending={pending} tone="secondary">
        登记异议
      </Button>
    </form>
  );
}

export function ResolveObjectionForm({ objectionId, version, action }: { objectionId: string; version: number; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2" aria-label="处理异议">
      <Hidden values={{ objectionId, version }} />
      <TextArea name="resolution" label="处理结果" state={state} required placeholder="核实情况与答复" />
      <FormMessage state={state} />
      <Button pending={pending} tone="secondary">
        登记处理结果
      </Button>
    </form>
  );
}

export function RejectForm({ sheetId, version, step, target, action }: { sheetId: string; version: number; step: string; target: string; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定退回吗？核验表将退回${target}，重新开始新一轮。`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="退回">
      <Hidden values={{ sheetId, version, step }} />
      <TextArea name="reason" label="退回理由" state={state} required />
      <FormMessage state={state} />
      <Button pending={pending} tone="danger">
        退回
      </Button>
    </form>
  );
}

export function ReturnToPovertyForm(props: {
  householdId: string;
  version: number;
  primaryCause: string;
  otherCauses: string[];
  causes: { value: string; label: string }[];
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(props.action, null, "确定将该户标记为返贫吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="标记返贫">
      <Hidden values={{ householdId: props.householdId, version: props.version }} />
      <div className="sm:col-span-2">
        <TextArea name="reason" label="返贫原因" state={state} required placeholder="例如：户主突发重病，医疗支出大，收入骤减" />
      </div>
      <Field name="primaryCause" label="主要致贫原因" state={state} required>
        {(field) => (
          <select {...field} defaultValue={props.primaryCause} className={inputClass}>
            {props.causes.map((cause) => (
              <option key={cause.value} value={cause.value}>
                {cause.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckboxGroup name="otherCauses" legend="其他致贫原因" options={props.causes} defaultValues={props.otherCauses} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage state={state} />
        <Button pending={pending} tone="danger">
          标记返贫
        </Button>
      </div>
    </form>
  );
}
