"use client";

import { createContext, useContext } from "react";
import { useFormStatus } from "react-dom";
import type { FieldNote, FieldNotes, FormState } from "@/lib/action-result";

const FieldNotesContext = createContext<FieldNotes>({});

/** Gives the fields inside it their notes (stored 疑点数据 hits, lib/data-quality/on-save.ts); the form lists the rest ("_"). */
export function FieldNotesProvider({ notes, children }: { notes: FieldNotes; children: React.ReactNode }) {
  return <FieldNotesContext.Provider value={notes}>{children}</FieldNotesContext.Provider>;
}

function NoteLines({ id, notes }: { id?: string; notes: FieldNote[] }) {
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm" data-testid="field-notes">
      {notes.map((note, index) => (
        <li key={index} className={note.tone === "error" ? "text-red-700" : "text-amber-800"}>
          {note.text}
        </li>
      ))}
    </ul>
  );
}

/** The notes of fields the form does not show (under the fields, above the submit button). */
export function OtherFieldNotes() {
  const notes = useContext(FieldNotesContext)["_"];
  if (!notes?.length) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2" data-testid="other-notes">
      <p className="text-sm font-medium text-amber-900">本页其他疑点数据</p>
      <NoteLines notes={notes} />
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  state?: FormState<unknown>;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
  className?: string;
};

/** A labelled field that shows its server-side error under it (aria-describedby). */
export function Field({ name, label, state, hint, required, children, className }: FieldProps) {
  const id = `field-${name}`;
  const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  const notes = useContext(FieldNotesContext)[name];
  const describedBy = [errors ? `${id}-error` : null, hint ? `${id}-hint` : null, notes ? `${id}-notes` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="ml-0.5 text-red-600">*</span> : null}
      </label>
      {children({ id, name, "aria-invalid": Boolean(errors), "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
      {notes ? <NoteLines id={`${id}-notes`} notes={notes} /> : null}
    </div>
  );
}

export function SubmitButton({
  children,
  pendingText = "提交中…",
  className = "",
  pending: pendingProp,
}: {
  children: React.ReactNode;
  pendingText?: string;
  className?: string;
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-base font-medium text-white shadow-sm hover:bg-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-600 focus:ring-offset-2 disabled:opacity-60 ${className}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}

/** The form-level outcome, announced to screen readers. */
export function FormMessage({ state }: { state: FormState<unknown> }) {
  return (
    <div aria-live="polite" role="status">
      {state && !state.ok ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {state.message}
        </p>
      ) : null}
      {state?.ok && state.message ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="form-success">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
