import type { Role } from "@/lib/domain/codes";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/errors";

/**
 * The one permission catalogue (STYLE §3): every command names the permission it needs.
 * Anything not listed here is denied.
 */
export const PERMISSIONS = {
  "household.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  "household.write": ["VILLAGE_CADRE", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  "household.viewFullIdNumber": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "INSPECTOR"],
  "attachment.upload": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  "settings.manage": ["COUNTY_OFFICE"],
  "measure.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  "plan.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  "visit.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM"],
  "helper.reassign": ["VILLAGE_CADRE", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  "catalogue.manage": ["COUNTY_OFFICE"],
  "coverage.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  "exit.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** Which step a user may act on is decided by the chain rules (lib/exits/chain.ts). */
  "exit.act": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  "household.returnToPoverty": ["TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  "villageExit.read": ["TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  "villageExit.act": ["TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER"],
  "villagePopulation.write": ["TOWNSHIP_CADRE"],
  "user.manage": ["ADMIN"],
  "region.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  const roles: readonly Role[] | undefined = PERMISSIONS[permission];
  return roles?.includes(actor.role) ?? false;
}

export function requirePermission(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/**
 * The roles that must pass a second factor (TOTP) before any request is served: 系统管理员,
 * 县扶贫办 and 督查 (等保三级 requires it for administrators). Enforced in lib/auth/sessions.ts.
 */
export const SECOND_FACTOR_ROLES = ["ADMIN", "COUNTY_OFFICE", "INSPECTOR"] as const satisfies readonly Role[];

export function needsSecondFactor(role: string): boolean {
  return (SECOND_FACTOR_ROLES as readonly string[]).includes(role);
}
