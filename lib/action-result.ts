import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/** What a server action returns to its form (STYLE §7: the UI switches on `code`). */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; code: AppErrorCode | "UNEXPECTED"; message: string; fieldErrors?: FieldErrors };

export type FormState<T = undefined> = ActionResult<T> | null;
