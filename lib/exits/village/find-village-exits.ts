import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { villageRegionWhere, villageSheetScopeWhere } from "@/lib/auth/scope";
import { requirePermission } from "@/lib/auth/permissions";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { getCountySettings } from "@/lib/settings/queries";
import { evaluateIncidence, formatPermilleAsPercent, villageStatusLabel } from "./rules";
import { collectiveIncomeTargetFen, remainingPoorPeople, ruralPopulations, villageInScope } from "./context";

const NO_CONDITIONS = {
  collectiveIncomeFen: 0,
  collectiveIncomeTargetFen: 0,
  hardenedRoad: false,
  powerSupply: false,
  safeWater: false,
  clinicFourRooms: false,
  qualifiedDoctor: false,
  cultureVenue: false,
  broadband: false,
};

export type VillageExitRow = {
  villageCode: string;
  villageName: string;
  townshipName: string;
  ruralPopulation: number | null;
  populationVersion: number;
  remaining: number;
  incidence: string | null;
  belowThreshold: boolean | null;
  sheet: { id: string; status: string; statusLabel: string } | null;
};

/**
 * The villages in scope for a year: 贫困发生率 from the archive and the entered population,
 * against the configured threshold, and the state of each village's exit sheet.
 */
export async function findVillageExits(actor: Actor, yearText?: string) {
  requirePermission(actor, "villageExit.read");
  const currentYear = Number(todayString().slice(0, 4));
  const requested = Number(yearText);
  const year = Number.isInteger(requested) && requested >= 2013 && requested <= currentYear ? requested : currentYear;
  const villages = await db.region.findMany({
    where: villageRegionWhere(actor),
    orderBy: [{ townshipCode: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, name: true, parent: { select: { name: true } } },
  });
  const codes = villages.map((village) => village.code);
  const [settings, remaining, populations, sheets] = await Promise.all([
    getCountySettings(db),
    remainingPoorPeople(db, codes),
    ruralPopulations(db, codes, year),
    db.villageExitSheet.findMany({
      where: { AND: [villageSheetScopeWhere(actor), { assessmentYear: year }] },
      select: { id: true, villageCode: true, status: true },
    }),
  ]);
  const sheetByVillage = new Map(sheets.map((sheet) => [sheet.villageCode, sheet]));
  const rows: VillageExitRow[] = villages.map((village) => {
    const people = remaining.get(village.code) ?? 0;
    const population = populations.get(village.code) ?? null;
    // The same figure as on the sheet (never rounded onto the threshold).
    const incidence = population
      ? evaluateIncidence({
          remainingPoorPeople: people,
          ruralPopulation: population.ruralPopulation,
          thresholdPermille: settings.villageExitThresholdPermille,
          conditions: NO_CONDITIONS,
        })
      : null;
    const sheet = sheetByVillage.get(village.code);
    return {
      villageCode: village.code,
      villageName: village.name,
      townshipName: village.parent?.name ?? "",
      ruralPopulation: population?.ruralPopulation ?? null,
      populationVersion: population?.version ?? 0,
      remaining: people,
      incidence: incidence?.facts.find((fact) => fact.label === "贫困发生率")?.value ?? null,
      belowThreshold: incidence ? incidence.met : null,
      sheet: sheet ? { id: sheet.id, status: sheet.status, statusLabel: villageStatusLabel(sheet.status) } : null,
    };
  });
  return { year, currentYear, threshold: formatPermilleAsPercent(settings.villageExitThresholdPermille), rows };
}

/** For the 新建 page: the village (in scope) and the collective income target. */
export async function getVillageForNewSheet(actor: Actor, villageCode: string) {
  requirePermission(actor, "villageExit.read");
  const village = await villageInScope(db, actor, villageCode);
  return { code: village.code, name: village.name, targetFen: await collectiveIncomeTargetFen(db) };
}
