import "server-only";
import { toDateString } from "@/lib/dates";
import type { Db, Tx } from "@/lib/db";
import { loadSheetContexts, SHEET_SELECT } from "@/lib/exits/household/sheet-context";
import type { FitMatrix } from "@/lib/measures/rules";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { getCountySettings } from "@/lib/settings/queries";
import type { CrossGroupKind } from "./define";
import { type CrossFacts, type HouseholdQualityFacts, type QualityContext, type QualityExitSheet, type QualityVillage } from "./facts";

/**
 * Loads the plain facts the data-quality rules read, batched: a fixed number of queries for any
 * number of households. Runs inside the caller's transaction (the refresh job's).
 */

type Client = Db | Tx;

const date = (value: Date | null) => (value ? toDateString(value) : null);

export async function loadQualityContext(client: Client, today: string, matrix?: FitMatrix): Promise<QualityContext> {
  const settings = await getCountySettings(client);
  const lines = await client.povertyLine.findMany({ select: { year: true, amountFen: true } });
  return {
    today,
    compulsorySchoolAge: settings.compulsorySchoolAge,
    noticeMinDays: settings.noticeMinDays,
    povertyLines: new Map(lines.map((line) => [line.year, line.amountFen])),
    matrix: matrix ?? (await loadFitMatrix(client)),
    limits: settings.qualityLimits,
  };
}

