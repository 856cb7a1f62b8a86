"use client";

import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/fields";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  limits: { farmlandMu: number; householdsPerPhone: number; householdsPerHelper: number; perCapitaLinePercent: number };
  version: number;
};

/** 疑点数据 limits (lib/settings/commands.ts saveQualityLimits): the thresholds rules H-007, C-004, C-003 and I-002 use. */
export function QualityLimitsForm({ action, limits, version }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label="疑点数据阈值">
      <input type="hidden" name="version" value={version} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField
          name="farmlandMu"
          label="耕地面积超过（亩）为疑点"
          inputMode="numeric"
          maxLength={5}
          defaultValue={String(limits.farmlandMu)}
          state={state}
          hint="规则 H-007"
        />
        <TextField
          name="householdsPerPhone"
          label="同一联系电话超过（户）为疑点"
          inputMode="numeric"
          maxLength={3}
          defaultValue={String(limits.householdsPerPhone)}
          state={state}
          hint="规则 C-004"
        />
        <TextField
          name="householdsPerHelper"
          label="帮扶责任人联系未脱贫户超过（户）为疑点"
          inputMode="numeric"
          maxLength={3}
          defaultValue={String(limits.householdsPerHelper)}
          state={state}
          hint="规则 C-003"
        />
        <TextField
          name="perCapitaLinePercent"
          label="人均纯收入超过贫困线（倍）仍未脱贫为疑点"
          inputMode="decimal"
          maxLength={4}
          defaultValue={String(limits.perCapitaLinePercent / 100)}
          state={state}
          hint="规则 I-002，最多一位小数"
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending}>保存阈值</SubmitButton>
    </form>
  );
}
