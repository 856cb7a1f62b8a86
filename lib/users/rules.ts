import type { RegionLevel, Role } from "@/lib/domain/codes";

/** The level of region a role's scope must be (docs/domain.md §1). */
export function requiredRegionLevel(role: Role): RegionLevel {
  switch (role) {
    case "VILLAGE_CADRE":
    case "WORK_TEAM":
    case "HELPER":
      return "VILLAGE";
    case "TOWNSHIP_CADRE":
      return "TOWNSHIP";
    case "COUNTY_OFFICE":
    case "COUNTY_LEADER":
    case "INSPECTOR":
    case "ADMIN":
      return "COUNTY";
  }
}

/** 包片: only a 县领导 is responsible for townships (docs/domain.md §1). */
export function takesLeaderTownships(role: Role): boolean {
  return role === "COUNTY_LEADER";
}

export const REGION_LEVEL_MISMATCH: Record<RegionLevel, string> = {
  VILLAGE: "该角色的管辖范围必须是一个村",
  TOWNSHIP: "该角色的管辖范围必须是一个乡镇",
  COUNTY: "该角色的管辖范围必须是全县",
};
