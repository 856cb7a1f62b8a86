// 疑点数据 "已核实无误" (issue 12 point 5, decision 021): a 疑点 marked by a cadre in scope stays quiet while the fields its
// rule reads are unchanged (through saves of other fields and the refresh job), reopens by itself when one of them changes,
// can be withdrawn; an 错误 cannot be marked; another township's user, an inspector and a leader are refused and change nothing.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { verifyQualityHit, withdrawQualityMark } from "@/lib/data-quality/marks";
import { findQualityHits, homeQualityCard, householdQualityHits, listQualityRules } from "@/lib/data-quality/queries";
import { ZHitFilter, ZRuleFilter } from "@/lib/data-quality/schema";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { addMember, updateMember } from "@/lib/members/commands";
import { ZPageParams } from "@/lib/pagination";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { createTestHousehold, memberFields, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);
const PAGE = ZPageParams.parse({ pageSize: 100 });
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

const hitOf = (memberId: string, ruleCode: string) => db.qualityHit.findFirstOrThrow({ where: { memberId, ruleCode } });
const marksOf = (householdId: string) => db.qualityMark.findMany({ where: { householdId }, orderBy: { createdAt: "asc" } });
const auditOf = (householdId: string, action: string) => db.auditEvent.findMany({ where: { entityId: householdId, action }, orderBy: { id: "asc" } });
const openCount = async (actor: Actor, code: string) =>
  (await listQualityRules(actor, ZRuleFilter.parse({}), PAGE)).page.rows.find((row) => row.code === code)?.hits ?? 0;
const listed = async (actor: Actor, code: string, status?: string) =>
  (await findQualityHits(actor, ZHitFilter.parse({ rule: code, status }), PAGE)).page.rows.map((row) => row.memberId);

/** A household with a member whose name has a letter in it: M-045 (疑点, reads 成员.姓名 only). */
async function suspectMember(village: Actor, name = "李四A") {
  const { id: householdId } = await createTestHousehold(village);
  const idNumber = uniqueIdNumber(1980);
  const { id: memberId } = await addMember(village, { householdId, ...memberFields({ name, relation: "SIBLING", idNumber }) });
  return { householdId, memberId, idNumber };
}

async function editMember(actor: Actor, memberId: string, idNumber: string, overrides: Record<string, unknown>) {
  const member = await db.member.findUniqueOrThrow({ where: { id: memberId } });
  return updateMember(actor, {
    memberId,
    version: String(member.version),
    ...memberFields({ name: member.name, relation: "SIBLING", idNumber, ...overrides }),
  });
}

