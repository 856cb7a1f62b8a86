import type { PovertyCause } from "@/lib/domain/codes";

/** A household's recorded 致贫原因: the primary one first, then the others. */
export function householdCauses(household: { primaryCause: string; otherCauses: string[] }): PovertyCause[] {
  return [...new Set([household.primaryCause, ...household.otherCauses])] as PovertyCause[];
}
