import type { RegionLevel, Role } from "@/lib/domain/codes";

/** The signed-in user as every query and command sees it: re-read from the database per request. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel;
  countyCode: string;
  /** The township of a township- or village-scoped user. */
  townshipCode: string | null;
  /** The village of a village-scoped user. */
  villageCode: string | null;
  /** 包片: the townships a 县领导 is responsible for. */
  leaderTownships: string[];
  ip: string | null;
};
