import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { closeNotice } from "@/lib/exits/household/close-notice";
import { getExitSheet } from "@/lib/exits/household/get-exit-sheet";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { recordConsent } from "@/lib/exits/household/record-consent";
import { signStep } from "@/lib/exits/household/sign-step";
import { startNotice } from "@/lib/exits/household/start-notice";
import { uploadSheetEvidence } from "@/lib/exits/household/upload-sheet-evidence";
import { saveIncome } from "@/lib/income/commands";
import { decideFindingReport, submitFindingReport } from "@/lib/inspections/findings/commands";
import { saveReview } from "@/lib/inspections/reviews/commands";
import { findReviewQueue, getSheetReview } from "@/lib/inspections/reviews/queries";
import { ZReviewQueueFilter } from "@/lib/inspections/reviews/schema";
import { updateMember } from "@/lib/members/commands";
import { ZPageParams } from "@/lib/pagination";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE, memberFields } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A past year with a configured national line, so the run does not depend on today's year. */
const YEAR = 2020;
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const ITEMS = ["INCOME", "FOOD", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING", "SIGNATURES", "NOTICE", "EVIDENCE"] as const;
const inDays = (days: number) => todayString(new Date(Date.now() + days * 86_400_000));
const paging = ZPageParams.parse({ pageSize: "100" });

async function actors() {
  const [helper, village, team, town, town2, county, leader, inspector] = await Promise.all(
    ["helper", "village", "team", "town", "town2", "county", "leader", "inspector"].map((name) => signInAs(name)),
  );
  return { helper, village, team, town, town2, county, leader, inspector };
}

const version = async (sheetId: string) => String((await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } })).version);
const sign = async (actor: Actor, sheetId: string, step: string, extra: Record<string, unknown> = {}) =>
  signStep(actor, { sheetId, version: await version(sheetId), step, ...extra });

/** A household of the first village meeting every criterion for YEAR, with its exit sheet opened (提出 signed). */
async function openSheet(a: Awaited<ReturnType<typeof actors>>) {
  const { id: householdId } = await createTestHousehold(a.village);
  await saveIncome(a.village, { householdId, year: String(YEAR), version: "0", wageFen: "20000" });
  const { id: sheetId } = await openExitSheet(a.helper, { householdId, assessmentYear: String(YEAR), opinion: "两不愁三保障均已达标" });
  return { householdId, sheetId };
}

/** The whole chain up to 县审定, signed by `approver`. */
async function approvedSheet(a: Awaited<ReturnType<typeof actors>>, approver: Actor) {
  const { householdId, sheetId } = await openSheet(a);
  await sign(a.village, sheetId, "DEMOCRATIC_REVIEW", { reviewDate: todayString(), reviewPresent: "20", reviewResult: "同意" });
  await sign(a.team, sheetId, "WORK_TEAM_VERIFY");
  await uploadSheetEvidence(a.village, { sheetId, kind: "CONSENT", file: { name: "认可书.png", bytes: PNG } });
  await recordConsent(a.village, { sheetId, version: await version(sheetId) });
  await uploadSheetEvidence(a.team, { sheetId, kind: "NOTICE_PHOTO", file: { name: "公示.png", bytes: PNG } });
  await startNotice(a.team, { sheetId, version: await version(sheetId), postedOn: todayString() });
  await db.exitSheet.update({
    where: { id: sheetId },
    data: { noticePostedOn: new Date(`${todayString(new Date(Date.now() - 8 * 86_400_000))}T00:00:00.000Z`) },
  });
  await closeNotice(a.town, { sheetId, version: await version(sheetId) });
  await sign(a.town, sheetId, "TOWNSHIP_REVIEW");
  await sign(approver, sheetId, "COUNTY_APPROVAL");
  return { householdId, sheetId };
}

/** A checklist: every item 合格 except the given ones (with a note and a category). */
function checklist(sheetId: string, failed: Partial<Record<(typeof ITEMS)[number], string>> = {}, extra: Record<string, unknown> = {}) {
  const input: Record<string, unknown> = { sheetId, note: "抽阅核验表", ...extra };
  for (const item of ITEMS) {
    input[item] = failed[item] ? { result: "FAIL", note: "说明问题", category: failed[item] } : { result: "PASS", note: "" };
  }
  if (Object.keys(failed).length) Object.assign(input, { responsibleUnit: "石桥镇人民政府", responsiblePerson: "王立新", deadline: inDays(15), ...extra });
  return input;
}

async function reviewState(sheetId: string) {
  return {
    reviews: await db.inspectionReview.count({ where: { sheetId } }),
    findings: await db.finding.count({ where: { review: { sheetId } } }),
    audit: await db.auditEvent.count({ where: { action: { in: ["inspection.review", "finding.raise"] } } }),
  };
}

