import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/** What a server action returns to its form (the UI switches on `code`, never on the message). */
export type ActionResult<T = undefined> =
  { ok: true; data?: T; message?: string } | { ok: false; code: AppErrorCode | "UNEXPECTED"; message: string; fieldErrors?: FieldErrors };

export type FormState<T = undefined> = ActionResult<T> | null;
