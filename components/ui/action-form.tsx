"use client";

import type { FormState } from "@/lib/action-result";
import { FieldScope, FormMessage, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  hidden?: Record<string, string | number>;
  label: string;
  confirmText?: string;
  tone?: "primary" | "danger" | "plain";
  children?: React.ReactNode;
};

const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  danger: "bg-white text-red-700 border border-red-300 hover:bg-red-50",
  plain: "bg-white text-slate-700 border border-slate-300 hover:bg-slate-50",
};

/** A one-button form for a single command, with an optional confirmation for destructive ones. */
export function ActionForm({ action, hidden = {}, label, confirmText, tone = "plain", children }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, confirmText);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Its fields get ids of their own: an ActionForm is usually one of several on the page. */}
      <FieldScope>{children}</FieldScope>
      <button type="submit" disabled={pending} className={`min-h-10 rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${TONES[tone]}`}>
        {pending ? "处理中…" : label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export { SubmitButton };
