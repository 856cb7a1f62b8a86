import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createHousehold } from "@/lib/households/create-household";
import { recordVisit } from "@/lib/measures/plans-and-visits";
import { addMember, updateMember } from "@/lib/members/commands";
import { editConflicts, keepMine, type FieldValues } from "@/lib/offline/rules";
import { createUser } from "@/lib/users/commands";
import { createTestHousehold, FIRST_VILLAGE, householdInput, memberFields, SECOND_TOWNSHIP_VILLAGE } from "./factories";
import { expectAppError, signInAs } from "./helpers";

// What an offline draft meets when it is sent again (lib/offline/send.ts): a visit's idempotency key makes a
// replay create nothing more; an edit's version makes a replay a stale version that changes nothing, and
// "keep mine" sends the user's fields over the record as it is now, never over fields they did not touch.

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function visitRows(householdId: string, key: string) {
  const visits = await db.visit.findMany({ where: { householdId, idempotencyKey: key } });
  const ids = visits.map((visit) => visit.id);
  return {
    visits: visits.length,
    photos: await db.attachment.count({ where: { ownerType: "VISIT", ownerId: { in: ids } } }),
    audit: await db.auditEvent.count({ where: { action: "visit.create", entityId: householdId } }),
  };
}

/** A member's fields as its edit form posts them (the form's values are strings). */
const asForm = (fields: Record<string, unknown>): FieldValues =>
  Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === undefined || value === null ? [] : [String(value)]]));

