"use client";

import { createContext, useContext, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import type { FieldNote, FieldNotes, FormState } from "@/lib/action-result";

const FieldNotesContext = createContext<FieldNotes>({});

/**
 * The prefix of the ids of the fields inside it. A form shown once on a page keeps the plain
 * `field-<name>`; a form that can appear several times on one page (a list of small forms, the
 * one-button ActionForm) wraps its fields in `<FieldScope>` so that every id stays unique.
 */
const FieldScopeContext = createContext<string>("");

/** `field-<name>`, or `field-<scope>-<name>` inside a FieldScope. */
export function fieldId(scope: string, name: string): string {
  return scope ? `field-${scope}-${name}` : `field-${name}`;
}

/** Gives the fields inside it ids unique on the page: `id` when given, else one from React's useId. */
export function FieldScope({ id, children }: { id?: string; children: React.ReactNode }) {
  const generated = useId().replace(/[^A-Za-z0-9]/g, "");
  return <FieldScopeContext.Provider value={id ?? `f${generated}`}>{children}</FieldScopeContext.Provider>;
}

/** The id prefix of the enclosing FieldScope ("" outside one). */
export function useFieldScope(): string {
  return useContext(FieldScopeContext);
}

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
  const id = fieldId(useContext(FieldScopeContext), name);
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

/**
 * The form-level outcome, announced to screen readers. A success is scrolled into view (the page
 * above the form may have grown when it was refreshed) and disappears at the next edit or submit
 * of its form, so a banner never speaks of an earlier save.
 */
export function FormMessage({ state }: { state: FormState<unknown> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [dismissed, setDismissed] = useState<FormState<unknown>>(null);
  useEffect(() => {
    if (!state?.ok || !state.message) return;
    const node = ref.current;
    node?.scrollIntoView?.({ block: "nearest" });
    const form = node?.closest("form");
    if (!form) return;
    const dismiss = () => setDismissed(state);
    form.addEventListener("input", dismiss);
    form.addEventListener("submit", dismiss);
    return () => {
      form.removeEventListener("input", dismiss);
      form.removeEventListener("submit", dismiss);
    };
  }, [state]);
  return (
    <div aria-live="polite" role="status" ref={ref}>
      {state && !state.ok ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {state.message}
        </p>
      ) : null}
      {state?.ok && state.message && dismissed !== state ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="form-success">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

type SummaryEntry = { name: string; href: string; label: string; messages: string[] };

/** The control a summary link leads to: the field's own id, else the first control of that name (a checkbox group). */
function targetOf(form: HTMLFormElement | null, id: string, name: string): HTMLElement | null {
  const byId = document.getElementById(id);
  if (byId && (!form || form.contains(byId))) return byId;
  return form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) ?? null;
}

/** The words the user sees for a field: its <label>, a group's <legend>, else the name. */
function labelOf(target: HTMLElement | null, name: string): string {
  const own = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement ? target.labels?.[0] : null;
  const text = own?.textContent ?? target?.closest("fieldset")?.querySelector("legend")?.textContent ?? target?.getAttribute("aria-label") ?? name;
  return text.replace(/\*\s*$/, "").trim();
}

/** Opens every collapsed group around the element so it can be seen and focused. */
function reveal(element: Element) {
  for (let node = element.parentElement; node; node = node.parentElement) if (node instanceof HTMLDetailsElement) node.open = true;
}

/**
 * After a refused submit: every field error as a link to its field, in the order the fields
 * appear, at the top of the form. The summary takes the focus (so a phone user lands on it,
 * not at the bottom of a long page); the groups holding an error are opened; a link moves the
 * focus to its field. Nothing shows while the form has no field errors.
 */
export function ErrorSummary({ state }: { state: FormState<unknown> }) {
  const scope = useContext(FieldScopeContext);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [shown, setShown] = useState<{ state: FormState<unknown>; entries: SummaryEntry[] } | null>(null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  // Labels and order come from the rendered form, so the summary names fields exactly as the user sees them.
  useLayoutEffect(() => {
    if (!fieldErrors) return;
    const form = ref.current?.closest("form") ?? null;
    const found = Object.entries(fieldErrors)
      .filter(([, messages]) => messages?.length)
      .map(([name, messages]) => {
        const id = fieldId(scope, name);
        const target = targetOf(form, id, name);
        if (target) reveal(target);
        return { name, href: `#${id}`, label: labelOf(target, name), messages, target };
      });
    found.sort((a, b) =>
      a.target && b.target ? (a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : a.target ? -1 : b.target ? 1 : 0,
    );
    // Synced from the DOM the form just rendered; the summary shows before the next paint.
    setShown({ state, entries: found.map(({ name, href, label, messages }) => ({ name, href, label, messages })) });
  }, [state, fieldErrors, scope]);

  const visible = Boolean(fieldErrors) && shown?.state === state && shown.entries.length > 0;
  const entries = visible ? shown!.entries : [];
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, shown]);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={visible ? "alert" : undefined}
      aria-labelledby={visible ? titleId : undefined}
      className={visible ? "rounded-md border-2 border-red-600 bg-red-50 p-3 focus:outline-none focus:ring-2 focus:ring-red-600 focus:ring-offset-2" : "hidden"}
      data-testid="error-summary"
    >
      {visible ? (
        <>
          <h2 id={titleId} className="text-base font-semibold text-red-800">
            提交未成功，请修改以下 {entries.length} 处：
          </h2>
          <ul className="mt-2 space-y-1">
            {entries.map((entry) => (
              <li key={entry.name}>
                <a
                  href={entry.href}
                  className="inline-flex min-h-11 items-center text-sm text-red-800 underline underline-offset-2"
                  onClick={(event) => {
                    const target = targetOf(ref.current?.closest("form") ?? null, entry.href.slice(1), entry.name);
                    if (!target) return;
                    event.preventDefault();
                    reveal(target);
                    target.focus();
                    (target.closest("div,fieldset") ?? target).scrollIntoView({ block: "center" });
                  }}
                >
                  {entry.label}：{entry.messages.join("；")}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