describe("疑点数据 已核实无误", () => {
  it("a marked 疑点 is quiet while its fields are unchanged, even after an edit of another field and a refresh; an edit of a field it reads reopens it", async () => {
    const village = await signInAs("village");
    const { householdId, memberId, idNumber } = await suspectMember(village);
    const hit = await hitOf(memberId, "M-045");
    expect(hit.verifiedMarkId).toBeNull();
    const openBefore = await openCount(village, "M-045");
    const homeBefore = (await homeQualityCard(village))!.hits;
    expect((await findHouseholds(village, ZHouseholdFilter.parse({ quality: "M-045" }), PAGE)).rows.map((row) => row.id)).toContain(householdId);

    const { markId } = await verifyQualityHit(village, {
      householdId,
      ruleCode: "M-045",
      memberId,
      field: hit.field,
      reason: "户口簿上的姓名就是如此，已核对户口簿",
      file: { name: "户口簿.png", bytes: PNG },
    });
    const [mark] = await marksOf(householdId);
    expect(mark).toMatchObject({ id: markId, status: "ACTIVE", ruleCode: "M-045", memberId, createdBy: village.userId, version: 1 });
    expect(mark.fieldsHash).toMatch(/^[0-9a-f]{64}$/);
    const evidence = await db.attachment.findUniqueOrThrow({ where: { id: mark.attachmentId! } });
    expect(evidence).toMatchObject({ ownerType: "QUALITY_MARK", ownerId: markId, householdId, mimeType: "image/png" });
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBe(markId);
    const [created] = await auditOf(householdId, "qualityMark.create");
    expect(created).toMatchObject({ actorId: village.userId, countyCode: COUNTY6 });
    expect(created.after).toMatchObject({
      markId,
      reason: "户口簿上的姓名就是如此，已核对户口簿",
      attachmentId: mark.attachmentId,
      fieldsHash: mark.fieldsHash,
    });

    // Quiet: out of the open counts, the open list, the home card and the households filter; listed under 已核实.
    expect(await openCount(village, "M-045")).toBe(openBefore - 1);
    expect(await listed(village, "M-045")).not.toContain(memberId);
    expect(await listed(village, "M-045", "verified")).toContain(memberId);
    expect((await homeQualityCard(village))!.hits).toBe(homeBefore - 1);
    expect((await findHouseholds(village, ZHouseholdFilter.parse({ quality: "M-045" }), PAGE)).rows.map((row) => row.id)).not.toContain(householdId);
    const panel = (await householdQualityHits(village, householdId))!;
    expect(panel.find((row) => row.ruleCode === "M-045")?.mark).toMatchObject({ id: markId, reason: "户口簿上的姓名就是如此，已核对户口簿" });

    // An edit of a field M-045 does not read (文化程度), then the refresh job: still quiet, the same mark.
    const saved = await editMember(village, memberId, idNumber, { educationLevel: "PRIMARY" });
    expect(saved.quality.map((one) => one.ruleCode)).not.toContain("M-045"); // the save's notes leave the quiet hit out
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBe(markId);
    expect((await refreshIndicators(COUNTY6)).kind).toBe("refreshed");
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBe(markId);
    expect((await marksOf(householdId))[0].status).toBe("ACTIVE");
    expect(await auditOf(householdId, "qualityMark.reopen")).toEqual([]);

    // An edit of the name (the field M-045 reads) that still breaks the rule: the hit is open again at once, the mark closed.
    const reopened = await editMember(village, memberId, idNumber, { name: "李四B" });
    expect(reopened.quality.map((one) => one.ruleCode)).toContain("M-045");
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBeNull();
    expect((await marksOf(householdId))[0]).toMatchObject({ status: "REOPENED", version: 2 });
    const [reopenAudit] = await auditOf(householdId, "qualityMark.reopen");
    expect(reopenAudit).toMatchObject({ actorId: null, countyCode: COUNTY6 });
    expect(reopenAudit.before).toMatchObject({ markId, fieldsHash: mark.fieldsHash });
    expect(await openCount(village, "M-045")).toBe(openBefore);
    expect((await refreshIndicators(COUNTY6)).kind).toBe("refreshed");
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBeNull(); // and the job agrees
  });

  it("a mark can be withdrawn (stale version refused), the hit is open again, audited", async () => {
    const town = await signInAs("town");
    const { householdId, memberId } = await suspectMember(town);
    const hit = await hitOf(memberId, "M-045");
    const { markId } = await verifyQualityHit(town, { householdId, ruleCode: "M-045", memberId, field: hit.field, reason: "与户口簿一致" });
    expect(await db.attachment.count({ where: { ownerType: "QUALITY_MARK", ownerId: markId } })).toBe(0);
    await expectAppError(verifyQualityHit(town, { householdId, ruleCode: "M-045", memberId, field: hit.field, reason: "再标一次" }), "CONFLICT");
    await expectAppError(withdrawQualityMark(town, { markId, version: "2" }), "STALE_VERSION");
    expect((await marksOf(householdId))[0].status).toBe("ACTIVE");
    await withdrawQualityMark(town, { markId, version: "1" });
    expect((await marksOf(householdId))[0]).toMatchObject({ status: "WITHDRAWN", closedBy: town.userId, version: 2 });
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBeNull();
    const [withdrawn] = await auditOf(householdId, "qualityMark.withdraw");
    expect(withdrawn).toMatchObject({ actorId: town.userId });
    await expectAppError(withdrawQualityMark(town, { markId, version: "2" }), "RULE_VIOLATION");
    // The refresh does not bring a withdrawn mark back.
    expect((await refreshIndicators(COUNTY6)).kind).toBe("refreshed");
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBeNull();
  });

  it("an 错误 cannot be marked; a bad file, another township, an inspector and a leader are refused and change nothing", async () => {
    const [village, town2, inspector, leader] = await Promise.all(["village", "town2", "inspector", "leader"].map((name) => signInAs(name)));
    const { householdId, memberId } = await suspectMember(village);
    const { id: sonId } = await addMember(village, {
      householdId,
      ...memberFields({ name: "子女丁", relation: "SON", idNumber: uniqueIdNumber(2001, "FEMALE") }),
    });
    const error = await hitOf(sonId, "M-006");
    expect(error.severity).toBe("ERROR");
    const refused = await expectAppError(
      verifyQualityHit(village, { householdId, ruleCode: "M-006", memberId: sonId, field: error.field, reason: "确实如此，已核实" }),
      "RULE_VIOLATION",
    );
    expect(refused.message).toContain("必须改正");

    const hit = await hitOf(memberId, "M-045");
    const input = { householdId, ruleCode: "M-045", memberId, field: hit.field, reason: "与户口簿一致" };
    const badFile = await expectAppError(
      verifyQualityHit(village, { ...input, file: { name: "说明.png", bytes: new TextEncoder().encode("not a picture") } }),
      "VALIDATION",
    );
    expect(badFile.fieldErrors?.file?.[0]).toContain("文件内容不是");
    // Another township answers like a missing hit; the inspector and the leader lack the permission.
    await expectAppError(verifyQualityHit(town2, input), "NOT_FOUND");
    await expectAppError(verifyQualityHit(inspector, input), "FORBIDDEN");
    await expectAppError(verifyQualityHit(leader, input), "FORBIDDEN");
    // Input that names nothing real answers the same as out of scope.
    await expectAppError(verifyQualityHit(village, { ...input, field: "name-x" }), "NOT_FOUND");

    expect(await marksOf(householdId)).toEqual([]);
    expect(await db.attachment.count({ where: { householdId, ownerType: "QUALITY_MARK" } })).toBe(0);
    expect((await hitOf(memberId, "M-045")).verifiedMarkId).toBeNull();
    expect((await hitOf(sonId, "M-006")).verifiedMarkId).toBeNull();
    expect(await auditOf(householdId, "qualityMark.create")).toEqual([]);

    // A mark made in scope cannot be withdrawn from another township (not found), and stays.
    const { markId } = await verifyQualityHit(village, input);
    await expectAppError(withdrawQualityMark(town2, { markId, version: "1" }), "NOT_FOUND");
    await expectAppError(withdrawQualityMark(inspector, { markId, version: "1" }), "FORBIDDEN");
    expect((await marksOf(householdId))[0].status).toBe("ACTIVE");
    await expectAppError(householdQualityHits(town2, householdId), "NOT_FOUND");
    expect(await listed(town2, "M-045", "verified")).not.toContain(memberId);
  });
});
