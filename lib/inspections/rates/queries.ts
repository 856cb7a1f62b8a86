import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { inspectionScopeWhere } from "@/lib/auth/scope";
import { drillDownHref } from "@/lib/dashboard/drill-down";
import { loadDashboard, valueOf } from "@/lib/dashboard/queries";
import { db } from "@/lib/db";
import type { SampleKind } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import {
  approvalRate,
  compositeIncidence,
  judge,
  missedRate,
  rateThresholds,
  thresholdText,
  wrongExitRate,
  type ApprovalRate,
  type CompositeIncidenceResult,
  type Rate,
  type RateThresholds,
  type Verdict,
} from "@/lib/inspections/rates";
import { readRoundSample } from "@/lib/inspections/rounds/queries";
import { readEntryDetail } from "@/lib/inspections/rounds/rules";
import { getCountySettings } from "@/lib/settings/queries";
import { countsIn, satisfactionCounts, type CheckFacts, type RateMeasure, type RatePart } from "./rules";

/** 三率一度 of a drawn spot-check round, per township and for the round's scope, and the households behind each number. */

type SampledHousehold = {
  kind: SampleKind;
  entryId: string;
  householdId: string | null;
  townshipCode: string;
  villageCode: string;
  label: string;
  people: number;
  ordinal: number;
  check: (CheckFacts & { id: string; visitedOn: Date; failedCriteria: string[] }) | null;
};

