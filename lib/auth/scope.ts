import type { Actor } from "@/lib/auth/actor";

/**
 * Scope filters (ARCHITECTURE invariant 1). Households carry county, township and village
 * codes as indexed columns, so "everything under this township" is one equality.
 */
export type HouseholdScope =
  | { kind: "county"; countyCode: string }
  | { kind: "township"; townshipCode: string }
  | { kind: "village"; villageCode: string }
  | { kind: "assigned"; helperId: string; villageCode: string | null }
  | { kind: "none" };

export function householdScope(actor: Actor): HouseholdScope {
  switch (actor.role) {
    case "COUNTY_OFFICE":
    case "COUNTY_LEADER":
    case "INSPECTOR":
      return { kind: "county", countyCode: actor.countyCode };
    case "TOWNSHIP_CADRE":
      return actor.townshipCode ? { kind: "township", townshipCode: actor.townshipCode } : { kind: "none" };
    case "VILLAGE_CADRE":
    case "WORK_TEAM":
      return actor.villageCode ? { kind: "village", villageCode: actor.villageCode } : { kind: "none" };
    case "HELPER":
      return { kind: "assigned", helperId: actor.userId, villageCode: null };
    default:
      return { kind: "none" };
  }
}

/** A Prisma `where` fragment for any table that carries the household's region columns. */
export function householdScopeWhere(actor: Actor) {
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return { countyCode: scope.countyCode };
    case "township":
      return { townshipCode: scope.townshipCode };
    case "village":
      return { villageCode: scope.villageCode };
    case "assigned":
      return { helperId: scope.helperId };
    case "none":
      // Matches nothing: fail closed.
      return { id: "00000000-0000-0000-0000-000000000000" };
  }
}

/** Does the actor's region cover this region code (county ⊃ township ⊃ village)? */
export function regionCovers(actor: Pick<Actor, "regionLevel" | "regionCode" | "countyCode">, region: {
  code: string;
  countyCode: string;
  townshipCode: string | null;
}): boolean {
  switch (actor.regionLevel) {
    case "COUNTY":
      return region.countyCode === actor.countyCode;
    case "TOWNSHIP":
      return region.code === actor.regionCode || region.townshipCode === actor.regionCode;
    case "VILLAGE":
      return region.code === actor.regionCode;
  }
}
