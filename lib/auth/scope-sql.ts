import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { householdScope } from "@/lib/auth/scope";
import { Prisma } from "@/lib/generated/prisma/client";

/** The household scope filter as a raw-SQL condition on a household alias (for reporting queries). */
export function householdScopeSql(actor: Actor, alias = "h"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${alias}.${name}`);
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return Prisma.sql`${column("county_code")} = ${scope.countyCode}`;
    case "township":
      return Prisma.sql`${column("township_code")} = ${scope.townshipCode}`;
    case "village":
      return Prisma.sql`${column("village_code")} = ${scope.villageCode}`;
    case "assigned":
      return Prisma.sql`${column("helper_id")} = ${scope.helperId}::uuid`;
    case "none":
      return Prisma.sql`FALSE`;
  }
}
