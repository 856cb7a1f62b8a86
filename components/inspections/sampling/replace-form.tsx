"use client";

import { FormMessage, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/fields";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormActionFn } from "./types";

/** Replaces a pick that cannot be visited by the next household of the township's draw order; the reason is required. */
export function ReplaceForm({
  action,
  roundId,
  kind,
  entryId,
  label,
}: {
  action: FormActionFn;
  roundId: string;
  kind: string;
  entryId: string;
  label: string;
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定替换${label}吗？替换户按抽取顺序自动确定，替换理由将公开显示。`);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-2" aria-label={`替换${label}`}>
      <input type="hidden" name="roundId" value={roundId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="entryId" value={entryId} />
      <TextField name="reason" label="替换理由" required state={state} maxLength={200} hint="如：全家外出务工、已搬迁、多次上门不在家" />
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        替换此户
      </SubmitButton>
    </form>
  );
}