async function drawnRoundInScope(actor: Actor, roundId: string | undefined, year?: number) {
  const where = { ...inspectionScopeWhere(actor), NOT: { publicValue: null }, ...(year && !roundId ? { populationYear: year } : {}) };
  if (roundId !== undefined && !/^[0-9a-f-]{36}$/i.test(roundId)) throw notFound("抽查轮次");
  const round = await db.samplingRound.findFirst({
    where: roundId ? { ...where, id: roundId } : where,
    orderBy: [{ drawnAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, populationYear: true, townshipCodes: true, countyCode: true, drawnAt: true },
  });
  if (!round && roundId) throw notFound("抽查轮次");
  return round;
}

async function sampledHouseholds(
  roundId: string,
): Promise<{ picks: SampledHousehold[]; population: { kind: string; townshipCode: string; people: number }[] }> {
  const { population, picks } = await readRoundSample(roundId);
  const entries = new Map(population.map((entry) => [`${entry.kind}:${entry.entryId}`, entry]));
  return {
    population: population.map((entry) => ({ kind: entry.kind, townshipCode: entry.townshipCode, people: readEntryDetail(entry.detail).people })),
    picks: picks.map((pick) => {
      const entry = entries.get(`${pick.kind}:${pick.entryId}`)!;
      return {
        kind: pick.kind as SampleKind,
        entryId: pick.entryId,
        householdId: entry.householdId,
        townshipCode: pick.townshipCode,
        villageCode: entry.villageCode,
        label: entry.label,
        people: readEntryDetail(entry.detail).people,
        ordinal: pick.ordinal,
        check: pick.check,
      };
    }),
  };
}

export type RateCell<R extends Rate = Rate> = { rate: R; verdict: Verdict };

export type RegionRates = {
  /** A township code, or null for the round's whole scope. */
  code: string | null;
  name: string;
  wrongExit: RateCell;
  missed: RateCell;
  approval: RateCell<ApprovalRate>;
  approvalAnswers: ReturnType<typeof satisfactionCounts>;
  composite: {
    result: CompositeIncidenceResult;
    verdict: Verdict;
    remainingPoorPeople: number;
    ruralPopulation: number;
    wrongExitPeople: number;
    missedPeople: number;
    /** The dashboard's list of the remaining poor households, and the dashboard of the region (null for a set of townships). */
    remainingHref: string | null;
    dashboardHref: string | null;
  };
  hasListed: boolean;
};

export type RatesView = {
  /** The population years of the drawn rounds, newest first. */
  years: number[];
  rounds: { id: string; name: string; populationYear: number }[];
  round: { id: string; name: string; populationYear: number; wholeCounty: boolean } | null;
  thresholds: RateThresholds;
  thresholdTexts: { wrongExit: string; missed: string; approval: string; incidence: string };
  rows: RegionRates[];
  total: RegionRates | null;
};

/** 三率一度 of the chosen drawn round (else the latest drawn one), per township of its scope and for the scope as a whole. */
export async function loadRates(actor: Actor, options: { roundId?: string; year?: number }): Promise<RatesView> {
  requirePermission(actor, "inspection.read");
  const [years, round, settings] = await Promise.all([
    db.samplingRound.findMany({
      where: { ...inspectionScopeWhere(actor), NOT: { publicValue: null } },
      distinct: ["populationYear"],
      orderBy: { populationYear: "desc" },
      select: { populationYear: true },
    }),
    drawnRoundInScope(actor, options.roundId, options.year),
    getCountySettings(),
  ]);
  // The rounds offered are those of the year shown (the chosen round's, else the chosen year's).
  const year = round?.populationYear ?? options.year;
  const rounds = await db.samplingRound.findMany({
    where: { ...inspectionScopeWhere(actor), NOT: { publicValue: null }, ...(year ? { populationYear: year } : {}) },
    orderBy: [{ drawnAt: "desc" }, { id: "asc" }],
    take: 100,
    select: { id: true, name: true, populationYear: true },
  });
  const thresholds = settings.inspectionRateThresholds;
  const judged = rateThresholds(thresholds);
  const thresholdTexts = {
    wrongExit: thresholdText(judged.wrongExit),
    missed: thresholdText(judged.missed),
    approval: thresholdText(judged.approval),
    incidence: thresholdText(judged.incidence),
  };
  if (!round) return { years: years.map((row) => row.populationYear), rounds, round: null, thresholds, thresholdTexts, rows: [], total: null };

  const [{ picks, population }, dashboard] = await Promise.all([sampledHouseholds(round.id), loadDashboard(actor, { year: round.populationYear })]);
  const townships = dashboard.children.filter((child) => round.townshipCodes.length === 0 || round.townshipCodes.includes(child.code));

  const regionRates = (code: string | null, name: string, townshipCodes: Set<string>): RegionRates => {
    const region = code
      ? { level: "TOWNSHIP" as const, code, townshipCode: code }
      : round.townshipCodes.length === 0
        ? { level: "COUNTY" as const, code: dashboard.region.code, townshipCode: null }
        : null;
    const mine = picks.filter((pick) => townshipCodes.has(pick.townshipCode));
    const count = (measure: RateMeasure, part: RatePart) => mine.filter((pick) => countsIn(measure, part, pick)).length;
    const people = (measure: RateMeasure, part: RatePart) => mine.filter((pick) => countsIn(measure, part, pick)).reduce((sum, pick) => sum + pick.people, 0);
    const populationPeople = (kind: SampleKind) =>
      population.filter((entry) => entry.kind === kind && townshipCodes.has(entry.townshipCode)).reduce((sum, entry) => sum + entry.people, 0);
    const wrongExit = wrongExitRate({ wrongExitHouseholds: count("wrongExit", "numerator"), sampledExitedHouseholds: count("wrongExit", "denominator") });
    const missed = missedRate({ missedHouseholds: count("missed", "numerator"), sampledNotRegisteredHouseholds: count("missed", "denominator") });
    const answers = satisfactionCounts(mine);
    const approval = approvalRate(answers);
    const regions = townships.filter((township) => townshipCodes.has(township.code));
    const remainingPoorPeople = regions.reduce((sum, township) => sum + valueOf(township.figures, "remaining").people, 0);
    const ruralPopulation = regions.reduce(
      (sum, township) => ({
        villages: sum.villages + township.population.villages,
        reported: sum.reported + township.population.reported,
        total: sum.total + township.population.total,
      }),
      { villages: 0, reported: 0, total: 0 },
    );
    const listedPopulation = populationPeople("LISTED");
    const result = compositeIncidence({
      remainingPoorPeople,
      sampledWrongExitPeople: people("wrongExit", "numerator"),
      sampledExitedPeople: people("wrongExit", "denominator"),
      exitedPopulationPeople: populationPeople("EXITED"),
      sampledMissedPeople: people("missed", "numerator"),
      sampledNotRegisteredPeople: people("missed", "denominator"),
      notRegisteredPopulationPeople: listedPopulation,
      ruralPopulation,
    });
    return {
      code,
      name,
      wrongExit: { rate: wrongExit, verdict: judge(wrongExit, judged.wrongExit) },
      missed: { rate: missed, verdict: judge(missed, judged.missed) },
      approval: { rate: approval, verdict: judge(approval, judged.approval) },
      approvalAnswers: answers,
      composite: {
        result,
        verdict: result.kind === "value" ? judge(result.fraction, judged.incidence) : "无样本",
        remainingPoorPeople,
        ruralPopulation: ruralPopulation.total,
        wrongExitPeople: people("wrongExit", "numerator"),
        missedPeople: people("missed", "numerator"),
        remainingHref: region ? drillDownHref("remaining", round.populationYear, region) : null,
        dashboardHref: region ? `/dashboard?region=${region.code}&year=${round.populationYear}` : null,
      },
      hasListed: listedPopulation > 0 || population.some((entry) => entry.kind === "LISTED" && townshipCodes.has(entry.townshipCode)),
    };
  };

  const rows = townships.map((township) => regionRates(township.code, township.name, new Set([township.code])));
  const total = regionRates(
    null,
    round.townshipCodes.length === 0 ? `${dashboard.region.name}（全县）` : "抽查乡镇合计",
    new Set(townships.map((t) => t.code)),
  );
  return {
    years: years.map((row) => row.populationYear),
    rounds,
    round: { id: round.id, name: round.name, populationYear: round.populationYear, wholeCounty: round.townshipCodes.length === 0 },
    thresholds,
    thresholdTexts,
    rows,
    total,
  };
}

export type RateHouseholdRow = Omit<SampledHousehold, "check"> & { villageName: string; townshipName: string; check: SampledHousehold["check"] };

/** The sampled households behind one number of the rates page: same round, same region, same rule (countsIn). */
export async function rateHouseholds(
  actor: Actor,
  options: { roundId: string; measure: RateMeasure; part: RatePart; township?: string },
): Promise<{ round: { id: string; name: string; populationYear: number }; townshipName: string | null; rows: RateHouseholdRow[] }> {
  requirePermission(actor, "inspection.read");
  const round = await drawnRoundInScope(actor, options.roundId);
  if (!round) throw notFound("抽查轮次");
  const { picks } = await sampledHouseholds(round.id);
  const rows = picks.filter((pick) => (!options.township || pick.townshipCode === options.township) && countsIn(options.measure, options.part, pick));
  const regions = await db.region.findMany({
    where: { code: { in: [...new Set([...rows.flatMap((row) => [row.villageCode, row.townshipCode]), ...(options.township ? [options.township] : [])])] } },
    select: { code: true, name: true },
  });
  const names = new Map(regions.map((region) => [region.code, region.name]));
  return {
    round: { id: round.id, name: round.name, populationYear: round.populationYear },
    townshipName: options.township ? (names.get(options.township) ?? options.township) : null,
    rows: rows.map((row) => ({
      ...row,
      villageName: names.get(row.villageCode) ?? row.villageCode,
      townshipName: names.get(row.townshipCode) ?? row.townshipCode,
    })),
  };
}
