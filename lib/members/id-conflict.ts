import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { householdScopeWhere } from "@/lib/auth/scope";
import { db, type Db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const ACTIVE_ID_CONSTRAINT = "member_active_id_number_key";

/**
 * The refusal for an ID already present in another household: names that household's
 * 户编号 and village, and its head's name only when the household is in the actor's scope.
 */
export async function idNumberConflict(actor: Actor, idNumber: string, client: Db | Tx = db): Promise<AppError | null> {
  const holder = await client.member.findFirst({
    where: { countyCode: actor.countyCode, idNumber, status: "PRESENT" },
    select: { householdId: true, household: { select: { householdNo: true, village: { select: { name: true } }, township: { select: { name: true } } } } },
  });
  if (!holder) return null;
  const visible = await client.household.findFirst({
    where: { id: holder.householdId, ...householdScopeWhere(actor) },
    select: { members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true } } },
  });
  const where = `${holder.household.township.name}${holder.household.village.name}`;
  const head = visible?.members[0]?.name;
  const message = `该身份证号码已是户 ${holder.household.householdNo}（${where}${head ? `，户主${head}` : ""}）的在户成员；一人只能属于一个户，请先在原户办理迁出`;
  return new AppError("CONFLICT", message, { idNumber: [message] });
}
