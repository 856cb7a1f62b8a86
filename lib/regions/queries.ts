import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { regionCovers } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { buildWorkbook } from "@/lib/exports/workbook";
import type { VillageGroupOption } from "@/lib/regions/village-groups";

export type RegionNode = { code: string; name: string; level: string; parentCode: string | null; townshipCode: string | null; retired: boolean };

/** The county's region tree, limited to what the actor's region covers. Retired villages stay in it (filters and histories read them). */
export async function listRegionsInScope(actor: Actor): Promise<RegionNode[]> {
  requirePermission(actor, "region.read");
  const rows = await db.region.findMany({
    where: { countyCode: actor.countyCode },
    orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, name: true, level: true, parentCode: true, townshipCode: true, countyCode: true, retiredAt: true },
  });
  return rows
    .filter((region) => regionCovers(actor, region))
    .map(({ countyCode: _countyCode, retiredAt, ...region }) => ({ ...region, retired: retiredAt !== null }));
}

export type AdminRegion = {
  code: string;
  name: string;
  level: "COUNTY" | "TOWNSHIP" | "VILLAGE";
  parentCode: string | null;
  townshipCode: string | null;
  sortOrder: number;
  version: number;
  retiredAt: Date | null;
  mergedInto: string | null;
  households: number;
  users: number;
  /** A village's 自然村/组 in order, with how many households name each (empty for townships and the county). */
  groups: (VillageGroupOption & { households: number })[];
};

export type AdminRegionTree = {
  county: AdminRegion | null;
  townships: (AdminRegion & { villages: AdminRegion[] })[];
  /** How many regions matched the search (all of them without one). */
  matched: number;
};

/**
 * The 系统管理员's view of the county's tree (/admin/regions): every township and village with its version, state and what it
 * holds (households, accounts). With a search (name or code), only the matching regions and the townships above them.
 */
export async function findRegionTree(actor: Actor, search?: string): Promise<AdminRegionTree> {
  requirePermission(actor, "region.manage");
  const [rows, households, users, groups, groupHouseholds] = await Promise.all([
    db.region.findMany({
      where: { countyCode: actor.countyCode },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, name: true, level: true, parentCode: true, townshipCode: true, sortOrder: true, version: true, retiredAt: true, mergedInto: true },
    }),
    db.household.groupBy({ by: ["villageCode"], where: { countyCode: actor.countyCode }, _count: { _all: true } }),
    db.user.groupBy({ by: ["regionCode"], where: { active: true, region: { countyCode: actor.countyCode } }, _count: { _all: true } }),
    db.villageGroup.findMany({
      where: { countyCode: actor.countyCode },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, villageCode: true, name: true, sortOrder: true, version: true, retiredAt: true },
    }),
    db.household.groupBy({
      by: ["villageCode", "villageGroup"],
      where: { countyCode: actor.countyCode, villageGroup: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const groupCount = new Map(groupHouseholds.map((row) => [`${row.villageCode}|${row.villageGroup}`, row._count._all]));
  const householdCount = new Map(households.map((row) => [row.villageCode, row._count._all]));
  const userCount = new Map(users.map((row) => [row.regionCode, row._count._all]));
  const regions: AdminRegion[] = rows.map((row) => ({
    ...row,
    level: row.level as AdminRegion["level"],
    households:
      row.level === "VILLAGE"
        ? (householdCount.get(row.code) ?? 0)
        : rows
            .filter((village) => village.townshipCode === row.code && village.level === "VILLAGE")
            .reduce((sum, village) => sum + (householdCount.get(village.code) ?? 0), 0),
    users: userCount.get(row.code) ?? 0,
    groups: groups
      .filter((group) => group.villageCode === row.code)
      .map(({ villageCode, retiredAt, ...group }) => ({
        ...group,
        retired: retiredAt !== null,
        households: groupCount.get(`${villageCode}|${group.name}`) ?? 0,
      })),
  }));
  const term = search?.trim();
  const matches = (region: AdminRegion) => !term || region.name.includes(term) || region.code.startsWith(term);
  const county = regions.find((region) => region.level === "COUNTY") ?? null;
  let matched = 0;
  const townships = regions
    .filter((region) => region.level === "TOWNSHIP")
    .flatMap((township) => {
      const villages = regions.filter((region) => region.level === "VILLAGE" && region.parentCode === township.code);
      if (matches(township)) {
        matched += 1 + (term ? 0 : villages.length);
        return [{ ...township, villages }];
      }
      const hits = villages.filter(matches);
      matched += hits.length;
      return hits.length ? [{ ...township, villages: hits }] : [];
    });
  return { county, townships, matched };
}

const LEVEL_WORD = { COUNTY: "县", TOWNSHIP: "乡镇", VILLAGE: "村" } as const;

/**
 * The county's tree as a workbook in the import's own layout (代码, 名称, 级别, 上级代码): the template for
 * /admin/regions/import, and a county's tree carried over as it is. Retired villages are left out (they cannot be re-imported).
 */
export async function exportRegionTree(actor: Actor): Promise<Buffer> {
  requirePermission(actor, "region.manage");
  const tree = await findRegionTree(actor);
  const rows = [
    ...(tree.county ? [tree.county] : []),
    ...tree.townships.flatMap((township) => [township, ...township.villages.filter((village) => !village.retiredAt)]),
  ];
  return buildWorkbook(
    "区划",
    `${tree.county?.name ?? ""}区划表`,
    [
      { header: "代码", width: 16, value: (row: AdminRegion) => row.code },
      { header: "名称", width: 20, value: (row: AdminRegion) => row.name },
      { header: "级别", width: 8, value: (row: AdminRegion) => LEVEL_WORD[row.level] },
      { header: "上级代码", width: 16, value: (row: AdminRegion) => row.parentCode ?? "" },
    ],
    rows,
  );
}
