import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { householdScope } from "@/lib/auth/scope";
import { storeAttachment } from "@/lib/attachments/commands";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { todayString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import { AppError, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { zText, zUploadedFile, zVersion } from "@/lib/forms";
import type { Prisma } from "@/lib/generated/prisma/client";
import { qualityRule } from "./catalogue";
import { hitFingerprint, type FingerprintFacts } from "./fingerprint";
import { loadCrossFactsOf, loadQualityContext, loadQualityFacts } from "./load";
import { qualityHitScopeWhere } from "./queries";
import { hitKey } from "./store";

/**
 * 疑点数据 "已核实无误" (issue 12 point 5, docs/decisions/021-quality-verified-marks.md): a cadre in scope marks a 疑点 hit
 * as checked and correct, with a reason and optional evidence; the mark keeps the hash of the fields the rule read
 * (lib/data-quality/fingerprint.ts). The recompute (lib/data-quality/store.ts applyMarks) keeps the hit quiet while the
 * hash holds and reopens it when the data changes. A mark can be withdrawn. Both are audited.
 */

export const ZVerifyQualityHit = z.object({
  householdId: z.uuid("疑点不存在"),
  ruleCode: z.string().regex(/^[MHISXVC]-\d{3}$/, "疑点不存在"),
  memberId: z.preprocess((value) => (value === "" ? null : value), z.uuid("疑点不存在").nullish()),
  field: z.string().min(1, "疑点不存在").max(60, "疑点不存在"),
  reason: zText("核实理由", 500, { min: 4 }),
  // Size and type are judged (lib/attachments) once the household is in scope.
  file: zUploadedFile.nullish(),
});

export const ZWithdrawQualityMark = z.object({
  markId: z.uuid("标记不存在"),
  version: zVersion,
});

/** The marks an actor may see or withdraw: those of households in their scope (a helper holds no quality permission; fail closed). */
export function qualityMarkScopeWhere(actor: Actor): Prisma.QualityMarkWhereInput {
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return { countyCode: scope.countyCode };
    case "township":
      return { townshipCode: scope.townshipCode };
    case "village":
      return { villageCode: scope.villageCode };
    case "assigned":
    case "none":
      return { id: "00000000-0000-0000-0000-000000000000" };
  }
}

/** The current facts of the hit's household, of the kind its rule reads (household facts, or the thin cross facts for C- rules). */
async function currentFacts(tx: Tx, householdId: string, cross: boolean): Promise<FingerprintFacts | null> {
  const [facts] = cross ? await loadCrossFactsOf(tx, [householdId]) : await loadQualityFacts(tx, [householdId]);
  return facts ?? null;
}

/** 标为已核实无误: only a 疑点, only an open hit in scope, on the data as it is now. */
export const verifyQualityHit = defineCommand({
  permission: "quality.verify",
  input: ZVerifyQualityHit,
  run: async ({ actor, input, tx }) => {
    // Scope first: the stored hit, in the actor's scope (out of scope answers like a missing hit).
    const memberId = input.memberId ?? null;
    const hit = await tx.qualityHit.findFirst({
      where: { AND: [qualityHitScopeWhere(actor), { householdId: input.householdId, ruleCode: input.ruleCode, memberId, field: input.field }] },
      select: {
        id: true,
        severity: true,
        message: true,
        verifiedMarkId: true,
        countyCode: true,
        townshipCode: true,
        villageCode: true,
        member: { select: { name: true } },
      },
    });
    if (!hit) throw notFound("疑点");
    const rule = qualityRule(input.ruleCode);
    if (!rule) throw notFound("疑点");
    if (hit.severity === "ERROR" || rule.severity === "ERROR") {
      throw ruleViolation("“错误”类疑点必须改正，不能标为已核实无误");
    }
    if (hit.verifiedMarkId) throw new AppError("CONFLICT", "该疑点已标为已核实无误（可能已由他人同时提交），请刷新后查看");
    const facts = await currentFacts(tx, input.householdId, rule.level === "CROSS");
    if (!facts) throw notFound("疑点");
    if (rule.level !== "CROSS") {
      // The stored hit may lag the data by one refresh: the rule must still find it on the data being marked.
      const context = await loadQualityContext(tx, todayString());
      const still = rule
        .check(facts as Parameters<typeof rule.check>[0], context)
        .some((one) => hitKey({ ...one, ruleCode: rule.code }) === hitKey({ ...input, memberId }));
      if (!still) throw new AppError("CONFLICT", "数据已有变化，该疑点已不存在，请刷新后查看");
    }
    const fieldsHash = hitFingerprint(rule, facts, { memberId, field: input.field });
    const markId = randomUUID();
    await tx.qualityMark.create({
      data: {
        id: markId,
        countyCode: hit.countyCode,
        townshipCode: hit.townshipCode,
        villageCode: hit.villageCode,
        householdId: input.householdId,
        memberId,
        ruleCode: rule.code,
        field: input.field,
        fieldsHash,
        reason: input.reason,
        createdBy: actor.userId,
      },
    });
    let attachment: { id: string; originalName: string } | null = null;
    if (input.file) {
      const stored = await storeAttachment(tx, actor, {
        householdId: input.householdId,
        category: "其他",
        file: input.file,
        owner: { type: "QUALITY_MARK", id: markId },
      });
      attachment = {
        id: stored.id,
        originalName: (await tx.attachment.findUniqueOrThrow({ where: { id: stored.id }, select: { originalName: true } })).originalName,
      };
      await tx.qualityMark.update({ where: { id: markId }, data: { attachmentId: stored.id } });
    }
    const { count } = await tx.qualityHit.updateMany({ where: { id: hit.id, verifiedMarkId: null }, data: { verifiedMarkId: markId } });
    if (count !== 1) throw new AppError("CONFLICT", "该疑点刚刚被重新计算，请刷新后再标记");
    await recordAudit(tx, actor, {
      action: "qualityMark.create",
      entityType: "Household",
      entityId: input.householdId,
      countyCode: hit.countyCode,
      after: {
        markId,
        ruleCode: `${rule.code} ${rule.title}`,
        memberName: hit.member?.name ?? null,
        message: hit.message,
        reason: input.reason,
        attachmentId: attachment?.id ?? null,
        originalName: attachment?.originalName ?? null,
        fieldsHash,
      },
    });
    return { markId, householdId: input.householdId };
  },
});

/** 撤回标记: the hit is open again at once (and stays open: the next recompute finds no active mark). */
export const withdrawQualityMark = defineCommand({
  permission: "quality.verify",
  input: ZWithdrawQualityMark,
  run: async ({ actor, input, tx }) => {
    const mark = await tx.qualityMark.findFirst({
      where: { AND: [qualityMarkScopeWhere(actor), { id: input.markId }] },
      select: { id: true, householdId: true, memberId: true, ruleCode: true, status: true, version: true, countyCode: true },
    });
    if (!mark) throw notFound("标记");
    if (mark.status !== "ACTIVE") throw ruleViolation("该标记已失效或已撤回");
    const { count } = await tx.qualityMark.updateMany({
      where: { id: mark.id, version: input.version, status: "ACTIVE" },
      data: { status: "WITHDRAWN", version: { increment: 1 }, closedAt: new Date(), closedBy: actor.userId },
    });
    if (count !== 1) throw staleVersion();
    await tx.qualityHit.updateMany({ where: { verifiedMarkId: mark.id }, data: { verifiedMarkId: null } });
    const rule = qualityRule(mark.ruleCode);
    const member = mark.memberId ? await tx.member.findUnique({ where: { id: mark.memberId }, select: { name: true } }) : null;
    await recordAudit(tx, actor, {
      action: "qualityMark.withdraw",
      entityType: "Household",
      entityId: mark.householdId,
      countyCode: mark.countyCode,
      before: { markId: mark.id, ruleCode: rule ? `${rule.code} ${rule.title}` : mark.ruleCode, memberName: member?.name ?? null, status: "已核实无误" },
      after: { status: "已撤回" },
    });
    return { householdId: mark.householdId };
  },
});
