import { z } from "zod";
import { ROLE } from "@/lib/domain/codes";

const ZUsername = z
  .string({ error: "请填写用户名" })
  .trim()
  .min(2, "用户名至少 2 个字符")
  .max(40, "用户名不超过 40 个字符")
  .regex(/^[A-Za-z0-9_.-]+$/, "用户名只能包含字母、数字、下划线、点和短横线");

export const ZPassword = z
  .string({ error: "请填写密码" })
  .min(8, "密码至少 8 位")
  .max(100, "密码不超过 100 位");

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
  .pipe(z.string().regex(/^1\d{10}$/, "手机号码应为 11 位数字").nullable());

export const ZCreateUser = z.object({
  username: ZUsername,
  displayName: ZDisplayName,
  password: ZPassword,
  role: ZRole,
  regionCode: ZRegionCode,
  phone: ZPhone,
  leaderTownships: ZLeaderTownships,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z.object({
  userId: z.uuid("用户不存在"),
  version: z.coerce.number().int().min(1),
  displayName: ZDisplayName,
  role: ZRole,
  regionCode: ZRegionCode,
  phone: ZPhone,
  leaderTownships: ZLeaderTownships,
});
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZUserRef = z.object({
  userId: z.uuid("用户不存在"),
  version: z.coerce.number().int().min(1),
});

export const ZResetPassword = ZUserRef.extend({ password: ZPassword });