describe("offline drafts sent again", () => {
  it("a visit sent twice with its key, one after the other or at once, is one visit with its photo and one audit row", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const key = randomUUID();
    const input = {
      householdId: id,
      visitedOn: yesterday(),
      findings: "离线记录的走访",
      actions: "",
      photos: [{ name: "屋顶.jpg", bytes: png }],
      idempotencyKey: key,
    };

    const first = await recordVisit(village, input);
    const replay = await recordVisit(village, input);
    expect(replay.id).toBe(first.id);
    const [racedA, racedB] = await Promise.all([recordVisit(village, input), recordVisit(village, input)]);
    expect([racedA.id, racedB.id]).toEqual([first.id, first.id]);
    expect(await visitRows(id, key)).toEqual({ visits: 1, photos: 1, audit: 1 });

    // Another draft (another key) is another visit.
    const other = await recordVisit(village, { ...input, idempotencyKey: randomUUID(), photos: [] });
    expect(other.id).not.toBe(first.id);
  });

  it("a replayed visit for a household out of the sender's scope is refused like a missing one and writes nothing", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const key = randomUUID();
    await recordVisit(village, { householdId: id, visitedOn: yesterday(), findings: "走访", idempotencyKey: key });
    // A village cadre of another township, who may record visits in their own village only.
    const admin = await signInAs("admin");
    const username = `cz${randomUUID().slice(0, 8)}`;
    await createUser(admin, { username, displayName: "外镇村干部", password: "secret-2026", role: "VILLAGE_CADRE", regionCode: SECOND_TOWNSHIP_VILLAGE });
    const outsider = await signInAs(username, "secret-2026");
    const before = await visitRows(id, key);
    await expectAppError(recordVisit(outsider, { householdId: id, visitedOn: yesterday(), findings: "外镇重放", idempotencyKey: key }), "NOT_FOUND");
    expect(await visitRows(id, key)).toEqual(before);
    expect(await db.visit.count({ where: { householdId: id, findings: "外镇重放" } })).toBe(0);
  });

  it("an edit sent again after it was saved is a stale version that changes nothing; the record already holds it, so the draft is done", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const spouse = memberFields({ name: "离线配偶", relation: "SPOUSE" });
    const added = await addMember(village, { householdId: id, ...spouse });
    const seen = { memberId: added.id, version: "1", relation: "SPOUSE", ...spouse };
    const mine = { ...seen, health: "CHRONIC", name: "离线改名" };

    await updateMember(village, mine);
    const saved = await db.member.findUniqueOrThrow({ where: { id: added.id } });
    expect(saved.version).toBe(2);
    const audit = await db.auditEvent.count({ where: { action: "member.update", entityId: id } });

    await expectAppError(updateMember(village, mine), "STALE_VERSION");
    const after = await db.member.findUniqueOrThrow({ where: { id: added.id } });
    expect(after).toEqual(saved);
    expect(await db.auditEvent.count({ where: { action: "member.update", entityId: id } })).toBe(audit);

    // The record now, as its form shows it: every field the user changed already holds their value.
    const current = asForm({ ...mine, version: "2" });
    expect(editConflicts({ mine: asForm(mine), base: asForm(seen) }, current)).toEqual([]);
  });

  it("an edit that meets someone else's save is refused; keep mine sends only the user's fields with the new version", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const spouse = memberFields({ name: "冲突配偶", relation: "SPOUSE" });
    const added = await addMember(village, { householdId: id, ...spouse });
    const seen = { memberId: added.id, version: "1", relation: "SPOUSE", ...spouse };

    // Meanwhile another session changes the name and the skills.
    const theirs = { ...seen, name: "他人改名", labourSkill: "SKILLED" };
    await updateMember(village, theirs);
    // Offline, the user changed the name and the health.
    const mine = { ...seen, name: "我的改名", health: "CHRONIC" };
    await expectAppError(updateMember(village, mine), "STALE_VERSION");
    const untouched = await db.member.findUniqueOrThrow({ where: { id: added.id } });
    expect({ name: untouched.name, labourSkill: untouched.labourSkill, health: untouched.health, version: untouched.version }).toEqual({
      name: "他人改名",
      labourSkill: "SKILLED",
      health: "HEALTHY",
      version: 2,
    });

    const current = asForm({ ...theirs, version: "2" });
    const conflicts = editConflicts({ mine: asForm(mine), base: asForm(seen) }, current);
    expect(conflicts.map((conflict) => [conflict.name, conflict.mine, conflict.current, conflict.changedByOthers])).toEqual([
      ["name", ["我的改名"], ["他人改名"], true],
      ["health", ["CHRONIC"], ["HEALTHY"], false],
    ]);

    // Keep mine: the user's two fields over the record now, at version 2.
    const resend = keepMine({ mine: asForm(mine), base: asForm(seen) }, current);
    const flat = Object.fromEntries(Object.entries(resend).map(([name, values]) => [name, values[0] ?? ""]));
    await updateMember(village, flat);
    const kept = await db.member.findUniqueOrThrow({ where: { id: added.id } });
    expect({ name: kept.name, labourSkill: kept.labourSkill, health: kept.health, version: kept.version }).toEqual({
      name: "我的改名",
      labourSkill: "SKILLED",
      health: "CHRONIC",
      version: 3,
    });
    // The same resend once more is stale again: nothing is overwritten twice.
    await expectAppError(updateMember(village, flat), "STALE_VERSION");
    expect((await db.member.findUniqueOrThrow({ where: { id: added.id } })).version).toBe(3);
  });

  it("a new member sent twice with its key, one after the other or at once, is one member with one audit row; without a key the second is refused", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const key = randomUUID();
    const input = { householdId: id, ...memberFields({ name: "离线新增", relation: "SON" }), idempotencyKey: key };
    const rows = async () => ({
      members: await db.member.count({ where: { householdId: id, name: "离线新增" } }),
      audit: await db.auditEvent.count({ where: { action: "member.create", entityId: id } }),
    });

    const first = await addMember(village, input);
    const replay = await addMember(village, input);
    expect(replay.id).toBe(first.id);
    const [racedA, racedB] = await Promise.all([addMember(village, input), addMember(village, input)]);
    expect([racedA.id, racedB.id]).toEqual([first.id, first.id]);
    expect(await rows()).toEqual({ members: 1, audit: 1 });
    const stored = await db.member.findUniqueOrThrow({ where: { id: first.id } });
    expect({ createdBy: stored.createdBy, idempotencyKey: stored.idempotencyKey }).toEqual({ createdBy: village.userId, idempotencyKey: key });

    // The same person without the key (another form) is the ID number already registered: refused, nothing written.
    const { idempotencyKey: _key, ...noKey } = input;
    void _key;
    await expectAppError(addMember(village, noKey), "CONFLICT");
    expect(await rows()).toEqual({ members: 1, audit: 1 });
  });

  it("another user's replay of the key, or one out of scope, never returns the member: out of scope is refused like missing", async () => {
    const village = await signInAs("village");
    const { id } = await createTestHousehold(village);
    const key = randomUUID();
    const input = { householdId: id, ...memberFields({ name: "他人重放", relation: "SON" }), idempotencyKey: key };
    await addMember(village, input);
    const admin = await signInAs("admin");
    const username = `cz${randomUUID().slice(0, 8)}`;
    await createUser(admin, { username, displayName: "外镇村干部", password: "secret-2026", role: "VILLAGE_CADRE", regionCode: SECOND_TOWNSHIP_VILLAGE });
    const outsider = await signInAs(username, "secret-2026");
    await expectAppError(addMember(outsider, input), "NOT_FOUND");
    // The township cadre (in scope) with the same key is not its author: the ID number is already registered.
    const town = await signInAs("town");
    await expectAppError(addMember(town, input), "CONFLICT");
    expect(await db.member.count({ where: { householdId: id, name: "他人重放" } })).toBe(1);
  });

  it("a new household sent twice with its key, one after the other or at once, is one household with one head and one audit row", async () => {
    const village = await signInAs("village");
    const key = randomUUID();
    const input = { ...(await householdInput(FIRST_VILLAGE, { head: { name: "离线建档" } })), idempotencyKey: key };
    const first = await createHousehold(village, input);
    const replay = await createHousehold(village, input);
    expect(replay).toEqual(first);
    const [racedA, racedB] = await Promise.all([createHousehold(village, input), createHousehold(village, input)]);
    expect([racedA.id, racedB.id]).toEqual([first.id, first.id]);
    const heads = await db.member.findMany({ where: { idNumber: input.head.idNumber, status: "PRESENT" } });
    expect(heads.map((head) => [head.householdId, head.relation, head.createdBy, head.idempotencyKey])).toEqual([[first.id, "HEAD", village.userId, key]]);
    expect(await db.auditEvent.count({ where: { action: "household.create", entityId: first.id } })).toBe(1);
    expect(await db.household.count({ where: { id: { not: first.id }, members: { some: { name: "离线建档", idNumber: input.head.idNumber } } } })).toBe(0);

    // Another user's send with the same key is not theirs: the head's ID number is already registered.
    const town = await signInAs("town");
    await expectAppError(createHousehold(town, input), "CONFLICT");
  });
});
