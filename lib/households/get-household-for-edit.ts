import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere, memberScopeWhere } from "@/lib/auth/scope";
import { toDateString } from "@/lib/dates";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The household's editable fields and version, for its edit form. */
export async function getHouseholdForEdit(actor: Actor, householdId: string) {
  requirePermission(actor, "household.write");
  const household = await db.household.findFirst({ where: { id: householdId, ...householdScopeWhere(actor) } });
  if (!household) throw notFound("户档");
  return {
    ...household,
    farmlandMu: household.farmlandMu.toString(),
    forestMu: household.forestMu.toString(),
    distanceToRoadKm: household.distanceToRoadKm.toString(),
    housingAreaM2: household.housingAreaM2.toString(),
  };
}

/** One member with the full ID (the edit form needs it), for users who may edit; the full view is logged. */
export async function getMemberForEdit(actor: Actor, householdId: string, memberId: string) {
  requirePermission(actor, "household.write");
  const member = await db.member.findFirst({ where: { id: memberId, householdId, ...memberScopeWhere(actor) } });
  if (!member) throw notFound("成员");
  await recordAudit(db, actor, {
    action: "idNumber.viewFull",
    entityType: "Member",
    entityId: member.id,
    countyCode: member.countyCode,
    after: { householdId, name: member.name, purpose: "修改成员信息" },
  });
  return { ...member, birthDate: toDateString(member.birthDate) };
}
