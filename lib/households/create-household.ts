import "server-only";
import { randomUUID } from "node:crypto";
import { regionCovers } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertVillageGroupChoice } from "@/lib/regions/village-groups";
import { isUniqueViolation } from "@/lib/database-errors";
import { createOnce } from "@/lib/idempotency";
import { householdNumber } from "@/lib/households/rules";
import { ZCreateHousehold } from "@/lib/households/schema";
import { validateIdNumber } from "@/lib/members/id-number";
import { ACTIVE_ID_CONSTRAINT, idNumberConflict } from "@/lib/members/id-conflict";

/** The 帮扶责任人 must be an active 帮扶责任人 of the household's village. */
export async function checkHelper(tx: Tx, helperId: string, villageCode: string, field = "household.helperId") {
  const helper = await tx.user.findFirst({ where: { id: helperId, role: "HELPER", active: true, regionCode: villageCode }, select: { id: true } });
  if (!helper) {
    throw new AppError("VALIDATION", "帮扶责任人必须是本村在职的帮扶责任人", { [field]: ["请从本村的帮扶责任人中选择"] });
  }
}

async function nextSequence(tx: Tx, villageCode: string): Promise<number> {
  const rows = await tx.$queryRaw<{ last_value: number }[]>`
    INSERT INTO household_sequence (village_code, last_value) VALUES (${villageCode}, 1)
    ON CONFLICT (village_code) DO UPDATE SET last_value = household_sequence.last_value + 1
    RETURNING last_value`;
  return rows[0].last_value;
}

/**
 * Registers a household with its 户主; the 户编号 comes from the village code and a sequence.
 * The village must lie in the actor's scope before the head's ID number is looked up in the
 * county. Its own transaction, because a unique-index race is translated after it fails.
 */
export const createHousehold = defineCommand({
  permission: "household.write",
  input: ZCreateHousehold,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const village = await db.region.findUnique({
      where: { code: data.villageCode },
      select: { code: true, level: true, countyCode: true, townshipCode: true, retiredAt: true },
    });
    if (!village || village.level !== "VILLAGE" || !regionCovers(actor, village) || !village.townshipCode) throw notFound("所属村");
    if (village.retiredAt) throw new AppError("VALIDATION", "该村已撤销，不能再建档", { villageCode: ["该村已撤销，请选择现在的村"] });
    const identity = validateIdNumber(data.head.idNumber, new Date());
    if (!identity.ok) throw new AppError("VALIDATION", identity.message, { "head.idNumber": [identity.message] });

    // The form's one-time key (a household saved offline and sent again, lib/offline) is kept on the head member, created
    // in the same transaction (member_idempotency_key: county, author, key): a repeat finds the household the first send made.
    const findOwn = async (idempotencyKey: string) =>
      (
        await db.member.findFirst({
          where: { countyCode: village.countyCode, createdBy: actor.userId, idempotencyKey, relation: "HEAD" },
          select: { household: { select: { id: true, householdNo: true } } },
        })
      )?.household ?? null;
    const { idempotencyKey } = data;

    return createOnce(idempotencyKey, "member_idempotency_key", findOwn, async () => {
      try {
        const conflict = await idNumberConflict(actor, data.head.idNumber);
        if (conflict) throw new AppError("CONFLICT", conflict.message, { "head.idNumber": [conflict.message] });
        return await db.$transaction(async (tx) => {
          await checkHelper(tx, data.household.helperId, village.code);
          await assertVillageGroupChoice(tx, village.code, data.household.villageGroup, null, "household.villageGroup");
          const sequence = await nextSequence(tx, village.code);
          const householdId = randomUUID();
          const householdNo = householdNumber(village.code, sequence);
          const household = await tx.household.create({
            data: {
              id: householdId,
              countyCode: village.countyCode,
              townshipCode: village.townshipCode!,
              villageCode: village.code,
              householdNo,
              ...data.household,
            },
            select: { id: true, householdNo: true },
          });
          const head = await tx.member.create({
            data: {
              ...data.head,
              householdId,
              countyCode: village.countyCode,
              relation: "HEAD",
              gender: identity.gender,
              birthDate: fromDateString(identity.birthDate),
              createdBy: actor.userId,
              idempotencyKey,
            },
            select: { id: true },
          });
          await recordAudit(tx, actor, {
            action: "household.create",
            entityType: "Household",
            entityId: householdId,
            countyCode: village.countyCode,
            after: {
              householdNo,
              villageCode: village.code,
              ...data.household,
              headName: data.head.name,
              headIdNumber: data.head.idNumber,
              headMemberId: head.id,
            },
          });
          return household;
        });
      } catch (error) {
        // Two sends of one form at once: the loser meets the winner's head (its ID number, or the key's index).
        const winner = idempotencyKey ? await findOwn(idempotencyKey) : null;
        if (winner) return winner;
        if (isUniqueViolation(error, ACTIVE_ID_CONSTRAINT)) {
          const raced = await idNumberConflict(actor, data.head.idNumber);
          if (raced) throw new AppError("CONFLICT", raced.message, { "head.idNumber": [raced.message] });
        }
        throw error;
      }
    });
  },
});
