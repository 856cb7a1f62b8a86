import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { todayString } from "@/lib/dates";
import { HOUSEHOLD_STATUS, type HouseholdStatus } from "@/lib/domain/codes";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { householdInScope } from "@/lib/households/access";
import { ZOpenExitSheet } from "../schema";
import { chainActorFor, chainRefusal } from "./authorize";
import { EXIT_ELIGIBLE_STATUSES, checkCanAct, type ChainState } from "./rules";
import { contentEnvironment, contentFor, loadHouseholdExitData } from "./sheet-context";
import { generateVerificationCode } from "./verification-code";

const CODE_CONSTRAINT = "exit_sheet_county_code_verification_code_key";
const YEAR_CONSTRAINT = "exit_sheet_household_id_assessment_year_key";

/**
 * 帮扶责任人提出: opens the household's verification sheet for an assessment year and signs
 * its first step, in one transaction. The server evaluates every criterion on the archive's
 * current data; a criterion that is not met refuses the proposal (no override). A new
 * verification code is drawn when the random one is taken (hence a transaction per attempt).
 */
export const openExitSheet = defineCommand({
  permission: "exit.act",
  input: ZOpenExitSheet,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const currentYear = Number(todayString().slice(0, 4));
    if (data.assessmentYear > currentYear) {
      throw new AppError("VALIDATION", `评估年度不能晚于今年（${currentYear}年）`, { assessmentYear: [`评估年度不能晚于今年（${currentYear}年）`] });
    }

    for (let attempt = 0; ; attempt += 1) {
      const verificationCode = generateVerificationCode();
      try {
        return await db.$transaction(async (tx) => {
          const household = await householdInScope(tx, actor, data.householdId);
          // One proposal at a time per household: concurrent openings queue on the household row.
          await tx.$queryRaw`SELECT 1 FROM household WHERE id = ${household.id}::uuid FOR UPDATE`;
          const environment = await contentEnvironment(tx, [data.assessmentYear]);
          const facts = (await loadHouseholdExitData(tx, [household.id])).get(household.id)!;
          const content = contentFor(facts, data.assessmentYear, environment);
          const state: ChainState = { round: 1, status: "IN_PROGRESS", signatures: [], notice: null, consentEvidenceCount: 0 };
          const check = checkCanAct({
            state,
            currentContentHash: content.hash,
            step: "PROPOSE",
            action: "SIGN",
            actor: chainActorFor(actor, { facts }),
            today: environment.today,
            noticeMinDays: environment.settings.noticeMinDays,
            criteriaMet: content.allMet,
          });
          if (!check.ok) throw chainRefusal(check, content.criteria);
          if (!EXIT_ELIGIBLE_STATUSES.includes(facts.status)) {
            throw new AppError("RULE_VIOLATION", `该户状态为"${HOUSEHOLD_STATUS.label(facts.status as HouseholdStatus)}"，不能提出脱贫退出`);
          }
          const sameYear = await tx.exitSheet.findFirst({ where: { householdId: household.id, assessmentYear: data.assessmentYear }, select: { id: true } });
          if (sameYear) throw new AppError("CONFLICT", `该户${data.assessmentYear}年度的退出核验表已存在，请在核验表中办理`);
          const open = await tx.exitSheet.findFirst({ where: { householdId: household.id, status: { not: "APPROVED" } }, select: { assessmentYear: true } });
          if (open) throw new AppError("CONFLICT", `该户已有${open.assessmentYear}年度的退出核验表正在办理，不能同时提出`);

          const signedAt = new Date();
          const sheet = await tx.exitSheet.create({
            data: {
              countyCode: household.countyCode,
              townshipCode: household.townshipCode,
              villageCode: household.villageCode,
              householdId: household.id,
              assessmentYear: data.assessmentYear,
              verificationCode,
              createdAt: signedAt,
              updatedAt: signedAt,
            },
            select: { id: true },
          });
          await tx.exitSignature.create({
            data: {
              countyCode: household.countyCode,
              sheetId: sheet.id,
              round: 1,
              step: "PROPOSE",
              userId: actor.userId,
              role: actor.role,
              opinion: data.opinion ?? null,
              contentHash: content.hash,
              signedAt,
            },
          });
          const after = {
            householdId: household.id,
            assessmentYear: data.assessmentYear,
            verificationCode,
            step: "PROPOSE",
            round: 1,
            contentHash: content.hash,
            opinion: data.opinion ?? null,
          };
          await recordAudit(tx, actor, { action: "exit.open", entityType: "ExitSheet", entityId: sheet.id, countyCode: household.countyCode, after });
          await recordAudit(tx, actor, {
            action: "exit.open",
            entityType: "Household",
            entityId: household.id,
            countyCode: household.countyCode,
            after: { year: data.assessmentYear },
          });
          return { id: sheet.id, sheetId: sheet.id, householdId: household.id, verificationCode };
        });
      } catch (error) {
        if (isUniqueViolation(error, CODE_CONSTRAINT) && attempt < 5) continue;
        if (isUniqueViolation(error, YEAR_CONSTRAINT)) throw new AppError("CONFLICT", `该户${data.assessmentYear}年度的退出核验表已存在，请在核验表中办理`);
        throw error;
      }
    }
  },
});
