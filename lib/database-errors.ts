import { AppError, STALE_VERSION_MESSAGE } from "@/lib/errors";

type DriverError = { code?: string; meta?: unknown; message?: string; cause?: unknown } | null;

function describe(error: unknown): { code: string; text: string } {
  const candidate = error as DriverError;
  return { code: candidate?.code ?? "", text: `${candidate?.message ?? ""} ${JSON.stringify(candidate?.meta ?? {})}` };
}

/** Postgres unique violations arrive through the driver adapter wrapped by Prisma (P2002). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const { code, text } = describe(error);
  return (code === "P2002" || code === "23505") && text.includes(constraint);
}

/**
 * The unique keys a concurrent request can hit, with the message the user gets. Commands
 * that can say something more specific catch their own; this is the net under all of them.
 * A "first save" racing another first save of the same record is a stale version.
 */
const UNIQUE_CONFLICTS: Record<string, () => AppError> = {
  income_record_household_id_year_key: () => new AppError("STALE_VERSION", STALE_VERSION_MESSAGE),
  assistance_plan_household_id_year_key: () => new AppError("STALE_VERSION", STALE_VERSION_MESSAGE),
  village_population_pkey: () => new AppError("STALE_VERSION", STALE_VERSION_MESSAGE),
  exit_sheet_household_id_assessment_year_key: () => new AppError("CONFLICT", "该户该年度的退出核验表已存在，请在核验表中办理"),
  village_exit_sheet_village_code_assessment_year_key: () => new AppError("CONFLICT", "该村该年度的退出核验表已存在"),
  app_user_username_key: () => new AppError("CONFLICT", "该用户名已被使用", { username: ["该用户名已被使用"] }),
  measure_item_category_name_key: () => new AppError("CONFLICT", "该类别下已有同名措施", { name: ["该类别下已有同名措施"] }),
  member_one_head_key: () => new AppError("RULE_VIOLATION", "该户已有户主；如需更换户主，请使用“变更户主”"),
  member_active_id_number_key: () =>
    new AppError("CONFLICT", "该身份证号码已是其他户的在户成员；一人只能属于一个户", { idNumber: ["该身份证号码已是其他户的在户成员"] }),
  household_county_code_household_no_key: () => new AppError("CONFLICT", "户编号已被同时建档的其他户使用，请重新提交"),
};

/** A database refusal that is the user's input or a lost race, as the Chinese error it deserves; else null. */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const { code, text } = describe(error);
  if (code === "P2002" || code === "23505") {
    for (const [constraint, make] of Object.entries(UNIQUE_CONFLICTS)) if (text.includes(constraint)) return make();
    return new AppError("CONFLICT", "该记录已存在（可能已由他人同时提交），请刷新后查看");
  }
  // 22021: NUL or an invalid byte sequence; 22P05: a character that cannot be stored.
  if (/\b(22021|22P05)\b/.test(`${code} ${text}`) || /invalid byte sequence|unsupported Unicode escape/i.test(text)) {
    return new AppError("VALIDATION", "输入包含无法保存的字符（如空字符），请删除后重新输入");
  }
  return null;
}
