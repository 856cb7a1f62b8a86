import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { householdScopeWhere } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { classifySearch } from "@/lib/households/rules";
import { householdFigureWhere } from "@/lib/dashboard/drill-down";
import { currentYear } from "@/lib/dates";
import type { THouseholdFilter } from "@/lib/households/schema";
import { maskIdNumber } from "@/lib/members/id-number";
import { COUNT_CAP, skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";
import { distinctCharacters, escapeLike } from "@/lib/search";

export type HouseholdListRow = {
  id: string;
  householdNo: string;
  townshipName: string;
  villageName: string;
  headName: string | null;
  headIdMasked: string | null;
  memberCount: number;
  attribute: string;
  status: string;
  primaryCause: string;
  identificationYear: number;
  helperName: string;
};

const ORDER: Record<THouseholdFilter["sort"], Prisma.HouseholdOrderByWithRelationInput[]> = {
  householdNo: [{ householdNo: "asc" }],
  "-householdNo": [{ householdNo: "desc" }],
  identificationYear: [{ identificationYear: "asc" }, { householdNo: "asc" }],
  "-identificationYear": [{ identificationYear: "desc" }, { householdNo: "asc" }],
  "-updatedAt": [{ updatedAt: "desc" }, { householdNo: "asc" }],
};

/**
 * Any part of a 户主 name. The GIN index on the name's characters (member_head_name_chars_idx)
 * finds the names holding every character; the escaped LIKE keeps those holding the text. For a
 * single character the first condition is the whole answer, and leaving the LIKE out lets the
 * planner estimate it well enough to walk the 户编号 order for a common one (bench/RESULTS.md).
 */
function headNameContains(text: string): Prisma.MemberWhereInput {
  const nameChars = { hasEvery: distinctCharacters(text) };
  return [...text].length === 1 ? { nameChars } : { nameChars, name: { contains: escapeLike(text) } };
}

export function buildHouseholdWhere(actor: Actor, filter: THouseholdFilter): Prisma.HouseholdWhereInput {
  const and: Prisma.HouseholdWhereInput[] = [householdScopeWhere(actor)];
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  if (filter.attribute) and.push({ attribute: filter.attribute });
  if (filter.status) and.push({ status: filter.status });
  if (filter.year) and.push({ identificationYear: filter.year });
  if (filter.cause) and.push({ OR: [{ primaryCause: filter.cause }, { otherCauses: { has: filter.cause } }] });
  if (filter.figure) and.push(householdFigureWhere(filter.figure, filter.fy ?? currentYear()));
  if (filter.quality && can(actor, "quality.read")) and.push({ qualityHits: { some: { ruleCode: filter.quality, verifiedMarkId: null } } });
  const search = classifySearch(filter.q);
  switch (search.kind) {
    case "idNumber":
      and.push({ members: { some: { countyCode: actor.countyCode, idNumber: search.value } } });
      break;
    case "idSuffix":
      // A prefix search on the stored reversed ID (indexed), i.e. "the ID ends with these digits".
      and.push({ members: { some: { countyCode: actor.countyCode, idNumberReversed: { startsWith: [...search.value].reverse().join("") } } } });
      break;
    case "householdNo":
      and.push({ householdNo: search.value });
      break;
    case "name":
      and.push({ members: { some: { countyCode: actor.countyCode, relation: "HEAD", status: "PRESENT", ...headNameContains(search.value) } } });
      break;
    case "tooLong":
      and.push({ id: { in: [] } });
      break;
  }
  return { AND: and };
}

export async function findHouseholds(actor: Actor, filter: THouseholdFilter, paging: PageParams): Promise<Page<HouseholdListRow>> {
  requirePermission(actor, "household.read");
  const where = buildHouseholdWhere(actor, filter);
  const [rows, total] = await Promise.all([
    db.household.findMany({
      // One statement with lateral joins instead of one query per relation.
      relationLoadStrategy: "join",
      where,
      orderBy: ORDER[filter.sort],
      ...skipTake(paging),
      select: {
        id: true,
        householdNo: true,
        attribute: true,
        status: true,
        primaryCause: true,
        identificationYear: true,
        township: { select: { name: true } },
        village: { select: { name: true } },
        helper: { select: { displayName: true } },
        members: { where: { status: "PRESENT" }, select: { name: true, idNumber: true, relation: true } },
      },
    }),
    // A capped count walks an index in 户编号 order (Prisma orders the window by the primary key otherwise).
    db.household.count({ where, take: COUNT_CAP + 1, orderBy: { householdNo: "asc" } }),
  ]);
  return toPage(
    rows.map((row) => {
      const head = row.members.find((member) => member.relation === "HEAD");
      return {
        id: row.id,
        householdNo: row.householdNo,
        townshipName: row.township.name,
        villageName: row.village.name,
        headName: head?.name ?? null,
        headIdMasked: head ? maskIdNumber(head.idNumber) : null,
        memberCount: row.members.length,
        attribute: row.attribute,
        status: row.status,
        primaryCause: row.primaryCause,
        identificationYear: row.identificationYear,
        helperName: row.helper.displayName,
      };
    }),
    Math.min(total, COUNT_CAP),
    paging,
    total > COUNT_CAP,
  );
}
