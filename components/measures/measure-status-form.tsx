"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { MEASURE_STATUS, type MeasureStatus } from "@/lib/domain/codes";
import { FormMessage } from "@/components/ui/form";
import { MeasureFieldNotes, measureNotesOf } from "@/components/quality/measure-save-notes";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  measure: { id: string; version: number; item: string; nextStatuses: readonly string[] };
};

/** Moves a measure along its allowed transitions; completing asks for the 增收 outcome. */
export function MeasureStatusForm({ action, measure }: Props) {
  const [target, setTarget] = useState(measure.nextStatuses[0] ?? "");
  const confirmText = target === "TERMINATED" ? `确定终止措施"${measure.item}"吗？终止后不能恢复。` : undefined;
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, confirmText);
  if (!measure.nextStatuses.length) return null;
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" noValidate>
      <input type="hidden" name="measureId" value={measure.id} />
      <input type="hidden" name="version" value={measure.version} />
      <select
        name="status"
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        aria-label={`${measure.item}的新状态`}
        className={`${inputClass} w-auto py-1 text-sm`}
      >
        {measure.nextStatuses.map((status) => (
          <option key={status} value={status}>
            改为{MEASURE_STATUS.label(status as MeasureStatus)}
          </option>
        ))}
      </select>
      {target === "COMPLETED" ? (
        <input name="outcomeFen" inputMode="decimal" placeholder="增收（元）" aria-label="增收（元）" className={`${inputClass} w-28 py-1 text-sm`} />
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:border-brand-600 disabled:opacity-60"
      >
        {pending ? "…" : "确定"}
      </button>
      <div className="w-full">
        <FormMessage state={state} />
        {/* 疑点数据 of this measure after the change (lib/data-quality/on-save.ts), under the status they concern. */}
        <MeasureFieldNotes notes={measureNotesOf(state)} />
      </div>
    </form>
  );
}
