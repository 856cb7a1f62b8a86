"use client";

import { useRef } from "react";
import type { FormState } from "@/lib/action-result";
import { CheckboxField, Section, TextField } from "@/components/ui/fields";
import { ErrorSummary, Field, FieldScope, FormMessage } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

/** The forms of the 贫困村退出核验表 and the village population entry. */

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "bg-slate-700 text-white hover:bg-slate-800",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};

function Button({
  pending,
  tone = "primary",
  small = false,
  children,
}: {
  pending: boolean;
  tone?: keyof typeof TONES;
  small?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex items-center justify-center rounded-md font-medium shadow-sm disabled:opacity-60 ${small ? "min-h-10 px-3 text-sm" : "min-h-11 px-5 py-2 text-base"} ${TONES[tone]}`}
    >
      {pending ? "提交中…" : children}
    </button>
  );
}

function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function Opinion({ state, label = "意见" }: { state: FormState<unknown>; label?: string }) {
  return (
    <Field name="opinion" label={label} state={state}>
      {(props) => <textarea {...props} rows={2} className={inputClass} />}
    </Field>
  );
}

export function PopulationForm({
  villageCode,
  villageName,
  year,
  value,
  version,
  action,
}: {
  villageCode: string;
  villageName: string;
  year: number;
  value: number | null;
  version: number;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-start gap-2" aria-label={`${villageName}农村户籍人口`}>
      <Hidden values={{ villageCode, year, version }} />
      <input
        name="ruralPopulation"
        defaultValue={value ?? ""}
        inputMode="numeric"
        maxLength={7}
        aria-label={`${villageName}${year}年农村户籍人口`}
        placeholder="人数"
        className={`${inputClass} w-24`}
      />
      <Button pending={pending} tone="secondary" small>
        保存
      </Button>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export type ConditionValues = {
  collectiveIncome: string;
  hardenedRoad: boolean;
  powerSupply: boolean;
  safeWater: boolean;
  clinicFourRooms: boolean;
  qualifiedDoctor: boolean;
  cultureVenue: boolean;
  broadband: boolean;
};

const FLAGS: [keyof Omit<ConditionValues, "collectiveIncome">, string][] = [
  ["hardenedRoad", "通硬化路"],
  ["powerSupply", "通动力电"],
  ["safeWater", "安全饮水"],
  ["clinicFourRooms", '村卫生室"四室分离"'],
  ["qualifiedDoctor", "有合格村医"],
  ["cultureVenue", "有文化活动场所"],
  ["broadband", "通宽带"],
];

/** Creates a sheet (villageCode + year) or edits the conditions of one (sheetId + version). */
export function ConditionsForm({
  hidden,
  values,
  submitLabel,
  action,
  targetFen,
}: {
  hidden: Record<string, string | number>;
  values?: ConditionValues;
  submitLabel: string;
  action: Action;
  targetFen: string;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="村级出列条件" noValidate>
      <ErrorSummary state={state} />
      <Hidden values={hidden} />
      <Section title="村集体经济">
        <TextField
          name="collectiveIncome"
          label="村集体经济收入（元/年）"
          state={state}
          required
          inputMode="decimal"
          pattern="[0-9]*[.,]?[0-9]{0,2}"
          defaultValue={values?.collectiveIncome ?? ""}
          hint={`出列目标：不低于 ${targetFen} 元`}
        />
      </Section>
      <Section title="基础设施与公共服务（勾选表示已达到）">
        <div className="grid grid-cols-1 gap-x-4 sm:col-span-2 sm:grid-cols-2">
          {FLAGS.map(([name, label]) => (
            <CheckboxField key={name} name={name} label={label} defaultChecked={values?.[name] ?? false} />
          ))}
        </div>
      </Section>
      <FormMessage state={state} />
      <Button pending={pending}>{submitLabel}</Button>
    </form>
  );
}

export function VillageEvidenceForm({
  sheetId,
  conditions,
  maxMegabytes,
  action,
}: {
  sheetId: string;
  conditions: { value: string; label: string }[];
  maxMegabytes: number;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const file = useRef<HTMLInputElement>(null);
  return (
    <form
      action={formAction}
      aria-label="上传村级佐证材料"
      className="grid grid-cols-1 gap-3 rounded-md border border-dashed border-slate-300 p-3 sm:grid-cols-3"
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
      <Hidden values={{ sheetId }} />
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">佐证的条件</span>
        <select name="condition" className={inputClass} defaultValue="COLLECTIVE_INCOME">
          {conditions.map((condition) => (
            <option key={condition.value} value={condition.value}>
              {condition.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm sm:col-span-2">
        <span className="mb-1 block font-medium text-slate-700">文件（照片或 PDF，不超过 {maxMegabytes} MB）</span>
        <input ref={file} type="file" name="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="block w-full text-sm" />
      </label>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage state={state} />
        <Button pending={pending} tone="secondary" small>
          上传
        </Button>
      </div>
    </form>
  );
}

export function VillageSignForm({
  sheetId,
  version,
  step,
  label,
  confirmText,
  action,
}: {
  sheetId: string;
  version: number;
  step: string;
  label: string;
  confirmText: string;
  action: Action;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, confirmText);
  return (
    <FieldScope>
      <form action={formAction} onSubmit={onSubmit} className="space-y-2" aria-label={label}>
        <Hidden values={{ sheetId, version, step }} />
        <Opinion state={state} label="签署意见" />
        <FormMessage state={state} />
        <Button pending={pending}>{label}</Button>
      </form>
    </FieldScope>
  );
}

export function VillageNoticeForm({ sheetId, version, today, action }: { sheetId: string; version: number; today: string; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定登记乡镇内公示吗？");
  return (
    <FieldScope>
      <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-label="登记乡镇内公示">
        <Hidden values={{ sheetId, version }} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field name="postedOn" label="公示开始日期" state={state} required>
            {(props) => <input {...props} type="date" max={today} className={inputClass} />}
          </Field>
          <Field name="endedOn" label="公示结束日期" state={state} required>
            {(props) => <input {...props} type="date" max={today} defaultValue={today} className={inputClass} />}
          </Field>
        </div>
        <Opinion state={state} label="公示结果" />
        <FormMessage state={state} />
        <Button pending={pending}>登记乡镇内公示</Button>
      </form>
    </FieldScope>
  );
}

export function VillageRejectForm({ sheetId, version, step, action }: { sheetId: string; version: number; step: string; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "确定退回乡镇吗？将开始新一轮。");
  return (
    <FieldScope>
      <form action={formAction} onSubmit={onSubmit} className="space-y-2" aria-label="退回">
        <Hidden values={{ sheetId, version, step }} />
        <Field name="reason" label="退回理由" state={state} required>
          {(props) => <textarea {...props} rows={2} className={inputClass} />}
        </Field>
        <FormMessage state={state} />
        <Button pending={pending} tone="danger">
          退回
        </Button>
      </form>
    </FieldScope>
  );
}

export function MarkExitedForm({ sheetId, version, villageName, action }: { sheetId: string; version: number; villageName: string; action: Action }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定公告${villageName}出列吗？`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2" aria-label="公告出列">
      <Hidden values={{ sheetId, version }} />
      <FormMessage state={state} />
      <Button pending={pending}>公告出列</Button>
    </form>
  );
}
