"use client";

import type { FieldNotes, FormState } from "@/lib/action-result";

/** The 疑点数据 a measure save returned (lib/data-quality/on-save.ts measureSaveNotes), keyed by the measure form's fields. */
export function measureNotesOf(state: FormState<unknown>): FieldNotes {
  return state?.ok ? ((state.data as { quality?: FieldNotes } | undefined)?.quality ?? {}) : {};
}

/** Notes of one field of a measure form that has no `Field` of its own (the causes' checkboxes), or all of them (the status form). */
export function MeasureFieldNotes({ notes, id }: { notes: FieldNotes; id?: string }) {
  const lines = Object.values(notes).flat();
  if (lines.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm" data-testid="field-notes">
      {lines.map((note, index) => (
        <li key={index} className={note.tone === "error" ? "text-red-700" : "text-amber-800"}>
          {note.text}
        </li>
      ))}
    </ul>
  );
}