async function expectRefusedUnchanged(sheetId: string, attempt: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await reviewState(sheetId);
  const error = await expectAppError(attempt(), code);
  if (message) expect(error.message).toMatch(message);
  expect(await reviewState(sheetId)).toEqual(before);
  return error;
}

describe("inspection review of a household exit sheet", () => {
  it("review → 不合格 → findings in the same step → report → return → report → accept, all audited", async () => {
    const a = await actors();
    const { householdId, sheetId } = await approvedSheet(a, a.county);
    const result = await saveReview(a.inspector, checklist(sheetId, { INCOME: "INCOME", SIGNATURES: "MISSING_SIGNATURE" }));
    expect(result.findingIds).toHaveLength(2);

    const review = await db.inspectionReview.findUniqueOrThrow({ where: { id: result.reviewId } });
    const sheetView = await getExitSheet(a.inspector, sheetId);
    expect(review).toMatchObject({
      sheetId,
      householdId,
      inspectorId: a.inspector.userId,
      contentHash: sheetView.hash,
      sheetStatus: "APPROVED",
      failedItems: ["INCOME", "SIGNATURES"],
    });
    const findings = await db.finding.findMany({ where: { reviewId: review.id }, orderBy: { checklistItem: "asc" } });
    expect(findings.map((finding) => [finding.checklistItem, finding.categoryCode, finding.criterion, finding.source, finding.householdId])).toEqual([
      ["INCOME", "INCOME", "INCOME", "REVIEW", householdId],
      ["SIGNATURES", "MISSING_SIGNATURE", null, "REVIEW", householdId],
    ]);
    expect(await db.auditEvent.findFirst({ where: { action: "inspection.review", entityId: review.id } })).toMatchObject({ actorId: a.inspector.userId });
    expect(await db.auditEvent.count({ where: { action: "finding.raise", entityId: { in: result.findingIds } } })).toBe(2);

    const [income] = findings;
    await submitFindingReport(a.town, { findingId: income.id, version: "1", content: "已重新核算" });
    await decideFindingReport(a.inspector, { findingId: income.id, version: "2", decision: "RETURN", reason: "缺少经营性收入凭证" });
    await submitFindingReport(a.town, { findingId: income.id, version: "3", content: "已补凭证" });
    await decideFindingReport(a.inspector, { findingId: income.id, version: "4", decision: "ACCEPT" });
    expect(await db.finding.findUniqueOrThrow({ where: { id: income.id } })).toMatchObject({ status: "CLOSED", returns: 1 });
    expect(
      (await db.auditEvent.findMany({ where: { entityType: "Finding", entityId: income.id }, orderBy: { id: "asc" }, select: { action: true } })).map(
        (row) => row.action,
      ),
    ).toEqual(["finding.raise", "finding.submitReport", "finding.return", "finding.submitReport", "finding.accept"]);

    const page = await getSheetReview(a.leader, sheetId);
    expect(page.reviews).toHaveLength(1);
    expect(page.reviews[0]).toMatchObject({ onOldData: false, inspectorName: "孙正平" });
    expect(page.reviews[0].findings.map((finding) => finding.statusLabel).sort()).toEqual(["已销号", "待整改"]);
    expect(page.cannotReview).toBe("只有督查人员可以审查核验表");
  });

  it("a review made before a household change shows as made on old data, in the page and in the queue", async () => {
    const a = await actors();
    const { householdId, sheetId } = await openSheet(a);
    await saveReview(a.inspector, checklist(sheetId));
    const unchanged = await findReviewQueue(a.inspector, ZReviewQueueFilter.parse({ reviewed: "CHANGED" }), paging);
    expect(unchanged.rows.map((row) => row.id)).not.toContain(sheetId);
    expect((await getSheetReview(a.inspector, sheetId)).reviews[0].onOldData).toBe(false);

    const head = await db.member.findFirstOrThrow({ where: { householdId, relation: "HEAD" } });
    await updateMember(a.village, {
      memberId: head.id,
      version: head.version,
      ...memberFields({ name: "户主改名", idNumber: head.idNumber, relation: "HEAD" }),
    });

    const page = await getSheetReview(a.inspector, sheetId);
    expect(page.reviews[0].onOldData).toBe(true);
    const changed = await findReviewQueue(a.inspector, ZReviewQueueFilter.parse({ reviewed: "CHANGED" }), paging);
    expect(changed.rows.find((row) => row.id === sheetId)?.latest).toMatchObject({ onOldData: true });
    // A second look is a new review on today's data; the first stays as it was.
    await saveReview(a.inspector, checklist(sheetId));
    expect((await getSheetReview(a.inspector, sheetId)).reviews.map((review) => review.onOldData)).toEqual([false, true]);
    const notYet = await findReviewQueue(a.inspector, ZReviewQueueFilter.parse({ reviewed: "NONE" }), paging);
    expect(notYet.rows.map((row) => row.id)).not.toContain(sheetId);
  });

  it("whoever signed the sheet's 县审定 cannot review it, even after becoming an inspector", async () => {
    const a = await actors();
    const username = `co${randomUUID().slice(0, 8)}`;
    await db.user.create({
      data: { username, displayName: "审定人", role: "COUNTY_OFFICE", regionCode: a.county.regionCode, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4) },
    });
    const approver = await signInAs(username);
    const { sheetId } = await approvedSheet(a, approver);
    await db.user.update({ where: { username }, data: { role: "INSPECTOR" } });
    const nowInspector = await signInAs(username);
    await expectRefusedUnchanged(sheetId, () => saveReview(nowInspector, checklist(sheetId)), "RULE_VIOLATION", /签署过这份核验表/);
    expect((await getSheetReview(nowInspector, sheetId)).cannotReview).toMatch(/签署过/);
    // Another inspector may.
    await saveReview(a.inspector, checklist(sheetId));
  });

  it("bad input, other roles and unknown sheets write nothing; an inspector cannot edit a member", async () => {
    const a = await actors();
    const { householdId, sheetId } = await openSheet(a);
    const noNote = await expectRefusedUnchanged(
      sheetId,
      () => saveReview(a.inspector, { ...checklist(sheetId, { FOOD: "POLICY" }), FOOD: { result: "FAIL", note: "", category: "POLICY" } }),
      "VALIDATION",
    );
    expect(noNote.fieldErrors).toHaveProperty(["FOOD.note"]);
    const noDeadline = await expectRefusedUnchanged(
      sheetId,
      () => saveReview(a.inspector, checklist(sheetId, { FOOD: "POLICY" }, { deadline: "" })),
      "VALIDATION",
    );
    expect(noDeadline.fieldErrors).toHaveProperty("deadline");
    await expectRefusedUnchanged(sheetId, () => saveReview(a.inspector, checklist(sheetId, { FOOD: "POLICY" }, { deadline: inDays(-2) })), "VALIDATION");
    const badCategory = await expectRefusedUnchanged(sheetId, () => saveReview(a.inspector, checklist(sheetId, { FOOD: "NOPE" })), "RULE_VIOLATION");
    expect(badCategory.fieldErrors).toHaveProperty(["FOOD.category"]);
    const missingItem = checklist(sheetId);
    delete missingItem.HOUSING;
    await expectRefusedUnchanged(sheetId, () => saveReview(a.inspector, missingItem), "VALIDATION");
    for (const other of [a.county, a.leader, a.town, a.village])
      await expectRefusedUnchanged(sheetId, () => saveReview(other, checklist(sheetId)), "FORBIDDEN");
    await expectAppError(saveReview(a.inspector, checklist(randomUUID())), "NOT_FOUND");

    const member = await db.member.findFirstOrThrow({ where: { householdId, relation: "HEAD" } });
    await expectAppError(
      updateMember(a.inspector, {
        memberId: member.id,
        version: member.version,
        ...memberFields({ name: "督查改名", idNumber: member.idNumber, relation: "HEAD" }),
      }),
      "FORBIDDEN",
    );
    expect(await db.member.findUniqueOrThrow({ where: { id: member.id } })).toEqual(member);
    // Reviews are evidence: the database refuses to change one.
    await saveReview(a.inspector, checklist(sheetId));
    const stored = await db.inspectionReview.findFirstOrThrow({ where: { sheetId } });
    await expect(db.inspectionReview.update({ where: { id: stored.id }, data: { note: "改写" } })).rejects.toThrow();
  });

  it("the queue filters by stage, year, region and review state", async () => {
    const a = await actors();
    const { sheetId } = await openSheet(a);
    const ids = async (filter: Record<string, string>) =>
      (await findReviewQueue(a.inspector, ZReviewQueueFilter.parse(filter), paging)).rows.map((row) => row.id);
    expect(await ids({ stage: "BEFORE_NOTICE", village: FIRST_VILLAGE, year: String(YEAR), reviewed: "NONE" })).toContain(sheetId);
    expect(await ids({ stage: "APPROVED", village: FIRST_VILLAGE })).not.toContain(sheetId);
    expect(await ids({ year: "2019", village: FIRST_VILLAGE })).not.toContain(sheetId);
    expect(await ids({ township: "522698101000" })).not.toContain(sheetId);
    await expectAppError(findReviewQueue(a.town, ZReviewQueueFilter.parse({}), paging), "FORBIDDEN");
  });
});
