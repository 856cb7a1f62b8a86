"use client";

import { FormMessage, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/fields";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormActionFn } from "./types";

/** Enters the public value and draws the sample, once. */
export function DrawForm({ action, roundId, version, publicSource }: { action: FormActionFn; roundId: string; version: number; publicSource: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "抽取后样本即固定，不能重新抽取或修改。确定用此公开随机数抽取吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label="抽取样本">
      <input type="hidden" name="roundId" value={roundId} />
      <input type="hidden" name="version" value={version} />
      <TextField name="publicValue" label="公开随机数" required state={state} maxLength={100} hint={`来源：${publicSource}。请照公布的原样填写。`} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        抽取样本
      </SubmitButton>
    </form>
  );
}
