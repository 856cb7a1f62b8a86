import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { todayString } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { ZCreateVillageExitSheet } from "../schema";
import { villageInScope } from "./context";

const DUPLICATE = (year: number) => new AppError("CONFLICT", `该村${year}年度的退出核验表已存在`);

/**
 * The township opens a village's exit sheet for a year with its conditions; proposing is the
 * next step. Its own transaction: a unique-key race with a second opening is answered as the
 * duplicate it is.
 */
export const createVillageExitSheet = defineCommand({
  permission: "villageExit.edit",
  input: ZCreateVillageExitSheet,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    const currentYear = Number(todayString().slice(0, 4));
    if (data.assessmentYear > currentYear) {
      throw new AppError("VALIDATION", `评估年度不能晚于今年（${currentYear}年）`, { assessmentYear: [`评估年度不能晚于今年（${currentYear}年）`] });
    }
    try {
      return await db.$transaction(async (tx) => {
        const village = await villageInScope(tx, actor, data.villageCode);
        if (await tx.villageExitSheet.findFirst({ where: { villageCode: village.code, assessmentYear: data.assessmentYear }, select: { id: true } }))
          throw DUPLICATE(data.assessmentYear);
        const { villageCode: _code, assessmentYear, collectiveIncome, ...flags } = data;
        const sheet = await tx.villageExitSheet.create({
          data: {
            countyCode: village.countyCode,
            townshipCode: village.townshipCode,
            villageCode: village.code,
            assessmentYear,
            collectiveIncomeFen: collectiveIncome,
            ...flags,
          },
          select: { id: true },
        });
        await recordAudit(tx, actor, {
          action: "villageExit.create",
          entityType: "VillageExitSheet",
          entityId: sheet.id,
          countyCode: village.countyCode,
          after: { villageCode: village.code, assessmentYear, collectiveIncomeFen: collectiveIncome, ...flags },
        });
        return { id: sheet.id, sheetId: sheet.id };
      });
    } catch (error) {
      if (isUniqueViolation(error, "village_exit_sheet_village_code_assessment_year_key")) throw DUPLICATE(data.assessmentYear);
      throw error;
    }
  },
});
