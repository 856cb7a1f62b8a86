import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { inspectionScopeWhere } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { SampleKind, Satisfaction } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import type { ExitCriterionCode } from "@/lib/exits/household/criteria";
import { countByTownship, drawSeed, populationHash, sampleSizes, verifyDraw, type DrawDifference, type PopulationEntry } from "@/lib/inspections/sampling";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";
import { sizeRuleOf } from "./commands";
import { readEntryDetail, sizeRuleText } from "./rules";

/** Rounds, picks and their field checks as the inspection pages read them (inspection.read; county-wide readers only). */

export type RoundListRow = {
  id: string;
  name: string;
  populationYear: number;
  townshipCount: number;
  sizeRule: string;
  drawn: boolean;
  createdAt: Date;
  creatorName: string;
  exitedCount: number;
  listedCount: number;
  picks: number;
  checks: number;
};

export async function listSamplingRounds(
  actor: Actor,
  filter: { year?: number; status?: "drawn" | "pending" },
  paging: PageParams,
): Promise<Page<RoundListRow>> {
  requirePermission(actor, "inspection.read");
  const where = {
    ...inspectionScopeWhere(actor),
    ...(filter.year ? { populationYear: filter.year } : {}),
    ...(filter.status === "drawn" ? { NOT: { publicValue: null } } : filter.status === "pending" ? { publicValue: null } : {}),
  };
  const [total, rows] = await Promise.all([
    db.samplingRound.count({ where }),
    db.samplingRound.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...skipTake(paging),
      select: {
        id: true,
        name: true,
        populationYear: true,
        townshipCodes: true,
        sizeKind: true,
        sizeValue: true,
        sizeMinimum: true,
        publicValue: true,
        createdAt: true,
        creator: { select: { displayName: true } },
        strata: { select: { kind: true, populationCount: true } },
      },
    }),
  ]);
  const ids = rows.map((row) => row.id);
  const [pickCounts, checkCounts] = await Promise.all([
    db.samplePick.groupBy({ by: ["roundId"], where: { roundId: { in: ids } }, _count: { _all: true } }),
    db.fieldCheck.groupBy({ by: ["roundId"], where: { roundId: { in: ids } }, _count: { _all: true } }),
  ]);
  const picks = new Map(pickCounts.map((row) => [row.roundId, row._count._all]));
  const checks = new Map(checkCounts.map((row) => [row.roundId, row._count._all]));
  return toPage(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      populationYear: row.populationYear,
      townshipCount: row.townshipCodes.length,
      sizeRule: sizeRuleText(row),
      drawn: row.publicValue !== null,
      createdAt: row.createdAt,
      creatorName: row.creator.displayName,
      exitedCount: row.strata.find((stratum) => stratum.kind === "EXITED")?.populationCount ?? 0,
      listedCount: row.strata.find((stratum) => stratum.kind === "LISTED")?.populationCount ?? 0,
      picks: picks.get(row.id) ?? 0,
      checks: checks.get(row.id) ?? 0,
    })),
    total,
    paging,
  );
}

/** The years rounds exist for, newest first (the list's and the rates page's selectors). */
export async function samplingRoundYears(actor: Actor): Promise<number[]> {
  requirePermission(actor, "inspection.read");
  const rows = await db.samplingRound.findMany({
    where: inspectionScopeWhere(actor),
    distinct: ["populationYear"],
    orderBy: { populationYear: "desc" },
    select: { populationYear: true },
  });
  return rows.map((row) => row.populationYear);
}

export type FieldCheckView = {
  id: string;
  visitedOn: Date;
  atHome: boolean;
  meetsStandard: boolean | null;
  failedCriteria: ExitCriterionCode[];
  shouldRegister: boolean | null;
  satisfaction: Satisfaction | null;
  question: string | null;
  note: string | null;
  people: number | null;
  inspectorName: string;
  recordedAt: Date;
  findingIds: string[];
  /** Corrections and additions, oldest first. */
  notes: { id: string; note: string; writerName: string; writtenAt: Date }[];
};

