import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { regionCovers } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { ZClearReductionTarget, ZSaveReductionTarget, targetYearFrom } from "@/lib/dashboard/targets-schema";
import { todayString } from "@/lib/dates";
import { db, type Db, type Tx } from "@/lib/db";
import { assertUpdated, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { auditHistory, type HistoryEntry } from "@/lib/audit/history";
import { listRegionsInScope } from "@/lib/regions/queries";

/**
 * 年度减贫任务 (issue 10): the households and people each township — and, within it, each village —
 * is to bring out of poverty in a year, set by the county office. The dashboard measures the
 * year's exits against these figures (findTargets).
 */

export type ReductionTargetFigures = { households: number; people: number; version: number; updatedAt: Date; updatedByName: string };
type Counts = { households: number; people: number };

const TARGET_LEVELS: readonly string[] = ["TOWNSHIP", "VILLAGE"];

/** The audit rows of one region's target of one year are filed under this id. */
export const targetEntityId = (regionCode: string, year: number) => `${regionCode}:${year}`;

const currentYear = () => Number(todayString().slice(0, 4));

/** A township or village the actor covers; anything else (another county, the county itself, no such code) is answered as missing. */
async function targetRegionInScope(client: Db | Tx, actor: Actor, regionCode: string) {
  const region = await client.region.findUnique({
    where: { code: regionCode },
    select: { code: true, name: true, level: true, countyCode: true, townshipCode: true },
  });
  if (!region || !TARGET_LEVELS.includes(region.level) || !region.townshipCode || !regionCovers(actor, region)) throw notFound("乡镇或村");
  return { ...region, townshipCode: region.townshipCode };
}

/**
 * Saves of targets in one township and year take turns, so that two villages saved at the same
 * moment cannot both fit under the township's target (and two first saves of one region cannot both create it).
 */
async function lockTownshipYear(tx: Tx, townshipCode: string, year: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('reduction_target'), hashtext(${`${townshipCode}:${year}`}))`;
}

async function villageTargetsOf(tx: Tx, townshipCode: string, year: number, exceptRegionCode?: string): Promise<Counts> {
  const sum = await tx.reductionTarget.aggregate({
    where: { year, region: { level: "VILLAGE", townshipCode }, ...(exceptRegionCode ? { regionCode: { not: exceptRegionCode } } : {}) },
    _sum: { households: true, people: true },
  });
  return { households: sum._sum.households ?? 0, people: sum._sum.people ?? 0 };
}

const exceeds = (part: Counts, whole: Counts) => part.households > whole.households || part.people > whole.people;

/** The villages' targets must fit within their township's (when the township has one). */
async function checkVillagesFitTownship(tx: Tx, region: { code: string; name: string; level: string; townshipCode: string }, year: number, figures: Counts) {
  if (region.level === "VILLAGE") {
    const township = await tx.reductionTarget.findUnique({
      where: { regionCode_year: { regionCode: region.townshipCode, year } },
      select: { households: true, people: true, region: { select: { name: true } } },
    });
    if (!township) return;
    const others = await villageTargetsOf(tx, region.townshipCode, year, region.code);
    const total = { households: others.households + figures.households, people: others.people + figures.people };
    if (exceeds(total, township)) {
      throw ruleViolation(
        `${township.region.name}${year}年度的减贫任务为 ${township.households} 户 ${township.people} 人，` +
          `所辖各村的任务合计将为 ${total.households} 户 ${total.people} 人，超出乡镇任务：请先调高乡镇的任务，或调低其他村的任务`,
        fieldErrorsOver(total, township, "所辖各村合计将超出乡镇任务"),
      );
    }
  } else {
    const villages = await villageTargetsOf(tx, region.townshipCode, year);
    if (exceeds(villages, figures)) {
      throw ruleViolation(
        `${region.name}所辖各村${year}年度的减贫任务合计已有 ${villages.households} 户 ${villages.people} 人，乡镇的任务不能少于这个合计：请先调低各村的任务`,
        fieldErrorsOver(villages, figures, "不能少于所辖各村的合计"),
      );
    }
  }
}

function fieldErrorsOver(part: Counts, whole: Counts, message: string) {
  const errors: Record<string, string[]> = {};
  if (part.households > whole.households) errors.households = [message];
  if (part.people > whole.people) errors.people = [message];
  return errors;
}

/** Sets a township's or village's target for a year (0 = first setting, else the version shown). */
export const saveReductionTarget = defineCommand({
  permission: "target.manage",
  input: ZSaveReductionTarget,
  async run({ actor, input, tx }) {
    const region = await targetRegionInScope(tx, actor, input.regionCode);
    await lockTownshipYear(tx, region.townshipCode, input.year);
    const key = { regionCode_year: { regionCode: region.code, year: input.year } };
    const existing = await tx.reductionTarget.findUnique({ where: key, select: { households: true, people: true, version: true } });
    if ((existing?.version ?? 0) !== input.version) throw staleVersion();
    const figures = { households: input.households, people: input.people };
    await checkVillagesFitTownship(tx, region, input.year, figures);

    const changed = { ...figures, updatedBy: actor.userId, updatedAt: new Date() };
    if (existing) {
      assertUpdated(
        await tx.reductionTarget.updateMany({
          where: { regionCode: region.code, year: input.year, version: existing.version },
          data: { ...changed, version: { increment: 1 } },
        }),
      );
    } else {
      await tx.reductionTarget.create({ data: { regionCode: region.code, year: input.year, countyCode: region.countyCode, ...changed } });
    }
    const subject = { regionCode: region.code, year: input.year };
    await recordAudit(tx, actor, {
      action: "target.save",
      entityType: "ReductionTarget",
      entityId: targetEntityId(region.code, input.year),
      countyCode: region.countyCode,
      before: existing ? { ...subject, households: existing.households, people: existing.people } : null,
      after: { ...subject, ...figures },
    });
    return { regionCode: region.code, year: input.year, version: (existing?.version ?? 0) + 1 };
  },
});

/** Withdraws a region's target for a year (the version shown must still be current). */
export const clearReductionTarget = defineCommand({
  permission: "target.manage",
  input: ZClearReductionTarget,
  async run({ actor, input, tx }) {
    const region = await targetRegionInScope(tx, actor, input.regionCode);
    await lockTownshipYear(tx, region.townshipCode, input.year);
    const existing = await tx.reductionTarget.findUnique({
      where: { regionCode_year: { regionCode: region.code, year: input.year } },
      select: { households: true, people: true, version: true },
    });
    if (!existing || existing.version !== input.version) throw staleVersion();
    assertUpdated(await tx.reductionTarget.deleteMany({ where: { regionCode: region.code, year: input.year, version: existing.version } }));
    await recordAudit(tx, actor, {
      action: "target.clear",
      entityType: "ReductionTarget",
      entityId: targetEntityId(region.code, input.year),
      countyCode: region.countyCode,
      before: { regionCode: region.code, year: input.year, households: existing.households, people: existing.people },
      after: null,
    });
    return { regionCode: region.code, year: input.year };
  },
});

/**
 * The county's targets of a year, by region code (townships and villages alike). No actor: the
 * caller (the dashboard) has already limited what it shows to the reader's scope.
 * `countyCode` is the 6-digit county code (a 12-digit region code of the county works too).
 */
/** The county's targets of a year by region code, figures only (what the dashboard shows). */
export async function findTargetCounts(client: Db | Tx, countyCode: string, year: number): Promise<Map<string, Counts>> {
  const rows = await client.reductionTarget.findMany({
    where: { countyCode: countyCode.slice(0, 6), year },
    select: { regionCode: true, households: true, people: true },
  });
  return new Map(rows.map((row) => [row.regionCode, { households: row.households, people: row.people }]));
}

export async function findTargets(client: Db | Tx, countyCode: string, year: number): Promise<Map<string, ReductionTargetFigures>> {
  const rows = await client.reductionTarget.findMany({
    where: { countyCode: countyCode.slice(0, 6), year },
    select: { regionCode: true, households: true, people: true, version: true, updatedAt: true, updatedBy: true },
  });
  const userIds = [...new Set(rows.map((row) => row.updatedBy))];
  const users = userIds.length ? await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return new Map(
    rows.map((row) => [
      row.regionCode,
      { households: row.households, people: row.people, version: row.version, updatedAt: row.updatedAt, updatedByName: names.get(row.updatedBy) ?? "" },
    ]),
  );
}

/** The years the county has any target for, newest first. */
export async function listTargetYears(countyCode: string, client: Db | Tx = db): Promise<number[]> {
  const rows = await client.reductionTarget.findMany({
    where: { countyCode: countyCode.slice(0, 6) },
    distinct: ["year"],
    select: { year: true },
    orderBy: { year: "desc" },
  });
  return rows.map((row) => row.year);
}

/** Who set or changed a region's target of a year, when, old → new (newest first). */
export async function targetHistory(actor: Actor, regionCode: string, year: number, limit = 100): Promise<HistoryEntry[]> {
  requirePermission(actor, "dashboard.read");
  const region = await targetRegionInScope(db, actor, regionCode);
  return auditHistory("ReductionTarget", targetEntityId(region.code, year), limit);
}

export type TargetRow = { code: string; name: string; target: ReductionTargetFigures | null };
export type TownshipTargetRow = TargetRow & { villages: TargetRow[]; villageTotal: Counts & { villagesSet: number } };

export type TargetBoard = {
  year: number;
  currentYear: number;
  /** The years offered by the year selector, newest first. */
  years: number[];
  /** The townships the reader covers, each with its villages. */
  townships: TownshipTargetRow[];
  /** A village-level reader's own villages (they cover no township). */
  villagesOnly: TargetRow[];
  /** The county target (the townships' sum), for county-wide readers only. */
  countyTotal: (Counts & { townshipsSet: number; townships: number }) | null;
  hasTargets: boolean;
};

const FIRST_SELECTABLE_YEAR = 2014;

/** The settings page: every township and village the reader covers with its target of the year (`yearText` from ?year=, else this year). */
export async function getTargetBoard(actor: Actor, yearText?: string): Promise<TargetBoard> {
  requirePermission(actor, "dashboard.read");
  const thisYear = currentYear();
  const year = targetYearFrom(yearText, thisYear);
  const [regions, targets, targetYears] = await Promise.all([
    listRegionsInScope(actor),
    findTargets(db, actor.countyCode, year),
    listTargetYears(actor.countyCode),
  ]);
  const row = (region: { code: string; name: string }): TargetRow => ({ code: region.code, name: region.name, target: targets.get(region.code) ?? null });

  const villages = regions.filter((region) => region.level === "VILLAGE");
  const townships = regions
    .filter((region) => region.level === "TOWNSHIP")
    .map((township): TownshipTargetRow => {
      const own = villages.filter((village) => village.townshipCode === township.code).map(row);
      const set = own.filter((village) => village.target);
      return {
        ...row(township),
        villages: own,
        villageTotal: { ...sumOf(set.map((village) => village.target!)), villagesSet: set.length },
      };
    });
  const townshipCodes = new Set(townships.map((township) => township.code));
  const villagesOnly = villages.filter((village) => !village.townshipCode || !townshipCodes.has(village.townshipCode)).map(row);
  const townshipTargets = townships.flatMap((township) => (township.target ? [township.target] : []));

  const offered = new Set([...targetYears, year]);
  for (let candidate = thisYear + 1; candidate >= FIRST_SELECTABLE_YEAR; candidate--) offered.add(candidate);
  const shown = [...townships.flatMap((township) => [township, ...township.villages]), ...villagesOnly];
  return {
    year,
    currentYear: thisYear,
    years: [...offered].sort((a, b) => b - a),
    townships,
    villagesOnly,
    countyTotal: actor.regionLevel === "COUNTY" ? { ...sumOf(townshipTargets), townshipsSet: townshipTargets.length, townships: townships.length } : null,
    hasTargets: shown.some((region) => region.target),
  };
}

function sumOf(figures: readonly Counts[]): Counts {
  return figures.reduce((sum, figure) => ({ households: sum.households + figure.households, people: sum.people + figure.people }), {
    households: 0,
    people: 0,
  });
}
