import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";
import type { SampleKind } from "@/lib/domain/codes";
import { AppError, assertUpdated, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import {
  SAMPLING_ALGORITHM,
  countByTownship,
  drawSample,
  drawSeed,
  nextReplacement,
  populationHash,
  sampleSizes,
  type PopulationEntry,
  type SampleSizeRule,
} from "@/lib/inspections/sampling";
import { entryDetailText, parseListedHouseholds, sizeRuleText } from "./rules";
import { ZCreateRound, ZDrawRound, ZReplacePick } from "./schema";

/**
 * 抽查轮次 (docs/decisions/014): created with its populations frozen and hashed, drawn once with a public value
 * entered later, replacements continuing the same draw order. Every command writes its audit row in its transaction.
 */

const ROUND_SELECT = {
  id: true,
  countyCode: true,
  name: true,
  populationYear: true,
  townshipCodes: true,
  sizeKind: true,
  sizeValue: true,
  sizeMinimum: true,
  publicValue: true,
  version: true,
} as const;

/** A round of the actor's county; any other answers like a missing one. Locked for the rest of the transaction. */
export async function roundInScope(tx: Tx, actor: Actor, roundId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sampling_round WHERE id = ${roundId}::uuid AND county_code = ${actor.countyCode} FOR UPDATE`;
  if (rows.length === 0) throw notFound("抽查轮次");
  return tx.samplingRound.findUniqueOrThrow({ where: { id: roundId }, select: ROUND_SELECT });
}

export function sizeRuleOf(round: { sizeKind: string; sizeValue: number; sizeMinimum: number }): SampleSizeRule {
  return round.sizeKind === "COUNT"
    ? { kind: "count", perTownship: round.sizeValue }
    : { kind: "share", permille: round.sizeValue, minimum: round.sizeMinimum };
}

/** The frozen population of one kind, as the pure draw reads it (the entry id stands for the household). */
export async function frozenPopulation(tx: Pick<Tx, "samplingPopulation">, roundId: string, kind: SampleKind): Promise<PopulationEntry[]> {
  const rows = await tx.samplingPopulation.findMany({ where: { roundId, kind }, select: { entryId: true, townshipCode: true } });
  return rows.map((row) => ({ householdId: row.entryId, townshipCode: row.townshipCode }));
}

/** Creates a round: freezes the exited households of the year (and the typed 未建档户 list) and stores each population's hash. */
export const createSamplingRound = defineCommand({
  permission: "sampling.manage",
  input: ZCreateRound,
  async run({ actor, input, tx }) {
    const countyTownships = await tx.region.findMany({
      where: { countyCode: actor.countyCode, level: "TOWNSHIP" },
      select: { code: true },
      orderBy: { code: "asc" },
    });
    const known = new Set(countyTownships.map((township) => township.code));
    let townshipCodes: string[] = [];
    if (input.scope === "TOWNSHIPS") {
      townshipCodes = [...new Set(input.townshipCodes)].sort();
      if (townshipCodes.some((code) => !known.has(code))) {
        throw new AppError("VALIDATION", "请选择本县的乡镇", { townshipCodes: ["请选择本县的乡镇"] });
      }
    }
    const inScope = townshipCodes.length > 0 ? townshipCodes : [...known];

    const households = await tx.household.findMany({
      where: { countyCode: actor.countyCode, exitYear: input.populationYear, townshipCode: { in: inScope } },
      select: {
        id: true,
        householdNo: true,
        townshipCode: true,
        villageCode: true,
        members: { select: { name: true, relation: true, status: true } },
      },
    });

    const villages = await tx.region.findMany({
      where: { countyCode: actor.countyCode, level: "VILLAGE", townshipCode: { in: inScope } },
      select: { code: true, name: true, townshipCode: true },
    });
    const listed = parseListedHouseholds(
      input.listed ?? "",
      villages.map((village) => ({ ...village, townshipCode: village.townshipCode! })),
    );
    if (!listed.ok) {
      throw new AppError("VALIDATION", `未建档户名单有误：${listed.errors[0]}${listed.errors.length > 1 ? `（共 ${listed.errors.length} 处）` : ""}`, {
        listed: listed.errors.slice(0, 50),
      });
    }
    if (households.length === 0) {
      throw ruleViolation(`抽查范围内没有${input.populationYear}年脱贫的户，无法建立抽查轮次`, { populationYear: ["该年度在抽查范围内没有已脱贫户"] });
    }

    const sizeKind = input.sizeKind;
    const sizeValue = Number(sizeKind === "COUNT" ? input.perTownship : input.permille);
    const sizeMinimum = sizeKind === "SHARE" && input.minimum?.trim() ? Number(input.minimum) : 0;
    const round = await tx.samplingRound.create({
      data: {
        id: randomUUID(),
        countyCode: actor.countyCode,
        name: input.name,
        populationYear: input.populationYear,
        townshipCodes,
        sizeKind,
        sizeValue,
        sizeMinimum,
        publicSource: input.publicSource.trim(),
        algorithm: SAMPLING_ALGORITHM,
        createdBy: actor.userId,
      },
      select: { id: true },
    });

    const exitedRows = households.map((household) => {
      const present = household.members.filter((member) => member.status === "PRESENT");
      const head = household.members.find((member) => member.relation === "HEAD" && member.status === "PRESENT") ?? present[0] ?? household.members[0];
      return {
        roundId: round.id,
        kind: "EXITED",
        entryId: household.id,
        townshipCode: household.townshipCode,
        villageCode: household.villageCode,
        householdId: household.id,
        label: `${head?.name ?? "（无户主）"}（${household.householdNo}）`,
        detail: entryDetailText({ people: present.length, note: null }),
      };
    });
    const listedRows = listed.entries.map((entry) => ({
      roundId: round.id,
      kind: "LISTED",
      entryId: randomUUID(),
      townshipCode: entry.townshipCode,
      villageCode: entry.villageCode,
      householdId: null,
      label: entry.headName,
      detail: entryDetailText({ people: entry.people, note: entry.note }),
    }));
    await tx.samplingPopulation.createMany({ data: [...exitedRows, ...listedRows] });

    const hashOf = (rows: { entryId: string; townshipCode: string }[]) =>
      populationHash(rows.map((row) => ({ householdId: row.entryId, townshipCode: row.townshipCode })));
    const exitedHash = hashOf(exitedRows);
    const listedHash = listedRows.length > 0 ? hashOf(listedRows) : null;
    await tx.samplingStratum.create({ data: { roundId: round.id, kind: "EXITED", populationHash: exitedHash, populationCount: exitedRows.length } });
    if (listedHash)
      await tx.samplingStratum.create({ data: { roundId: round.id, kind: "LISTED", populationHash: listedHash, populationCount: listedRows.length } });

    await recordAudit(tx, actor, {
      action: "sampling.create",
      entityType: "SamplingRound",
      entityId: round.id,
      countyCode: actor.countyCode,
      after: {
        name: input.name,
        populationYear: input.populationYear,
        townshipCodes,
        sizeRule: sizeRuleText({ sizeKind, sizeValue, sizeMinimum }),
        publicSource: input.publicSource.trim(),
        exitedCount: exitedRows.length,
        listedCount: listedRows.length,
        exitedHash,
        listedHash,
      },
    });
    return { id: round.id };
  },
});

/**
 * Draws the sample, once: the public value fixes the seed of each population (with the round id and that population's
 * hash, recomputed from the frozen rows and compared with the published one), and the picks are stored.
 */
export const drawSamplingRound = defineCommand({
  permission: "sampling.manage",
  input: ZDrawRound,
  async run({ actor, input, tx }) {
    const round = await roundInScope(tx, actor, input.roundId);
    if (round.version !== input.version) throw staleVersion();
    if (round.publicValue !== null) throw ruleViolation("本轮已抽取样本，不能重新抽取；样本抽取后不可更改");
    const strata = await tx.samplingStratum.findMany({ where: { roundId: round.id }, select: { kind: true, populationHash: true } });
    const rule = sizeRuleOf(round);
    let picks = 0;
    for (const stratum of strata) {
      const kind = stratum.kind as SampleKind;
      const population = await frozenPopulation(tx, round.id, kind);
      if (populationHash(population) !== stratum.populationHash) throw ruleViolation("冻结名单与公布的哈希值不一致，不能抽取，请联系系统管理员");
      const seed = drawSeed({ publicValue: input.publicValue, roundId: round.id, populationHash: stratum.populationHash });
      const sample = drawSample(population, sampleSizes(countByTownship(population), rule), seed);
      await tx.samplePick.createMany({
        data: sample.map((pick) => ({
          roundId: round.id,
          kind,
          entryId: pick.householdId,
          townshipCode: pick.townshipCode,
          ordinal: pick.ordinal,
          pickedBy: actor.userId,
        })),
      });
      picks += sample.length;
    }
    assertUpdated(
      await tx.samplingRound.updateMany({
        where: { id: round.id, version: round.version, publicValue: null },
        data: { publicValue: input.publicValue, drawnAt: new Date(), drawnBy: actor.userId, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "sampling.draw",
      entityType: "SamplingRound",
      entityId: round.id,
      countyCode: round.countyCode,
      before: { publicValue: null, picks: 0 },
      after: { publicValue: input.publicValue, picks },
    });
    return { id: round.id, picks };
  },
});

/**
 * Replaces a picked household that cannot be visited (moved away, not at home …) by the next one of its township's draw
 * order, with the reason. A household checked at home cannot be replaced; one replaced once cannot be replaced again.
 */
export const replaceSamplePick = defineCommand({
  permission: "sampling.manage",
  input: ZReplacePick,
  async run({ actor, input, tx }) {
    const round = await roundInScope(tx, actor, input.roundId);
    if (round.publicValue === null) throw ruleViolation("本轮尚未抽取样本");
    const pick = await tx.samplePick.findUnique({
      where: { roundId_kind_entryId: { roundId: round.id, kind: input.kind, entryId: input.entryId } },
      select: { townshipCode: true, ordinal: true, check: { select: { atHome: true } } },
    });
    if (!pick) throw notFound("抽中户");
    const already = await tx.samplePick.findFirst({
      where: { roundId: round.id, kind: input.kind, replacesEntryId: input.entryId },
      select: { ordinal: true },
    });
    if (already) throw ruleViolation("该户已被替换过，不能再次替换");
    if (pick.check?.atHome) throw ruleViolation("该户已入户核查（见到农户），不能替换");

    const stratum = await tx.samplingStratum.findUnique({
      where: { roundId_kind: { roundId: round.id, kind: input.kind } },
      select: { populationHash: true },
    });
    if (!stratum) throw notFound("抽中户");
    const population = await frozenPopulation(tx, round.id, input.kind);
    const picked = await tx.samplePick.findMany({ where: { roundId: round.id, kind: input.kind, townshipCode: pick.townshipCode }, select: { entryId: true } });
    const seed = drawSeed({ publicValue: round.publicValue, roundId: round.id, populationHash: stratum.populationHash });
    const next = nextReplacement(
      population,
      picked.map((row) => ({ householdId: row.entryId, townshipCode: pick.townshipCode })),
      pick.townshipCode,
      seed,
    );
    if (!next) throw ruleViolation("该乡镇的户已全部抽完，没有可替换的户");
    const reason = input.reason.trim();
    await tx.samplePick.create({
      data: {
        roundId: round.id,
        kind: input.kind,
        entryId: next.householdId,
        townshipCode: next.townshipCode,
        ordinal: next.ordinal,
        replacesEntryId: input.entryId,
        replacementReason: reason,
        pickedBy: actor.userId,
      },
    });
    await recordAudit(tx, actor, {
      action: "sampling.replace",
      entityType: "SamplingRound",
      entityId: round.id,
      countyCode: round.countyCode,
      after: {
        kind: input.kind,
        replacedEntryId: input.entryId,
        replacementEntryId: next.householdId,
        townshipCode: next.townshipCode,
        ordinal: next.ordinal,
        reason,
      },
    });
    return { roundId: round.id, entryId: next.householdId, kind: input.kind };
  },
});
