import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/** What a server action returns to its form (the UI switches on `code`, never on the message). */
export type ActionResult<T = undefined> =
  { ok: true; data?: T; message?: string } | { ok: false; code: AppErrorCode | "UNEXPECTED"; message: string; fieldErrors?: FieldErrors };

export type FormState<T = undefined> = ActionResult<T> | null;

/** A note beside a form field that is not an error of the input: a stored 疑点数据 hit (lib/data-quality/on-save.ts). */
export type FieldNote = { tone: "error" | "warning"; text: string };
/** Notes by field name; "_" holds those of fields the form does not show. */
export type FieldNotes = Record<string, FieldNote[]>;
