import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { ArchiveHousehold } from "@/lib/imports/changes";

export type ArchiveRow = ArchiveHousehold & { id: string; townshipCode: string; householdNo: string };

/** The archive side of households already in the archive, by 户编号 (present members only), for householdChanges. */
export async function readArchiveHouseholds(client: Db | Tx, countyCode: string, householdNos: string[]): Promise<Map<string, ArchiveRow>> {
  if (householdNos.length === 0) return new Map();
  const households = await client.household.findMany({
    where: { countyCode, householdNo: { in: householdNos } },
    select: {
      id: true,
      householdNo: true,
      townshipCode: true,
      version: true,
      villageCode: true,
      villageGroup: true,
      phone: true,
      attribute: true,
      identificationYear: true,
      primaryCause: true,
      otherCauses: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: true,
      housingGrade: true,
      exitYear: true,
      members: {
        where: { status: "PRESENT" },
        orderBy: { createdAt: "asc" },
        select: {
          idNumber: true,
          name: true,
          relation: true,
          ethnicity: true,
          educationLevel: true,
          schoolStatus: true,
          health: true,
          labourSkill: true,
          workStatus: true,
          workMonths: true,
          basicMedicalInsurance: true,
          seriousIllnessInsurance: true,
          pensionInsurance: true,
        },
      },
    },
  });
  return new Map(households.map((household) => [household.householdNo, household]));
}
