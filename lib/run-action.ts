import "server-only";
import { randomUUID } from "node:crypto";
import { appErrorFromDatabase } from "@/lib/database-errors";
import { isAppError, type AppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/action-result";

/**
 * Runs a command for a server action: expected errors become typed results with their
 * Chinese message; anything else is logged with a reference id the user can quote.
 */
export async function runAction<T>(command: () => Promise<T>, successMessage?: string): Promise<ActionResult<T>> {
  try {
    const data = await command();
    return { ok: true, data, message: successMessage };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    const expected: AppError | null = isAppError(error) ? error : appErrorFromDatabase(error);
    if (expected) return { ok: false, code: expected.code, message: expected.message, fieldErrors: expected.fieldErrors };
    const ref = randomUUID().slice(0, 8);
    console.error(`[action] 未预期的错误（参考号 ${ref}）`, error);
    return { ok: false, code: "UNEXPECTED", message: `系统出现错误，请稍后重试。如问题持续，请联系管理员并提供参考号 ${ref}` };
  }
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_NOT_FOUND") || digest.startsWith("NEXT_HTTP_ERROR"));
}
