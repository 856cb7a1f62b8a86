"use client";

import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

type Props = {
  action: Action;
  region: { code: string; name: string };
  year: number;
  /** The target as shown (null: none set for the year yet). */
  target: { households: number; people: number; version: number } | null;
};

/** One count of the target; ids carry the region code, since every row of the page has these fields. */
function CountInput({
  region,
  name,
  label,
  unit,
  value,
  state,
}: {
  region: string;
  name: string;
  label: string;
  unit: string;
  value?: number;
  state: FormState<unknown>;
}) {
  const id = `target-${region}-${name}`;
  const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}（{unit}）
      </label>
      <input
        id={id}
        name={name}
        defaultValue={value ?? ""}
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={7}
        autoComplete="off"
        aria-invalid={Boolean(errors)}
        aria-describedby={errors ? `${id}-error` : undefined}
        className={inputClass}
      />
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

/** Sets (or changes) a township's or village's target of households and people for the year. */
export function TargetForm({ action, region, year, target }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label={`${region.name}${year}年度减贫任务`}
      data-testid={`target-form-${region.code}`}
      className="space-y-2"
    >
      <input type="hidden" name="regionCode" value={region.code} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={target?.version ?? 0} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <CountInput region={region.code} name="households" label="计划脱贫户数" unit="户" value={target?.households} state={state} />
        <CountInput region={region.code} name="people" label="计划脱贫人数" unit="人" value={target?.people} state={state} />
        <SubmitButton pending={pending} className="w-full sm:w-auto">
          {target ? "修改" : "下达"}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
