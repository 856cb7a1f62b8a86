import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/sign-in";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { countyCodeError, countyRegionCode } from "@/lib/regions/rules";
import { ZPasswordOfUser } from "@/lib/users/schema";

export const ZFirstAdmin = z
  .object({
    countyCode: z
      .string({ error: "请填写县级代码" })
      .trim()
      .superRefine((code, context) => {
        const error = countyCodeError(code);
        if (error) context.addIssue({ code: "custom", message: error });
      }),
    countyName: z.string({ error: "请填写县名" }).trim().min(2, "请填写县名").max(40, "县名不超过 40 个字符"),
    username: z
      .string({ error: "请填写用户名" })
      .trim()
      .min(2, "用户名至少 2 个字符")
      .max(40, "用户名不超过 40 个字符")
      .regex(/^[A-Za-z0-9_.-]+$/, "用户名只能包含字母、数字、下划线、点和短横线"),
    displayName: z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名不超过 40 个字符"),
    password: z.string({ error: "请填写密码" }),
  })
  .superRefine((value, context) => {
    const password = ZPasswordOfUser.safeParse({ username: value.username, password: value.password });
    for (const issue of password.success ? [] : password.error.issues) context.addIssue({ code: "custom", path: ["password"], message: issue.message });
  });

/**
 * The production start's one-time setup (npm run admin:create, docs/decisions/019-county-setup.md): on a database with no
 * account yet, creates the county (name, 6-digit code) and its first 系统管理员, who then builds the townships and villages at
 * /admin/regions. Refused as soon as any account exists, so it cannot be used to add a second administrator behind the
 * audit log's back. Both rows are audited (no actor: the operator at the server's console).
 */
export async function createFirstAdmin(db: Db, rawInput: unknown): Promise<{ countyCode: string; userId: string }> {
  const input = parseInput(ZFirstAdmin, rawInput);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE`;
    if ((await tx.user.count()) > 0)
      throw new AppError("RULE_VIOLATION", "数据库中已有账号：首个系统管理员只能在空库中创建，其他账号请由系统管理员在“用户管理”中新建");
    const code = countyRegionCode(input.countyCode);
    const existing = await tx.region.findFirst({ where: { level: "COUNTY" }, select: { code: true, name: true } });
    if (existing && existing.code !== code) {
      throw new AppError("RULE_VIOLATION", `数据库中已有县“${existing.name}”（${existing.code.slice(0, 6)}），与填写的县级代码不一致`);
    }
    if (!existing) {
      await tx.region.create({ data: { code, name: input.countyName, level: "COUNTY", countyCode: input.countyCode } });
      await recordAudit(tx, null, {
        action: "region.create",
        entityType: "Region",
        entityId: code,
        countyCode: input.countyCode,
        after: { code, name: input.countyName, level: "COUNTY", parentCode: null, sortOrder: 0 },
      });
    }
    const user = await tx.user.create({
      data: { username: input.username, displayName: input.displayName, passwordHash, role: "ADMIN", regionCode: code },
      select: { id: true },
    });
    await recordAudit(tx, null, {
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      countyCode: input.countyCode,
      after: { username: input.username, displayName: input.displayName, role: "ADMIN", regionCode: code, phone: null, leaderTownships: [] },
    });
    return { countyCode: input.countyCode, userId: user.id };
  });
}