export type PickView = {
  kind: SampleKind;
  entryId: string;
  householdId: string | null;
  townshipCode: string;
  villageCode: string;
  villageName: string;
  label: string;
  people: number;
  note: string | null;
  ordinal: number;
  replacesEntryId: string | null;
  replacesLabel: string | null;
  replacementReason: string | null;
  /** The pick that replaced this one, if any. */
  replacedBy: { entryId: string; label: string; reason: string } | null;
  pickedAt: Date;
  check: FieldCheckView | null;
};

export type StratumView = {
  kind: SampleKind;
  populationHash: string;
  populationCount: number;
  /** Known once drawn. */
  seed: string | null;
  townships: { code: string; name: string; count: number; hash: string; sampleSize: number; picks: number }[];
};

export type RoundView = {
  id: string;
  name: string;
  populationYear: number;
  townships: { code: string; name: string }[];
  wholeCounty: boolean;
  sizeRule: string;
  publicSource: string;
  algorithm: string;
  publicValue: string | null;
  drawnAt: Date | null;
  drawerName: string | null;
  createdAt: Date;
  creatorName: string;
  version: number;
  strata: StratumView[];
  picks: PickView[];
};

const CHECK_SELECT = {
  id: true,
  visitedOn: true,
  atHome: true,
  meetsStandard: true,
  failedCriteria: true,
  shouldRegister: true,
  satisfaction: true,
  question: true,
  note: true,
  people: true,
  recordedAt: true,
  inspector: { select: { displayName: true } },
  findings: { select: { id: true } },
  notes: { orderBy: { writtenAt: "asc" }, select: { id: true, note: true, writtenAt: true, writer: { select: { displayName: true } } } },
} as const;

type CheckRow = {
  id: string;
  visitedOn: Date;
  atHome: boolean;
  meetsStandard: boolean | null;
  failedCriteria: string[];
  shouldRegister: boolean | null;
  satisfaction: string | null;
  question: string | null;
  note: string | null;
  people: number | null;
  recordedAt: Date;
  inspector: { displayName: string };
  findings: { id: string }[];
  notes: { id: string; note: string; writtenAt: Date; writer: { displayName: string } }[];
};

function checkView(row: CheckRow | null): FieldCheckView | null {
  if (!row) return null;
  return {
    id: row.id,
    visitedOn: row.visitedOn,
    atHome: row.atHome,
    meetsStandard: row.meetsStandard,
    failedCriteria: row.failedCriteria as ExitCriterionCode[],
    shouldRegister: row.shouldRegister,
    satisfaction: row.satisfaction as Satisfaction | null,
    question: row.question,
    note: row.note,
    people: row.people,
    inspectorName: row.inspector.displayName,
    recordedAt: row.recordedAt,
    findingIds: row.findings.map((finding) => finding.id),
    notes: row.notes.map((note) => ({ id: note.id, note: note.note, writerName: note.writer.displayName, writtenAt: note.writtenAt })),
  };
}

async function regionNames(codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.region.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { code: true, name: true } });
  return new Map(rows.map((row) => [row.code, row.name]));
}

/**
 * A round's frozen population and its picks in draw order, each with its field check. Read only
 * after the round itself was found in the reader's scope.
 */
export async function readRoundSample(roundId: string) {
  const [population, picks] = await Promise.all([
    db.samplingPopulation.findMany({
      where: { roundId },
      select: { kind: true, entryId: true, townshipCode: true, villageCode: true, householdId: true, label: true, detail: true },
    }),
    db.samplePick.findMany({
      where: { roundId },
      orderBy: [{ kind: "asc" }, { townshipCode: "asc" }, { ordinal: "asc" }],
      select: {
        kind: true,
        entryId: true,
        townshipCode: true,
        ordinal: true,
        replacesEntryId: true,
        replacementReason: true,
        pickedAt: true,
        check: { select: CHECK_SELECT },
      },
    }),
  ]);
  return { population, picks };
}

