import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

/** An id no row has: a filter that matches nothing (fail closed). */
const NO_ROW = "00000000-0000-0000-0000-000000000000";

/**
 * Scope filters (docs/domain.md §1): an actor reads and writes only inside their scope. Households carry county, township and village
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
      return { id: NO_ROW };
  }
}

/** Does the actor's region cover this region code (county ⊃ township ⊃ village)? */
export function regionCovers(
  actor: Pick<Actor, "regionLevel" | "regionCode" | "countyCode">,
  region: {
    code: string;
    countyCode: string;
    townshipCode: string | null;
  },
): boolean {
  switch (actor.regionLevel) {
    case "COUNTY":
      return region.countyCode === actor.countyCode;
    case "TOWNSHIP":
      return region.code === actor.regionCode || region.townshipCode === actor.regionCode;
    case "VILLAGE":
      return region.code === actor.regionCode;
  }
}

/** Household exit sheets in scope: the same as their household's (a helper sees their households' sheets). */
export function exitSheetScopeWhere(actor: Actor): Prisma.ExitSheetWhereInput {
  const scope = householdScope(actor);
  // Sheets carry the household's region columns but not its helper.
  return scope.kind === "assigned" ? { household: { helperId: scope.helperId } } : householdScopeWhere(actor);
}

/**
 * Village exit sheets in scope, decided by the user's region level (not the role): the county
 * for county users, the own township for township users, nothing for village users.
 */
export function villageSheetScopeWhere(actor: Actor): Prisma.VillageExitSheetWhereInput {
  switch (actor.regionLevel) {
    case "COUNTY":
      return { countyCode: actor.countyCode };
    case "TOWNSHIP":
      return actor.townshipCode ? { townshipCode: actor.townshipCode } : { id: NO_ROW };
    default:
      return { id: NO_ROW };
  }
}

/** The villages (regions) whose exit the actor handles, by the same rule as villageSheetScopeWhere. */
export function villageRegionWhere(actor: Actor): Prisma.RegionWhereInput {
  switch (actor.regionLevel) {
    case "COUNTY":
      return { level: "VILLAGE", countyCode: actor.countyCode };
    case "TOWNSHIP":
      return { level: "VILLAGE", townshipCode: actor.townshipCode ?? NO_ROW };
    default:
      return { code: "NONE" };
  }
}

/** Members in scope: those of a household in scope (members carry only the county code). */
export function memberScopeWhere(actor: Actor): Prisma.MemberWhereInput {
  return { household: householdScopeWhere(actor) };
}

/**
 * 督查问题 in scope: the county for the county-wide roles; for township and village users the
 * findings about their township or their village (the side that rectifies them).
 */
export function findingScopeWhere(actor: Actor): Prisma.FindingWhereInput {
  switch (actor.role) {
    case "COUNTY_OFFICE":
    case "COUNTY_LEADER":
    case "INSPECTOR":
      return { countyCode: actor.countyCode };
    case "TOWNSHIP_CADRE":
      return actor.townshipCode ? { townshipCode: actor.townshipCode } : { id: NO_ROW };
    case "VILLAGE_CADRE":
    case "WORK_TEAM":
      return actor.villageCode ? { villageCode: actor.villageCode } : { id: NO_ROW };
    default:
      return { id: NO_ROW };
  }
}

/** Inspection records (reviews, rounds, field checks) in scope: county-wide roles only, their own county. */
export function inspectionScopeWhere(actor: Actor): { countyCode: string } {
  return actor.regionLevel === "COUNTY" ? { countyCode: actor.countyCode } : { countyCode: "NONE00" };
}
