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

/** The user row (with its region and 包片 townships) an actor is made of. */
export type ActorSource = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: { code: string; name: string; level: RegionLevel; countyCode: string; townshipCode: string | null };
  leaderTownships: { townshipCode: string }[];
};

/** The actor of a user, exactly as every request resolves it (lib/auth/sessions.ts). */
export function actorFromUser(user: ActorSource, ip: string | null): Actor {
  const level = user.region.level;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.region.code,
    regionName: user.region.name,
    regionLevel: level,
    countyCode: user.region.countyCode,
    townshipCode: level === "TOWNSHIP" ? user.region.code : user.region.townshipCode,
    villageCode: level === "VILLAGE" ? user.region.code : null,
    leaderTownships: user.leaderTownships.map((row) => row.townshipCode),
    ip,
  };
}
