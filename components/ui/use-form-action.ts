"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { FormState } from "@/lib/action-result";

/** A v4 UUID; crypto.randomUUID exists only on HTTPS or localhost, getRandomValues everywhere. */
function newFormKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/**
 * Runs before a submit is sent (components/offline/use-offline-form.ts): it may change the form data (photos
 * resized), or take the submit itself (kept as an offline draft) — then nothing is sent, and `reset` clears
 * the form and its idempotency key as a success would.
 */
export type BeforeSend = (formData: FormData, form: HTMLFormElement) => Promise<{ send: boolean; reset?: boolean }>;

/**
 * useActionState for a form, submitted from onSubmit so that React does not reset the
 * fields: a refused form keeps everything the user typed; a successful one is cleared.
 * `confirmText` asks before destructive commands. A form that creates a record passes
 * `{ idempotent: true }`: every submit carries the same `idempotencyKey` until one succeeds,
 * so a doubled tap or a retry after a dropped connection creates one record.
 */
export function useFormAction<T>(
  action: Action<T>,
  initial: FormState<T> = null,
  confirmText?: string,
  { idempotent = false, before }: { idempotent?: boolean; before?: BeforeSend } = {},
) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  useEffect(() => {
    if (!state?.ok) return;
    form.current?.reset();
    idempotencyKey.current = null;
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmText && !window.confirm(confirmText)) return;
    form.current = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    if (idempotent) formData.set("idempotencyKey", (idempotencyKey.current ??= newFormKey()));
    if (!before) {
      startTransition(() => dispatch(formData));
      return;
    }
    const target = event.currentTarget;
    void before(formData, target).then(({ send, reset }) => {
      if (send) startTransition(() => dispatch(formData));
      else if (reset) {
        target.reset();
        idempotencyKey.current = null;
      }
    });
  };
  return { state, pending, onSubmit, formAction: dispatch };
}
