import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toDateString } from "@/lib/dates";
import { writeWorkbook, type Column } from "@/lib/exports/workbook";
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
/** A whole county (tier M: 340 000 people) takes about a minute to write. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

/** Households read per page: a county's ledger is written page by page, never held whole in memory. */
const PAGE_SIZE = 500;

const HOUSEHOLD_SELECT = {
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
} satisfies Prisma.HouseholdSelect;

type LedgerHousehold = Prisma.HouseholdGetPayload<{ select: typeof HOUSEHOLD_SELECT }>;

function ledgerWhere(actor: Actor, filter: TLedgerFilter): Prisma.HouseholdWhereInput {
  return {
    ...householdScopeWhere(actor),
    status: { not: "CANCELLED" },
    ...(filter.township ? { townshipCode: filter.township } : {}),
    ...(filter.village ? { villageCode: filter.village } : {}),
  };
}

/** The people of the ledger in the scope and filter (the title states it before the rows are written). */
function ledgerPeople(client: Tx, actor: Actor, filter: TLedgerFilter): Promise<number> {
  return client.member.count({ where: { status: "PRESENT", household: ledgerWhere(actor, filter) } });
}

/** The ledger's rows, one page of households at a time, in 户编号 order. */
async function* ledgerPages(client: Tx, actor: Actor, filter: TLedgerFilter, fullIds: boolean, pageSize: number): AsyncGenerator<LedgerRow[]> {
  const county = await client.region.findFirst({ where: { countyCode: actor.countyCode, level: "COUNTY" }, select: { name: true } });
  let after: string | null = null;
  for (;;) {
    const households: LedgerHousehold[] = await client.household.findMany({
      where: { ...ledgerWhere(actor, filter), ...(after ? { householdNo: { gt: after } } : {}) },
      orderBy: { householdNo: "asc" },
      take: pageSize,
      select: HOUSEHOLD_SELECT,
    });
    if (households.length === 0) return;
    yield households.flatMap((household) => householdRows(household, county?.name ?? null, fullIds));
    after = households[households.length - 1].householdNo;
  }
}

const yesNo = (value: boolean) => (value ? "是" : "否");

function householdRows(household: LedgerHousehold, countyName: string | null, fullIds: boolean): LedgerRow[] {
  const rows: LedgerRow[] = [];
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
    county: countyName,
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
  return rows;
}

/**
 * The ledger as an .xlsx (title row, then the national header row, then one row per person), read in
 * one snapshot of the database (the count in the title and the rows agree) and written page by page.
 */
export async function exportNationalLedger(actor: Actor, filter: TLedgerFilter, { pageSize = PAGE_SIZE } = {}): Promise<Buffer> {
  requirePermission(actor, "ledger.read");
  const fullIds = can(actor, "household.viewFullIdNumber");
  return db.$transaction(
    async (tx) => {
      const people = await ledgerPeople(tx, actor, filter);
      if (fullIds) {
        await recordAudit(db, actor, {
          action: "ledger.export",
          entityType: "Village",
          entityId: filter.village ?? filter.township ?? actor.regionCode,
          countyCode: actor.countyCode,
          after: { regionCode: filter.village ?? filter.township ?? actor.regionCode, people, fullIdNumbers: true },
        });
      }
      const title = `贫困人口明细（${actor.regionName}，${people} 人，导出日期 ${toDateString(new Date())}${fullIds ? "" : "，身份证号已部分隐藏"}）`;
      return writeWorkbook("贫困人口明细", title, COLUMNS, ledgerPages(tx, actor, filter, fullIds, pageSize));
    },
    { isolationLevel: "RepeatableRead", timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}
