import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { parseInput } from "@/lib/validation";
import { ZCreateVillageExitSheet } from "./schema";
import { villageInScope } from "./village-context";
import { assertVillageEditor } from "./village-guards";

const DUPLICATE = (year: number) => new AppError("CONFLICT", `该村${year}年度的退出核验表已存在`);

/** The township opens a village's exit sheet for a year with its conditions; proposing is the next step. */
export async function createVillageExitSheet(actor: Actor, input: unknown): Promise<{ id: string }> {
  requirePermission(actor, "villageExit.act");
  assertVillageEditor(actor);
  const data = parseInput(ZCreateVillageExitSheet, input);
  const currentYear = Number(todayString().slice(0, 4));
  if (data.assessmentYear > currentYear) {
    throw new AppError("VALIDATION", `评估年度不能晚于今年（${currentYear}年）`, { assessmentYear: [`评估年度不能晚于今年（${currentYear}年）`] });
  }
  try {
    return await db.$transaction(async (tx) => {
      const village = await villageInScope(tx, actor, data.villageCode);
      if (await tx.villageExitSheet.findFirst({ where: { villageCode: village.code, assessmentYear: data.assessmentYear }, select: { id: true } })) throw DUPLICATE(data.assessmentYear);
      const { villageCode: _code, assessmentYear, collectiveIncome, ...flags } = data;
      const sheet = await tx.villageExitSheet.create({
        data: { countyCode: village.countyCode, townshipCode: village.townshipCode, villageCode: village.code, assessmentYear, collectiveIncomeFen: collectiveIncome, ...flags },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "villageExit.create",
        entityType: "VillageExitSheet",
        entityId: sheet.id,
        countyCode: village.countyCode,
        after: { villageCode: village.code, assessmentYear, collectiveIncomeFen: collectiveIncome, ...flags },
      });
      return sheet;
    });
  } catch (error) {
    if (isUniqueViolation(error, "village_exit_sheet_village_code_assessment_year_key")) throw DUPLICATE(data.assessmentYear);
    throw error;
  }
}