/** A round with its frozen populations (count and hash per stratum and township), seeds, and the sample with its checks. */
export async function getSamplingRound(actor: Actor, roundId: string): Promise<RoundView> {
  requirePermission(actor, "inspection.read");
  if (!/^[0-9a-f-]{36}$/i.test(roundId)) throw notFound("抽查轮次");
  const round = await db.samplingRound.findFirst({
    where: { id: roundId, ...inspectionScopeWhere(actor) },
    include: { creator: { select: { displayName: true } }, drawer: { select: { displayName: true } }, strata: true },
  });
  if (!round) throw notFound("抽查轮次");
  const { population, picks } = await readRoundSample(roundId);
  const allTownships = await db.region.findMany({
    where: { countyCode: round.countyCode, level: "TOWNSHIP" },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, name: true },
  });
  const names = await regionNames([...allTownships.map((t) => t.code), ...population.map((entry) => entry.villageCode)]);
  const entries = new Map(population.map((entry) => [`${entry.kind}:${entry.entryId}`, entry]));
  const rule = sizeRuleOf(round);

  const strata: StratumView[] = (["EXITED", "LISTED"] as const).flatMap((kind) => {
    const stratum = round.strata.find((row) => row.kind === kind);
    if (!stratum) return [];
    const ofKind: PopulationEntry[] = population
      .filter((entry) => entry.kind === kind)
      .map((entry) => ({ householdId: entry.entryId, townshipCode: entry.townshipCode }));
    const counts = countByTownship(ofKind);
    const sizes = sampleSizes(counts, rule);
    return [
      {
        kind,
        populationHash: stratum.populationHash,
        populationCount: stratum.populationCount,
        seed: round.publicValue ? drawSeed({ publicValue: round.publicValue, roundId: round.id, populationHash: stratum.populationHash }) : null,
        townships: Object.keys(counts).map((code) => ({
          code,
          name: names.get(code) ?? code,
          count: counts[code],
          hash: populationHash(ofKind.filter((entry) => entry.townshipCode === code)),
          sampleSize: sizes[code] ?? 0,
          picks: picks.filter((pick) => pick.kind === kind && pick.townshipCode === code).length,
        })),
      },
    ];
  });

  const pickViews: PickView[] = picks.map((pick) => {
    const entry = entries.get(`${pick.kind}:${pick.entryId}`)!;
    const detail = readEntryDetail(entry.detail);
    const replacer = picks.find((other) => other.kind === pick.kind && other.replacesEntryId === pick.entryId);
    return {
      kind: pick.kind as SampleKind,
      entryId: pick.entryId,
      householdId: entry.householdId,
      townshipCode: pick.townshipCode,
      villageCode: entry.villageCode,
      villageName: names.get(entry.villageCode) ?? entry.villageCode,
      label: entry.label,
      people: detail.people,
      note: detail.note,
      ordinal: pick.ordinal,
      replacesEntryId: pick.replacesEntryId,
      replacesLabel: pick.replacesEntryId ? (entries.get(`${pick.kind}:${pick.replacesEntryId}`)?.label ?? null) : null,
      replacementReason: pick.replacementReason,
      replacedBy: replacer
        ? { entryId: replacer.entryId, label: entries.get(`${pick.kind}:${replacer.entryId}`)?.label ?? "", reason: replacer.replacementReason ?? "" }
        : null,
      pickedAt: pick.pickedAt,
      check: checkView(pick.check),
    };
  });

  const chosen = round.townshipCodes.length > 0 ? round.townshipCodes : allTownships.map((township) => township.code);
  return {
    id: round.id,
    name: round.name,
    populationYear: round.populationYear,
    townships: chosen.map((code) => ({ code, name: names.get(code) ?? code })),
    wholeCounty: round.townshipCodes.length === 0,
    sizeRule: sizeRuleText(round),
    publicSource: round.publicSource,
    algorithm: round.algorithm,
    publicValue: round.publicValue,
    drawnAt: round.drawnAt,
    drawerName: round.drawer?.displayName ?? null,
    createdAt: round.createdAt,
    creatorName: round.creator.displayName,
    version: round.version,
    strata,
    picks: pickViews,
  };
}

