"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { FormState } from "@/lib/action-result";

type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/**
 * useActionState for a form, submitted from onSubmit so that React does not reset the
 * fields afterwards: a refused form keeps everything the user typed.
 * `confirmText` asks before destructive commands.
 */
export function useFormAction<T>(action: Action<T>, initial: FormState<T> = null, confirmText?: string) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmText && !window.confirm(confirmText)) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(formData));
  };
  return { state, pending, onSubmit, formAction: dispatch };
}
