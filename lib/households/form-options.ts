import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { listRegionsInScope } from "@/lib/regions/queries";
import { villageGroupsByVillage } from "@/lib/regions/village-groups";

/** The villages an actor may register households in, each with its active 帮扶责任人. */
export async function villagesWithHelpers(actor: Actor, onlyVillage?: string) {
  const regions = await listRegionsInScope(actor);
  const townships = await db.region.findMany({ where: { countyCode: actor.countyCode, level: "TOWNSHIP" }, select: { code: true, name: true } });
  const townshipNames = new Map(townships.map((region) => [region.code, region.name]));
  // A retired village receives no new household; a household already there still shows its own.
  const villages = regions.filter((region) => region.level === "VILLAGE" && (onlyVillage ? region.code === onlyVillage : !region.retired));
  const helpers = await db.user.findMany({
    where: { role: "HELPER", active: true, regionCode: { in: villages.map((village) => village.code) } },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, regionCode: true },
  });
  // Each village's 自然村/组 list (retired ones marked: an edit may keep the household's own).
  const groups = await db.$transaction((tx) =>
    villageGroupsByVillage(
      tx,
      villages.map((village) => village.code),
    ),
  );
  return villages.map((village) => ({
    code: village.code,
    label: `${village.townshipCode ? (townshipNames.get(village.townshipCode) ?? "") : ""}${village.name}`,
    helpers: helpers.filter((helper) => helper.regionCode === village.code).map((helper) => ({ id: helper.id, name: helper.displayName })),
    groups: (groups.get(village.code) ?? []).map((group) => ({ name: group.name, retired: group.retired })),
  }));
}
