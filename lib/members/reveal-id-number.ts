import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

/** The full ID number, only for roles that need it, and every full view is logged (POLICY §6). */
export async function revealIdNumber(actor: Actor, input: unknown): Promise<string> {
  requirePermission(actor, "household.viewFullIdNumber");
  const { memberId } = parseInput(z.object({ memberId: z.uuid("成员不存在") }), input);
  const member = await db.member.findFirst({
    where: { id: memberId, household: householdScopeWhere(actor) },
    select: { id: true, idNumber: true, name: true, householdId: true, countyCode: true },
  });
  if (!member) throw notFound("成员");
  await recordAudit(db, actor, {
    action: "idNumber.viewFull",
    entityType: "Member",
    entityId: member.id,
    countyCode: member.countyCode,
    after: { householdId: member.householdId, name: member.name },
  });
  return member.idNumber;
}
