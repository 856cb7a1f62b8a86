"use client";

import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormActionFn } from "./types";

/** 更正或补充 a recorded field check: a new note; the check itself stays as recorded. */
export function NoteForm({ action, fieldCheckId }: { action: FormActionFn; fieldCheckId: string }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "说明提交后不能修改或删除，确定提交吗？");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-2" aria-label="更正或补充说明">
      <input type="hidden" name="fieldCheckId" value={fieldCheckId} />
      <Field name="note" label="更正或补充说明" state={state} hint="核查结果登记后不可修改；如有错误或遗漏，在此补充说明，原记录保留。">
        {(props) => <textarea {...props} rows={3} maxLength={1000} className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        提交说明
      </SubmitButton>
    </form>
  );
}