export type RoundVerification = {
  ok: boolean;
  strata: {
    kind: SampleKind;
    ok: boolean;
    populationHashMatches: boolean;
    seedMatches: boolean;
    expectedPopulationHash: string;
    expectedSeed: string;
    differences: DrawDifference[];
  }[];
};

/**
 * 重新抽取验证: from the frozen list alone, recompute each population's hash, its seed (public value, round id, hash) and its
 * draw order, and compare with every recorded pick — the replacements included, since they continue the same order.
 */
export async function verifySamplingRound(actor: Actor, roundId: string): Promise<RoundVerification> {
  requirePermission(actor, "inspection.read");
  if (!/^[0-9a-f-]{36}$/i.test(roundId)) throw notFound("抽查轮次");
  const round = await db.samplingRound.findFirst({ where: { id: roundId, ...inspectionScopeWhere(actor) }, include: { strata: true } });
  if (!round) throw notFound("抽查轮次");
  if (!round.publicValue) return { ok: false, strata: [] };
  const results: RoundVerification["strata"] = [];
  for (const stratum of round.strata) {
    const kind = stratum.kind as SampleKind;
    const [population, picks] = await Promise.all([
      db.samplingPopulation.findMany({ where: { roundId, kind }, select: { entryId: true, townshipCode: true } }),
      db.samplePick.findMany({ where: { roundId, kind }, select: { entryId: true, townshipCode: true, ordinal: true } }),
    ]);
    const entries = population.map((row) => ({ householdId: row.entryId, townshipCode: row.townshipCode }));
    const sizes: Record<string, number> = {};
    for (const pick of picks) sizes[pick.townshipCode] = (sizes[pick.townshipCode] ?? 0) + 1;
    const seed = drawSeed({ publicValue: round.publicValue, roundId: round.id, populationHash: stratum.populationHash });
    const verdict = verifyDraw({
      population: entries,
      populationHash: stratum.populationHash,
      publicValue: round.publicValue,
      roundId: round.id,
      seed,
      sizes,
      recordedSample: picks.map((pick) => ({ householdId: pick.entryId, townshipCode: pick.townshipCode, ordinal: pick.ordinal })),
    });
    results.push(
      verdict.ok
        ? {
            kind,
            ok: true,
            populationHashMatches: true,
            seedMatches: true,
            expectedPopulationHash: stratum.populationHash,
            expectedSeed: seed,
            differences: [],
          }
        : { kind, ...verdict },
    );
  }
  return { ok: results.every((result) => result.ok), strata: results };
}

/** One pick of a drawn round, for its field-check page. */
export async function getPickForCheck(actor: Actor, roundId: string, kind: string, entryId: string) {
  const round = await getSamplingRound(actor, roundId);
  const pick = round.picks.find((candidate) => candidate.kind === kind && candidate.entryId === entryId);
  if (!pick) throw notFound("抽中户");
  return { round, pick, townshipName: round.strata.flatMap((s) => s.townships).find((t) => t.code === pick.townshipCode)?.name ?? pick.townshipCode };
}

/** For the new-round form: the county's townships, and each exit year with its number of exited households. */
export async function roundFormOptions(actor: Actor) {
  requirePermission(actor, "sampling.manage");
  const [townships, years] = await Promise.all([
    db.region.findMany({
      where: { countyCode: actor.countyCode, level: "TOWNSHIP" },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, name: true },
    }),
    db.household.groupBy({
      by: ["exitYear"],
      where: { countyCode: actor.countyCode, NOT: { exitYear: null } },
      _count: { _all: true },
      orderBy: { exitYear: "desc" },
    }),
  ]);
  return { townships, years: years.map((row) => ({ year: row.exitYear!, households: row._count._all })) };
}
