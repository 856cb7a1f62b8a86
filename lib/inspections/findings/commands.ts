import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { findingScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";
import { assertUpdated, forbidden, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { storeInspectionFiles } from "@/lib/inspections/files";
import { householdTarget, insertFinding, regionTarget } from "./raise";
import { isInTargetUnit } from "./rules";
import { ZDecideFindingReport, ZRaiseFinding, ZSubmitFindingReport } from "./schema";

/** The finding behind an id, only inside the actor's scope; otherwise exactly like a missing one. */
async function findingInScope(tx: Tx, actor: Actor, findingId: string) {
  const finding = await tx.finding.findFirst({
    where: { AND: [{ id: findingId }, findingScopeWhere(actor)] },
    select: { id: true, countyCode: true, townshipCode: true, villageCode: true, status: true, returns: true, version: true },
  });
  if (!finding) throw notFound("督查问题");
  return finding;
}

/** A finding changes only if nobody changed it since it was read, and only from the status the command expects. */
async function guardedFindingUpdate(tx: Tx, finding: { id: string; version: number }, status: string, data: Record<string, unknown>) {
  assertUpdated(
    await tx.finding.updateMany({
      where: { id: finding.id, version: finding.version, status },
      data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
    }),
  );
}

/** 督查登记: a finding the inspector enters by hand on a household (by 户编号), a village or a township of the county. */
export const raiseFinding = defineCommand({
  permission: "finding.raise",
  input: ZRaiseFinding,
  async run({ actor, input, tx }) {
    let target;
    if (input.targetKind === "HOUSEHOLD") {
      const household = await tx.household.findFirst({ where: { householdNo: input.householdNo!, countyCode: actor.countyCode }, select: { id: true } });
      if (!household) throw ruleViolation("没有这个户编号的户档（或不在您的管辖范围内）", { householdNo: ["没有这个户编号的户档"] });
      target = await householdTarget(tx, actor, household.id);
    } else {
      target = await regionTarget(tx, actor, input.regionCode!);
    }
    const { categoryCode, description, responsibleUnit, responsiblePerson, deadline } = input;
    return insertFinding(tx, actor, { target, details: { categoryCode, description, responsibleUnit, responsiblePerson, deadline }, source: "MANUAL" });
  },
});

/**
 * 整改报告: the township or village side reports what it did, with evidence. Only from 待整改 (also
 * after a return); the finding then waits for the inspector (SUBMITTED).
 */
export const submitFindingReport = defineCommand({
  permission: "finding.rectify",
  input: ZSubmitFindingReport,
  async run({ actor, input, tx }) {
    const finding = await findingInScope(tx, actor, input.findingId);
    if (finding.version !== input.version) throw staleVersion();
    if (finding.status !== "OPEN") {
      throw ruleViolation(finding.status === "CLOSED" ? "该问题已销号，不能再提交整改报告" : "该问题已提交整改报告，正等待督查人员销号或退回");
    }
    const report = await tx.findingReport.create({
      data: { countyCode: finding.countyCode, findingId: finding.id, content: input.content, submittedBy: actor.userId },
      select: { id: true },
    });
    const files = await storeInspectionFiles(tx, actor, { type: "FINDING_REPORT", id: report.id, countyCode: finding.countyCode }, input.files);
    await guardedFindingUpdate(tx, finding, "OPEN", { status: "SUBMITTED" });
    await recordAudit(tx, actor, {
      action: "finding.submitReport",
      entityType: "Finding",
      entityId: finding.id,
      countyCode: finding.countyCode,
      before: { status: "OPEN" },
      after: { reportId: report.id, content: input.content, files, status: "SUBMITTED" },
    });
    return { findingId: finding.id, reportId: report.id };
  },
});

/**
 * 销号 (→ CLOSED) or 退回 (→ OPEN, returns + 1) of the waiting report, by an inspector who is not in
 * the unit the finding concerns.
 */
export const decideFindingReport = defineCommand({
  permission: "finding.decide",
  input: ZDecideFindingReport,
  async run({ actor, input, tx }) {
    const finding = await findingInScope(tx, actor, input.findingId);
    if (isInTargetUnit(actor, finding)) throw forbidden("问题所涉单位的人员不能对本单位的问题销号或退回");
    if (finding.version !== input.version) throw staleVersion();
    if (finding.status !== "SUBMITTED") throw ruleViolation(finding.status === "CLOSED" ? "该问题已销号" : "该问题没有待审核的整改报告");
    const report = await tx.findingReport.findFirst({
      where: { findingId: finding.id, decision: null },
      orderBy: { submittedAt: "desc" },
      select: { id: true },
    });
    if (!report) throw ruleViolation("该问题没有待审核的整改报告");
    const now = new Date();
    const accepted = input.decision === "ACCEPT";
    assertUpdated(
      await tx.findingReport.updateMany({
        where: { id: report.id, decision: null },
        data: { decision: accepted ? "ACCEPTED" : "RETURNED", decisionReason: accepted ? null : input.reason!, decidedBy: actor.userId, decidedAt: now },
      }),
    );
    if (accepted) {
      await guardedFindingUpdate(tx, finding, "SUBMITTED", { status: "CLOSED", closedBy: actor.userId, closedAt: now });
      await recordAudit(tx, actor, {
        action: "finding.accept",
        entityType: "Finding",
        entityId: finding.id,
        countyCode: finding.countyCode,
        before: { status: "SUBMITTED" },
        after: { reportId: report.id, status: "CLOSED" },
      });
    } else {
      await guardedFindingUpdate(tx, finding, "SUBMITTED", { status: "OPEN", returns: { increment: 1 } });
      await recordAudit(tx, actor, {
        action: "finding.return",
        entityType: "Finding",
        entityId: finding.id,
        countyCode: finding.countyCode,
        before: { status: "SUBMITTED" },
        after: { reportId: report.id, reason: input.reason!, status: "OPEN" },
      });
    }
    return { findingId: finding.id, decision: input.decision };
  },
});
