import type { IncomeComponents } from "@/lib/income/rules";

/** The income columns of a stored income record. */
export type StoredIncome = {
  wageFen: number;
  businessIncomeFen: number;
  businessExpenseFen: number;
  propertyFen: number;
  minimumLivingFen: number;
  extremePovertySupportFen: number;
  pensionFen: number;
  familyPlanningFen: number;
  ecologicalCompensationFen: number;
  otherTransferFen: number;
};

/** A stored income row in the shape the income rules take. */
export function componentsFromRecord(row: StoredIncome): IncomeComponents {
  return {
    wageFen: row.wageFen,
    businessIncomeFen: row.businessIncomeFen,
    businessExpenseFen: row.businessExpenseFen,
    propertyFen: row.propertyFen,
    transfer: {
      minimumLivingFen: row.minimumLivingFen,
      extremePovertySupportFen: row.extremePovertySupportFen,
      pensionFen: row.pensionFen,
      familyPlanningFen: row.familyPlanningFen,
      ecologicalCompensationFen: row.ecologicalCompensationFen,
      otherTransferFen: row.otherTransferFen,
    },
  };
}
