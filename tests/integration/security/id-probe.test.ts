import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { addMember, updateMember } from "@/lib/members/commands";
import { createTestHousehold, memberFields, uniqueIdNumber } from "../factories";
import { expectAppError, signInAs } from "../helpers";

/**
 * "Does this ID number exist in the county?" must not be answerable by posting a household
 * (or member) outside one's scope: scope is established before the ID is looked up, so an
 * existing and a new ID number get the same NOT_FOUND, and nothing is written or audited.
 */
describe("probing the county for an ID number through an out-of-scope household", () => {
  let town2: Actor;
  let victimHouseholdId: string;
  let victimHeadId: string;
  let existingIdNumber: string;

  beforeAll(async () => {
    const village = await signInAs("village");
    town2 = await signInAs("town2");
    const victim = await createTestHousehold(village);
    victimHouseholdId = victim.id;
    victimHeadId = (await db.member.findFirstOrThrow({ where: { householdId: victim.id, relation: "HEAD" } })).id;
    const holder = await createTestHousehold(village, undefined, { head: { name: "王占位" } });
    existingIdNumber = (await db.member.findFirstOrThrow({ where: { householdId: holder.id } })).idNumber;
  });

  const snapshot = async () => ({ members: await db.member.count(), audit: await db.auditEvent.count() });

  it("answers adding a member with an existing ID exactly like one with a new ID: not found", async () => {
    const before = await snapshot();
    const existing = await expectAppError(
      addMember(town2, { householdId: victimHouseholdId, ...memberFields({ idNumber: existingIdNumber, relation: "SON" }) }),
      "NOT_FOUND",
    );
    const unknown = await expectAppError(
      addMember(town2, { householdId: victimHouseholdId, ...memberFields({ idNumber: uniqueIdNumber(1990), relation: "SON" }) }),
      "NOT_FOUND",
    );
    expect(existing.message).toBe(unknown.message);
    expect(existing.fieldErrors).toEqual(unknown.fieldErrors);
    expect(await snapshot()).toEqual(before);
  });

  it("answers editing a member with an existing ID exactly like one with a new ID: not found", async () => {
    const before = await snapshot();
    const existing = await expectAppError(
      updateMember(town2, { memberId: victimHeadId, version: 1, ...memberFields({ idNumber: existingIdNumber, relation: "HEAD" }) }),
      "NOT_FOUND",
    );
    const unknown = await expectAppError(
      updateMember(town2, { memberId: victimHeadId, version: 1, ...memberFields({ idNumber: uniqueIdNumber(1990), relation: "HEAD" }) }),
      "NOT_FOUND",
    );
    expect(existing.message).toBe(unknown.message);
    expect(await snapshot()).toEqual(before);
  });
});