export async function loadQualityFacts(client: Client, householdIds: string[]): Promise<HouseholdQualityFacts[]> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return [];
  const households = await client.household.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
  const members = await client.member.findMany({ where: { householdId: { in: ids } }, orderBy: [{ birthDate: "asc" }, { id: "asc" }] });
  const incomes = await client.incomeRecord.findMany({ where: { householdId: { in: ids } }, orderBy: { year: "desc" } });
  const measures = await client.measure.findMany({
    where: { householdId: { in: ids } },
    orderBy: { startDate: "asc" },
    include: { item: { select: { name: true } } },
  });
  const sheets = await client.exitSheet.findMany({ where: { householdId: { in: ids } }, orderBy: { assessmentYear: "desc" }, select: SHEET_SELECT });
  const latestSheet = new Map<string, (typeof sheets)[number]>();
  for (const sheet of sheets) if (!latestSheet.has(sheet.householdId)) latestSheet.set(sheet.householdId, sheet);
  // Whether signatures are void is the sign-off chain's own evaluation (each sheet against its year's content).
  const open = [...latestSheet.values()].filter((sheet) => sheet.status === "IN_PROGRESS");
  const invalid = new Map((await loadSheetContexts(client, open)).map((context) => [context.sheet.id, context.evaluation.invalidSignatures.length]));
  const villageCodes = [...new Set(households.map((household) => household.villageCode))];
  const villageSheets = await client.villageExitSheet.findMany({
    where: { villageCode: { in: villageCodes } },
    orderBy: [{ assessmentYear: "desc" }, { round: "desc" }],
    select: { villageCode: true, powerSupply: true, safeWater: true, hardenedRoad: true, status: true },
  });
  const villageOf = new Map<string, QualityVillage>();
  for (const sheet of villageSheets) {
    if (!villageOf.has(sheet.villageCode)) {
      villageOf.set(sheet.villageCode, {
        powerSupply: sheet.powerSupply,
        safeWater: sheet.safeWater,
        hardenedRoad: sheet.hardenedRoad,
        exited: sheet.status === "APPROVED",
      });
    }
  }

  return households.map((household) => {
    const sheet = latestSheet.get(household.id);
    const exitSheet: QualityExitSheet | null = sheet
      ? {
          id: sheet.id,
          assessmentYear: sheet.assessmentYear,
          status: sheet.status as QualityExitSheet["status"],
          noticePostedOn: date(sheet.noticePostedOn),
          noticeClosedOn: date(sheet.noticeClosedOn),
          invalidSignatureCount: invalid.get(sheet.id) ?? 0,
        }
      : null;
    const income = incomes.find((row) => row.householdId === household.id) ?? null;
    return {
      household: {
        id: household.id,
        countyCode: household.countyCode,
        townshipCode: household.townshipCode,
        villageCode: household.villageCode,
        householdNo: household.householdNo,
        phone: household.phone,
        attribute: household.attribute as HouseholdQualityFacts["household"]["attribute"],
        identificationYear: household.identificationYear,
        primaryCause: household.primaryCause as HouseholdQualityFacts["household"]["primaryCause"],
        otherCauses: household.otherCauses as HouseholdQualityFacts["household"]["otherCauses"],
        helperId: household.helperId,
        farmlandMu: Number(household.farmlandMu),
        forestMu: Number(household.forestMu),
        hasElectricity: household.hasElectricity,
        drinkingWaterSafe: household.drinkingWaterSafe,
        drinkingWaterDifficult: household.drinkingWaterDifficult,
        distanceToRoadKm: Number(household.distanceToRoadKm),
        roadType: household.roadType,
        housingAreaM2: Number(household.housingAreaM2),
        housingGrade: (household.housingGrade?.trim() || null) as HouseholdQualityFacts["household"]["housingGrade"],
        fuelType: household.fuelType,
        foodSecure: household.foodSecure,
        clothingSecure: household.clothingSecure,
        status: household.status as HouseholdQualityFacts["household"]["status"],
        exitYear: household.exitYear,
        returnedReason: household.returnedReason,
      },
      members: members
        .filter((member) => member.householdId === household.id)
        .map((member) => ({
          id: member.id,
          name: member.name,
          idNumber: member.idNumber,
          gender: member.gender as "MALE" | "FEMALE",
          birthDate: toDateString(member.birthDate),
          relation: member.relation as HouseholdQualityFacts["members"][number]["relation"],
          educationLevel: member.educationLevel,
          schoolStatus: member.schoolStatus as HouseholdQualityFacts["members"][number]["schoolStatus"],
          schoolingExemption: member.schoolingExemption as HouseholdQualityFacts["members"][number]["schoolingExemption"],
          health: member.health as HouseholdQualityFacts["members"][number]["health"],
          disabilityGrade: member.disabilityGrade,
          labourSkill: member.labourSkill as HouseholdQualityFacts["members"][number]["labourSkill"],
          workStatus: member.workStatus,
          workMonths: member.workMonths,
          basicMedicalInsurance: member.basicMedicalInsurance,
          seriousIllnessInsurance: member.seriousIllnessInsurance,
          pensionInsurance: member.pensionInsurance,
          minimumLiving: member.minimumLiving,
          extremeSupport: member.extremeSupport,
          status: member.status as HouseholdQualityFacts["members"][number]["status"],
          statusDate: date(member.statusDate),
          joinedOn: date(member.joinedOn),
        })),
      income: income
        ? {
            year: income.year,
            wageFen: income.wageFen,
            businessIncomeFen: income.businessIncomeFen,
            businessExpenseFen: income.businessExpenseFen,
            propertyFen: income.propertyFen,
            minimumLivingFen: income.minimumLivingFen,
            extremePovertySupportFen: income.extremePovertySupportFen,
            pensionFen: income.pensionFen,
            familyPlanningFen: income.familyPlanningFen,
            ecologicalCompensationFen: income.ecologicalCompensationFen,
            otherTransferFen: income.otherTransferFen,
          }
        : null,
      measures: measures
        .filter((measure) => measure.householdId === household.id)
        .map((measure) => ({
          id: measure.id,
          category: measure.category as HouseholdQualityFacts["measures"][number]["category"],
          item: measure.item.name,
          status: measure.status as HouseholdQualityFacts["measures"][number]["status"],
          addressedCauses: measure.addressedCauses as HouseholdQualityFacts["measures"][number]["addressedCauses"],
          startDate: toDateString(measure.startDate),
          endDate: date(measure.endDate),
          outcomeFen: measure.outcomeFen,
        })),
      exitSheet,
      village: villageOf.get(household.villageCode) ?? null,
    };
  });
}

const CROSS_HOUSEHOLD = { id: true, householdNo: true, status: true, helperId: true, phone: true } as const;
const CROSS_MEMBER = { id: true, householdId: true, name: true, idNumber: true, birthDate: true, relation: true } as const;
type CrossHouseholdRow = { id: string; householdNo: string; status: string; helperId: string; phone: string | null };
type CrossMemberRow = { id: string; householdId: string; name: string; idNumber: string; birthDate: Date; relation: string };

