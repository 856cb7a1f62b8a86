"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { FormState } from "@/lib/action-result";

type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/**
 * useActionState for a form, submitted from onSubmit so that React does not reset the
 * fields: a refused form keeps everything the user typed; a successful one is cleared.
 * `confirmText` asks before destructive commands.
 */
export function useFormAction<T>(action: Action<T>, initial: FormState<T> = null, confirmText?: string) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmText && !window.confirm(confirmText)) return;
    form.current = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(formData));
  };
  return { state, pending, onSubmit, formAction: dispatch };
}
