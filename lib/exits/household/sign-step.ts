import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString } from "@/lib/dates";
import { HOUSEHOLD_STATUS, type HouseholdStatus } from "@/lib/domain/codes";
import { AppError } from "@/lib/errors";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { ZSignStep } from "../schema";
import { authorizeChainAction } from "./authorize";
import { EXIT_ELIGIBLE_STATUSES, deriveChainStatus, type ChainState, type Signature } from "./rules";
import { loadSheetContext } from "./sheet-context";

/** The 民主评议 record, kept on the signature as well so that every round keeps its own. */
function reviewOpinion(date: string, present: number, result: string, opinion: string | undefined): string {
  return `评议日期 ${date}，参会 ${present} 人，评议结果：${result}${opinion ? `；${opinion}` : ""}`;
}

/**
 * Signs one step of the chain (提出 again after a rejection, 民主评议, 驻村工作队核实, 乡镇审核,
 * 县扶贫办审定). The server re-checks the order, the role, the scope, separation of duties and
 * the criteria on the current data. 县扶贫办审定 also marks the household 已脱贫 with the
 * assessment year (公告退出/销号), in the same transaction.
 */
export const signStep = defineCommand({
  permission: "exit.act",
  input: ZSignStep,
  async run({ actor, input: data, tx }) {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, content, chain, environment } = context;
    authorizeChainAction(actor, context, {
      step: data.step,
      action: "SIGN",
      version: data.version,
    });
    if (!EXIT_ELIGIBLE_STATUSES.includes(context.facts.status)) {
      throw new AppError("RULE_VIOLATION", `该户状态为"${HOUSEHOLD_STATUS.label(context.facts.status as HouseholdStatus)}"，不能继续退出程序`);
    }

    let opinion = data.opinion ?? null;
    const review: { reviewDate?: Date; reviewPresent?: number; reviewResult?: string } = {};
    if (data.step === "DEMOCRATIC_REVIEW") {
      const reviewDate = data.reviewDate!;
      const proposedOn = todayString(new Date(context.evaluation.steps[0].signature!.signedAt));
      if (reviewDate > environment.today) throw new AppError("VALIDATION", "评议日期不能晚于今天", { reviewDate: ["评议日期不能晚于今天"] });
      if (reviewDate < proposedOn) {
        const message = `评议日期不能早于提出退出的日期（${proposedOn}）`;
        throw new AppError("VALIDATION", message, { reviewDate: [message] });
      }
      Object.assign(review, { reviewDate: fromDateString(reviewDate), reviewPresent: data.reviewPresent!, reviewResult: data.reviewResult! });
      opinion = reviewOpinion(reviewDate, data.reviewPresent!, data.reviewResult!, data.opinion);
    }

    const signedAt = new Date();
    const signature: Signature = {
      step: data.step,
      userId: actor.userId,
      role: actor.role,
      contentHash: content.hash,
      signedAt: signedAt.toISOString(),
      round: sheet.round,
    };
    const next: ChainState = { ...chain.state, signatures: [...chain.state.signatures, signature] };
    const status = deriveChainStatus(next, content.hash);
    if (data.step === "COUNTY_APPROVAL" && status !== "APPROVED") {
      throw new AppError("RULE_VIOLATION", "前序环节尚未全部有效完成，不能审定");
    }

    await guardedSheetUpdate(tx.exitSheet, sheet, { status, ...review });
    await tx.exitSignature.create({
      data: {
        countyCode: sheet.countyCode,
        sheetId: sheet.id,
        round: sheet.round,
        step: data.step,
        userId: actor.userId,
        role: actor.role,
        opinion,
        contentHash: content.hash,
        signedAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "exit.sign",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status },
      after: { step: data.step, round: sheet.round, status, contentHash: content.hash, opinion },
    });

    if (data.step === "COUNTY_APPROVAL") {
      const exited = await tx.household.updateMany({
        where: { id: sheet.householdId, status: { in: [...EXIT_ELIGIBLE_STATUSES] } },
        data: { status: "EXITED", exitYear: sheet.assessmentYear, version: { increment: 1 } },
      });
      if (exited.count !== 1) throw new AppError("CONFLICT", "该户状态已发生变化，不能审定退出，请刷新后重试");
      await recordAudit(tx, actor, {
        action: "household.exit",
        entityType: "Household",
        entityId: sheet.householdId,
        countyCode: sheet.countyCode,
        before: { status: context.facts.status },
        after: { status: "EXITED", exitYear: sheet.assessmentYear },
      });
    }
    return { sheetId: sheet.id, householdId: sheet.householdId, status };
  },
});
