import "server-only";
import { z } from "zod";
import { memberScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { notFound } from "@/lib/errors";

/** The full ID number, only for roles that need it, and every full view is logged (docs/domain.md §3). */
export const revealIdNumber = defineCommand({
  permission: "household.viewFullIdNumber",
  input: z.object({ memberId: z.uuid("成员不存在") }),
  async run({ actor, input, tx }): Promise<string> {
    const member = await tx.member.findFirst({
      where: { id: input.memberId, ...memberScopeWhere(actor) },
      select: { id: true, idNumber: true, name: true, householdId: true, countyCode: true },
    });
    if (!member) throw notFound("成员");
    await recordAudit(tx, actor, {
      action: "idNumber.viewFull",
      entityType: "Member",
      entityId: member.id,
      countyCode: member.countyCode,
      after: { householdId: member.householdId, name: member.name },
    });
    return member.idNumber;
  },
});
