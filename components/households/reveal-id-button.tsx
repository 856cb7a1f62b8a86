"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";

type Props = { memberId: string; masked: string; action: (previous: FormState<string>, formData: FormData) => Promise<FormState<string>> };

/** Shows the masked number; the full one only on request, which the server logs. */
export function RevealIdButton({ memberId, masked, action }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok && state.data) return <span className="font-mono text-xs">{state.data}</span>;
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="memberId" value={memberId} />
      <span className="font-mono text-xs">{masked}</span>
      <button type="submit" disabled={pending} className="no-print text-xs text-brand-700 underline" title="查看完整号码（将被记录）">
        {pending ? "…" : "显示"}
      </button>
      {state && !state.ok ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
