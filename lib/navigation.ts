import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";

export type NavEntry = { href: string; label: string; description: string; permission: Permission };

/** The entry points of the product; each is shown only to roles holding its permission. */
const ENTRIES: NavEntry[] = [
  { href: "/households", label: "户档管理", description: "一户一档：户信息、家庭成员、收入、佐证材料", permission: "household.read" },
  { href: "/settings", label: "系统设置", description: "各年度贫困线等全县参数", permission: "settings.manage" },
  { href: "/admin/users", label: "用户管理", description: "账号、角色与管辖范围", permission: "user.manage" },
];

export function navigationFor(actor: Pick<Actor, "role">): NavEntry[] {
  return ENTRIES.filter((entry) => can(actor, entry.permission));
}
