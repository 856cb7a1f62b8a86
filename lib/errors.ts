/** Expected failures of a command: a code the UI can switch on and a Chinese message. */
export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "STALE_VERSION" | "CONFLICT" | "RULE_VIOLATION" | "RATE_LIMITED";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const STALE_VERSION_MESSAGE = "该记录已被他人修改，请刷新后重试";

export const notFound = (what = "记录") => new AppError("NOT_FOUND", `${what}不存在或不在您的管辖范围内`);
export const forbidden = (message = "您没有执行此操作的权限") => new AppError("FORBIDDEN", message);
export const staleVersion = () => new AppError("STALE_VERSION", STALE_VERSION_MESSAGE);
export const ruleViolation = (message: string, fieldErrors?: FieldErrors) => new AppError("RULE_VIOLATION", message, fieldErrors);

/** For optimistic locking: an `updateMany({ where: { id, version } })` that matched nothing. */
export function assertUpdated(result: { count: number }): void {
  if (result.count === 0) throw staleVersion();
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