function crossFacts(households: CrossHouseholdRow[], members: CrossMemberRow[]): CrossFacts[] {
  const byHousehold = new Map<string, CrossFacts["members"]>();
  for (const member of members) {
    const list = byHousehold.get(member.householdId) ?? [];
    list.push({
      id: member.id,
      name: member.name,
      idNumber: member.idNumber,
      birthDate: toDateString(member.birthDate),
      relation: member.relation as CrossFacts["members"][number]["relation"],
      status: "PRESENT",
    });
    byHousehold.set(member.householdId, list);
  }
  return households.map((household) => ({
    household: { ...household, status: household.status as CrossFacts["household"]["status"] },
    members: byHousehold.get(household.id) ?? [],
  }));
}

/** The thin facts of every household of the county that the cross-household rules read (present members only). */
export async function loadCrossFacts(client: Client, countyCode: string): Promise<CrossFacts[]> {
  const households = await client.household.findMany({ where: { countyCode }, select: CROSS_HOUSEHOLD, orderBy: { id: "asc" } });
  const members = await client.member.findMany({ where: { countyCode, status: "PRESENT" }, select: CROSS_MEMBER });
  return crossFacts(households, members);
}

/** The same thin facts for some households only (the refresh job's dirty ones). */
export async function loadCrossFactsOf(client: Client, householdIds: string[]): Promise<CrossFacts[]> {
  if (householdIds.length === 0) return [];
  const households = await client.household.findMany({ where: { id: { in: householdIds } }, select: CROSS_HOUSEHOLD, orderBy: { id: "asc" } });
  const members = await client.member.findMany({ where: { householdId: { in: householdIds }, status: "PRESENT" }, select: CROSS_MEMBER });
  return crossFacts(households, members);
}

/**
 * Every household of the county in one of these groups, with only what makes the group (decision 017): the
 * present members with one of these ID numbers, or these trimmed names + birth dates; the households with one
 * of these phones or helpers. A rule run over the result sees each of these groups whole, and nothing else.
 */
export async function loadCrossGroups(client: Client, countyCode: string, kind: CrossGroupKind, keys: string[]): Promise<CrossFacts[]> {
  if (keys.length === 0) return [];
  let households: CrossHouseholdRow[];
  let members: CrossMemberRow[] = [];
  if (kind === "HELPER" || kind === "PHONE") {
    households =
      kind === "HELPER"
        ? await client.household.findMany({ where: { countyCode, helperId: { in: keys } }, select: CROSS_HOUSEHOLD, orderBy: { id: "asc" } })
        : await client.$queryRaw<CrossHouseholdRow[]>`
            SELECT id, household_no AS "householdNo", status, helper_id AS "helperId", phone FROM household
            WHERE county_code = ${countyCode} AND btrim(phone) = ANY(${keys}::text[]) ORDER BY id`;
  } else {
    if (kind === "ID_NUMBER") {
      // Stored numbers are upper case (lib/members/id-number.ts); older imports may end in a lower-case x.
      const spellings = [...new Set(keys.flatMap((key) => [key, key.toLowerCase()]))];
      members = await client.member.findMany({ where: { countyCode, status: "PRESENT", idNumber: { in: spellings } }, select: CROSS_MEMBER });
    } else {
      const wanted = new Set(keys);
      const dates = [...new Set(keys.map((key) => key.slice(key.lastIndexOf("|") + 1)))].map((day) => new Date(`${day}T00:00:00Z`));
      members = (await client.member.findMany({ where: { countyCode, status: "PRESENT", birthDate: { in: dates } }, select: CROSS_MEMBER })).filter((member) =>
        wanted.has(`${member.name.trim()}|${toDateString(member.birthDate)}`),
      );
    }
    const ids = [...new Set(members.map((member) => member.householdId))];
    households = ids.length ? await client.household.findMany({ where: { id: { in: ids } }, select: CROSS_HOUSEHOLD, orderBy: { id: "asc" } }) : [];
  }
  return crossFacts(households, members);
}
