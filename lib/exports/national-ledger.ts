import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { toDateString } from "@/lib/dates";
import { buildWorkbook, type Column } from "@/lib/exports/workbook";
import { NATIONAL_COLUMNS, labelFor, type NationalKey } from "@/lib/imports/columns";
import { fenToYuanString } from "@/lib/income/money";
import { computeIncome } from "@/lib/income/rules";
import { maskIdNumber } from "@/lib/members/id-number";

/**
 * 贫困人口明细台账 in the national layout (lib/imports/columns.ts, the same mapping the import
 * reads): one row per 在户 member, the household's fields repeated. ID numbers in full only for
 * roles that may see them (household.viewFullIdNumber), and then the export is audited; masked
 * otherwise. Cells go through the formula-safe workbook (lib/exports/workbook.ts).
 */
export const ZLedgerFilter = z.object({
  township: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  village: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
});
export type TLedgerFilter = z.infer<typeof ZLedgerFilter>;

type LedgerRow = Partial<Record<NationalKey, string | number | null>>;

const COLUMNS: Column<LedgerRow>[] = NATIONAL_COLUMNS.map((column) => ({
  header: column.header,
  width: column.width,
  value: (row) => row[column.key] ?? null,
}));

const yuan = (fen: number) => Number(fenToYuanString(fen));

export async function ledgerRows(actor: Actor, filter: TLedgerFilter): Promise<{ rows: LedgerRow[]; fullIds: boolean; regionName: string }> {
  requirePermission(actor, "ledger.read");
  const fullIds = can(actor, "household.viewFullIdNumber");
  const households = await db.household.findMany({
    where: {
      ...householdScopeWhere(actor),
      status: { not: "CANCELLED" },
      ...(filter.township ? { townshipCode: filter.township } : {}),
      ...(filter.village ? { villageCode: filter.village } : {}),
    },
    orderBy: { householdNo: "asc" },
    select: {
      householdNo: true,
      villageGroup: true,
      phone: true,
      attribute: true,
      primaryCause: true,
      otherCauses: true,
      identificationYear: true,
      exitYear: true,
      housingGrade: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: true,
      countyCode: true,
      township: { select: { name: true } },
      village: { select: { name: true } },
      members: { where: { status: "PRESENT" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      incomes: { orderBy: { year: "desc" }, take: 1 },
    },
  });
  const county = await db.region.findFirst({ where: { countyCode: actor.countyCode, level: "COUNTY" }, select: { name: true } });
  const yesNo = (value: boolean) => (value ? "是" : "否");
  const rows: LedgerRow[] = [];
  for (const household of households) {
    const head = household.members.find((member) => member.relation === "HEAD");
    const income = household.incomes[0];
    const result = income
      ? computeIncome(
          {
            wageFen: income.wageFen,
            businessIncomeFen: income.businessIncomeFen,
            businessExpenseFen: income.businessExpenseFen,
            propertyFen: income.propertyFen,
            transfer: {
              minimumLivingFen: income.minimumLivingFen,
              extremePovertySupportFen: income.extremePovertySupportFen,
              pensionFen: income.pensionFen,
              familyPlanningFen: income.familyPlanningFen,
              ecologicalCompensationFen: income.ecologicalCompensationFen,
              otherTransferFen: income.otherTransferFen,
            },
          },
          household.members.length,
        )
      : null;
    const shared: LedgerRow = {
      province: null,
      city: null,
      county: county?.name ?? null,
      township: household.township.name,
      village: household.village.name,
      villageGroup: household.villageGroup,
      householdNo: household.householdNo,
      headName: head?.name ?? null,
      memberCount: household.members.length,
      attribute: labelFor("attribute", household.attribute),
      primaryCause: labelFor("primaryCause", household.primaryCause),
      otherCauses: household.otherCauses.map((cause) => labelFor("primaryCause", cause)).join("、"),
      identificationYear: household.identificationYear,
      exitYear: household.exitYear,
      perCapitaIncome: result?.perCapitaFen != null ? yuan(result.perCapitaFen) : null,
      wage: income ? yuan(income.wageFen) : null,
      businessIncome: income ? yuan(income.businessIncomeFen) : null,
      propertyIncome: income ? yuan(income.propertyFen) : null,
      transferIncome: result ? yuan(result.transferFen) : null,
      businessExpense: income ? yuan(income.businessExpenseFen) : null,
      housingGrade: `${household.housingGrade}级`,
      drinkingWaterSafe: yesNo(household.drinkingWaterSafe),
      drinkingWaterDifficult: yesNo(household.drinkingWaterDifficult),
      phone: household.phone,
    };
    // 户主 first, as the national export lists a household.
    const members = [...household.members].sort((a, b) => Number(b.relation === "HEAD") - Number(a.relation === "HEAD"));
    for (const member of members) {
      rows.push({
        ...shared,
        idNumber: fullIds ? member.idNumber : maskIdNumber(member.idNumber),
        relation: labelFor("relation", member.relation),
        name: member.name,
        gender: member.gender === "MALE" ? "男" : "女",
        ethnicity: member.ethnicity,
        educationLevel: labelFor("educationLevel", member.educationLevel),
        schoolStatus: labelFor("schoolStatus", member.schoolStatus),
        health: labelFor("health", member.health),
        labourSkill: labelFor("labourSkill", member.labourSkill),
        workStatus: labelFor("workStatus", member.workStatus),
        workMonths: member.workMonths,
        basicMedicalInsurance: yesNo(member.basicMedicalInsurance),
        seriousIllnessInsurance: yesNo(member.seriousIllnessInsurance),
        pensionInsurance: yesNo(member.pensionInsurance),
      });
    }
  }
  return { rows, fullIds, regionName: actor.regionName };
}

/** The ledger as an .xlsx (title row, then the national header row, then one row per person). */
export async function exportNationalLedger(actor: Actor, filter: TLedgerFilter): Promise<Buffer> {
  const { rows, fullIds, regionName } = await ledgerRows(actor, filter);
  if (fullIds) {
    await recordAudit(db, actor, {
      action: "ledger.export",
      entityType: "Village",
      entityId: filter.village ?? filter.township ?? actor.regionCode,
      countyCode: actor.countyCode,
      after: { regionCode: filter.village ?? filter.township ?? actor.regionCode, people: rows.length, fullIdNumbers: true },
    });
  }
  const title = `贫困人口明细（${regionName}，${rows.length} 人，导出日期 ${toDateString(new Date())}${fullIds ? "" : "，身份证号已部分隐藏"}）`;
  return buildWorkbook("贫困人口明细", title, COLUMNS, rows);
}
