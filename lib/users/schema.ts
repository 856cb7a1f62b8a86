import { z } from "zod";
import { ROLE } from "@/lib/domain/codes";
import { COMMON_PASSWORDS } from "@/lib/users/common-passwords";

const ZUsername = z
  .string({ error: "请填写用户名" })
  .trim()
  .min(2, "用户名至少 2 个字符")
  .max(40, "用户名不超过 40 个字符")
  .regex(/^[A-Za-z0-9_.-]+$/, "用户名只能包含字母、数字、下划线、点和短横线");

/** The password policy for new passwords (create, reset): length and the common-password list. */
export const ZPassword = z
  .string({ error: "请填写密码" })
  .min(10, "密码至少 10 位")
  .max(100, "密码不超过 100 位")
  .refine((password) => !COMMON_PASSWORDS.has(password.toLowerCase()), "该密码过于常见，容易被猜中，请换一个");

/** The policy's username rule, one refinement wherever the username is known (create: typed; reset: from the database). */
function refinePasswordNotUsername(value: { username: string; password: string }, context: z.RefinementCtx) {
  if (value.password.toLowerCase() === value.username.toLowerCase()) {
    context.addIssue({ code: "custom", path: ["password"], message: "密码不能与用户名相同" });
  }
}

export const ZPasswordOfUser = z.object({ username: z.string(), password: ZPassword }).superRefine(refinePasswordNotUsername);

const ZDisplayName = z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名不超过 40 个字符");
const ZRole = z.enum(ROLE.codes, { error: "请选择角色" });
const ZRegionCode = z.string({ error: "请选择管辖区域" }).regex(/^\d{12}$/, "请选择管辖区域");
const ZLeaderTownships = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean))
  .pipe(z.array(z.string().regex(/^\d{12}$/, "包片乡镇代码有误")));
const ZPhone = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null)
  .pipe(
    z
      .string()
      .regex(/^1\d{10}$/, "手机号码应为 11 位数字")
      .nullable(),
  );

export const ZCreateUser = z
  .object({
    username: ZUsername,
    displayName: ZDisplayName,
    password: ZPassword,
    role: ZRole,
    regionCode: ZRegionCode,
    phone: ZPhone,
    leaderTownships: ZLeaderTownships,
  })
  .superRefine(refinePasswordNotUsername);

export const ZUpdateUser = z.object({
  userId: z.uuid("用户不存在"),
  version: z.coerce.number().int().min(1),
  displayName: ZDisplayName,
  role: ZRole,
  regionCode: ZRegionCode,
  phone: ZPhone,
  leaderTownships: ZLeaderTownships,
});

export const ZUserRef = z.object({
  userId: z.uuid("用户不存在"),
  version: z.coerce.number().int().min(1),
});
export type TUserRef = z.infer<typeof ZUserRef>;

/** For the actions that do not edit the user record itself (强制下线, 重置两步验证): no version. */
export const ZUserId = ZUserRef.pick({ userId: true });

export const ZResetPassword = ZUserRef.extend({ password: ZPassword });
