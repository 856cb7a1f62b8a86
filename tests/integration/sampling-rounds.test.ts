// 抽查轮次: create (frozen, hashed) → draw once with the public value → 重新抽取验证 → replacement with a reason.
// The database is shared with the other files: this file's households exit in 2077, a year no other file uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { prismaAdapter } from "@/lib/database-adapter";
import { db } from "@/lib/db";
import { STALE_VERSION_MESSAGE } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createSamplingRound, drawSamplingRound, replaceSamplePick } from "@/lib/inspections/rounds/commands";
import { getSamplingRound, listSamplingRounds, verifySamplingRound } from "@/lib/inspections/rounds/queries";
import { drawSample, drawSeed, populationHash, sampleSizes, countByTownship } from "@/lib/inspections/sampling";
import { FIRST_VILLAGE, SECOND_TOWNSHIP_VILLAGE, createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const YEAR = 2077;
const TOWNSHIP = "522698100000";
const SECOND_TOWNSHIP = "522698101000";
const owner = new PrismaClient({ adapter: prismaAdapter(inject("ownerDatabaseUrl")) });

let county: Actor;
let inspector: Actor;
let town: Actor;
let village: Actor;
const households: { id: string; townshipCode: string }[] = [];

const roundInput = (overrides: Record<string, unknown> = {}) => ({
  name: "2077年第一轮抽查",
  scope: "COUNTY",
  populationYear: String(YEAR),
  sizeKind: "COUNT",
  perTownship: "3",
  publicSource: "体育彩票第 2077001 期开奖号码",
  ...overrides,
});
const roundsOfYear = () => db.samplingRound.count({ where: { populationYear: YEAR } });
const audits = (entityId: string) => db.auditEvent.findMany({ where: { entityType: "SamplingRound", entityId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  [county, inspector, town, village] = await Promise.all([signInAs("county"), signInAs("inspector"), signInAs("town"), signInAs("village")]);
  const town2 = await signInAs("town2");
  for (let i = 0; i < 6; i++) households.push({ id: (await createTestHousehold(village)).id, townshipCode: TOWNSHIP });
  for (let i = 0; i < 4; i++) households.push({ id: (await createTestHousehold(town2, SECOND_TOWNSHIP_VILLAGE)).id, townshipCode: SECOND_TOWNSHIP });
  await db.household.updateMany({ where: { id: { in: households.map((h) => h.id) } }, data: { status: "EXITED", exitYear: YEAR } });
});
afterAll(() => owner.$disconnect());

describe("createSamplingRound", () => {
  it("refuses a township cadre and a village cadre, and bad input, writing nothing", async () => {
    const before = await roundsOfYear();
    await expectAppError(createSamplingRound(town, roundInput()), "FORBIDDEN");
    await expectAppError(createSamplingRound(village, roundInput()), "FORBIDDEN");
    const badList = await expectAppError(
      createSamplingRound(county, roundInput({ listed: "杨柳村,王某,3\n不存在村,李某,2\n杨柳村,,2\n杨柳村,王某,3" })),
      "VALIDATION",
    );
    expect(badList.fieldErrors?.listed).toEqual([
      '第 2 行：村名"不存在村"不在抽查范围内',
      "第 3 行：请填写户主姓名",
      "第 4 行：与第 1 行重复（同一村同一户主）",
    ]);
    const noSize = await expectAppError(createSamplingRound(county, roundInput({ perTownship: "" })), "VALIDATION");
    expect(noSize.fieldErrors?.perTownship).toEqual(["请填写每乡镇抽查户数"]);
    const noTownship = await expectAppError(createSamplingRound(county, roundInput({ scope: "TOWNSHIPS" })), "VALIDATION");
    expect(noTownship.fieldErrors?.townshipCodes).toEqual(["请至少选择一个乡镇"]);
    await expectAppError(createSamplingRound(county, roundInput({ populationYear: "2076" })), "RULE_VIOLATION");
    expect(await roundsOfYear()).toBe(before);
  });

  it("freezes the exited households of the year (and the list) with their hashes, audited", async () => {
    const { id } = await createSamplingRound(inspector, roundInput({ listed: "杨柳村,王某某,4,邻居反映\n522698101201,李某某,2" }));
    const population = await db.samplingPopulation.findMany({ where: { roundId: id } });
    expect(
      population
        .filter((row) => row.kind === "EXITED")
        .map((row) => row.householdId)
        .sort(),
    ).toEqual(households.map((h) => h.id).sort());
    expect(population.filter((row) => row.kind === "LISTED").map((row) => [row.label, row.villageCode, row.townshipCode])).toEqual(
      expect.arrayContaining([
        ["王某某", FIRST_VILLAGE, TOWNSHIP],
        ["李某某", SECOND_TOWNSHIP_VILLAGE, SECOND_TOWNSHIP],
      ]),
    );
    const strata = await db.samplingStratum.findMany({ where: { roundId: id }, orderBy: { kind: "asc" } });
    expect(strata.map((s) => [s.kind, s.populationCount])).toEqual([
      ["EXITED", 10],
      ["LISTED", 2],
    ]);
    expect(strata[0].populationHash).toBe(populationHash(households.map((h) => ({ householdId: h.id, townshipCode: h.townshipCode }))));
    const [audit] = await audits(id);
    expect(audit).toMatchObject({ action: "sampling.create", actorId: inspector.userId, countyCode: "522698" });
    expect(audit.after).toMatchObject({ exitedCount: 10, listedCount: 2, exitedHash: strata[0].populationHash, listedHash: strata[1].populationHash });
    const round = await getSamplingRound(county, id);
    expect(round.strata[0].townships.map((t) => [t.code, t.count, t.sampleSize])).toEqual([
      [TOWNSHIP, 6, 3],
      [SECOND_TOWNSHIP, 4, 3],
    ]);
    const list = await listSamplingRounds(inspector, { year: YEAR }, { page: 1, pageSize: 20 });
    expect(list.rows.some((row) => row.id === id && !row.drawn && row.exitedCount === 10)).toBe(true);
    await expectAppError(getSamplingRound(town, id), "FORBIDDEN");
  });
});

describe("draw, verify, replace", () => {
  let roundId: string;
  beforeAll(async () => {
    roundId = (await createSamplingRound(county, roundInput({ name: "2077年第二轮抽查" }))).id;
  });

  it("refuses a stale version and a blank public value, drawing nothing", async () => {
    await expectAppError(drawSamplingRound(inspector, { roundId, version: "2", publicValue: "12345" }), "STALE_VERSION").then((e) =>
      expect(e.message).toBe(STALE_VERSION_MESSAGE),
    );
    const blank = await expectAppError(drawSamplingRound(inspector, { roundId, version: "1", publicValue: "  " }), "VALIDATION");
    expect(blank.fieldErrors?.publicValue).toBeTruthy();
    await expectAppError(drawSamplingRound(town, { roundId, version: "1", publicValue: "12345" }), "FORBIDDEN");
    expect(await db.samplePick.count({ where: { roundId } })).toBe(0);
    expect((await db.samplingRound.findUniqueOrThrow({ where: { id: roundId } })).publicValue).toBeNull();
  });

  it("draws once the sample the pure procedure gives, audited; a second draw is refused", async () => {
    expect(await drawSamplingRound(inspector, { roundId, version: "1", publicValue: " 03 07 19 22 31 " })).toEqual({ id: roundId, picks: 6 });
    const stratum = await db.samplingStratum.findUniqueOrThrow({ where: { roundId_kind: { roundId, kind: "EXITED" } } });
    const population = households.map((h) => ({ householdId: h.id, townshipCode: h.townshipCode }));
    const seed = drawSeed({ publicValue: "03 07 19 22 31", roundId, populationHash: stratum.populationHash });
    const expected = drawSample(population, sampleSizes(countByTownship(population), { kind: "count", perTownship: 3 }), seed);
    const picks = await db.samplePick.findMany({ where: { roundId }, orderBy: [{ townshipCode: "asc" }, { ordinal: "asc" }] });
    expect(picks.map((p) => [p.entryId, p.townshipCode, p.ordinal])).toEqual(expected.map((e) => [e.householdId, e.townshipCode, e.ordinal]));
    const round = await db.samplingRound.findUniqueOrThrow({ where: { id: roundId } });
    expect(round).toMatchObject({ publicValue: "03 07 19 22 31", version: 2, drawnBy: inspector.userId });
    expect((await audits(roundId)).map((a) => a.action)).toEqual(["sampling.create", "sampling.draw"]);
    await expectAppError(drawSamplingRound(inspector, { roundId, version: "2", publicValue: "99999" }), "RULE_VIOLATION");
    expect(await db.samplePick.count({ where: { roundId } })).toBe(6);
    expect(await verifySamplingRound(county, roundId)).toMatchObject({ ok: true });
  });

  it("replaces a pick with the next of the draw order only with a reason, once; verification still agrees", async () => {
    const first = await db.samplePick.findFirstOrThrow({ where: { roundId, townshipCode: TOWNSHIP, ordinal: 1 } });
    const noReason = await expectAppError(replaceSamplePick(inspector, { roundId, kind: "EXITED", entryId: first.entryId, reason: " " }), "VALIDATION");
    expect(noReason.fieldErrors?.reason).toEqual(["请填写替换理由"]);
    await expectAppError(replaceSamplePick(town, { roundId, kind: "EXITED", entryId: first.entryId, reason: "外出" }), "FORBIDDEN");
    expect(await db.samplePick.count({ where: { roundId } })).toBe(6);

    const result = await replaceSamplePick(inspector, { roundId, kind: "EXITED", entryId: first.entryId, reason: "全家外出务工" });
    const stratum = await db.samplingStratum.findUniqueOrThrow({ where: { roundId_kind: { roundId, kind: "EXITED" } } });
    const population = households.map((h) => ({ householdId: h.id, townshipCode: h.townshipCode }));
    const seed = drawSeed({ publicValue: "03 07 19 22 31", roundId, populationHash: stratum.populationHash });
    const fourth = drawSample(population, { [TOWNSHIP]: 4 }, seed)[3];
    expect(result.entryId).toBe(fourth.householdId);
    const replacement = await db.samplePick.findUniqueOrThrow({ where: { roundId_kind_entryId: { roundId, kind: "EXITED", entryId: result.entryId } } });
    expect(replacement).toMatchObject({ ordinal: 4, replacesEntryId: first.entryId, replacementReason: "全家外出务工", pickedBy: inspector.userId });
    const audit = (await audits(roundId)).at(-1)!;
    expect(audit).toMatchObject({ action: "sampling.replace" });
    expect(audit.after).toMatchObject({ replacedEntryId: first.entryId, replacementEntryId: result.entryId, ordinal: 4, reason: "全家外出务工" });

    await expectAppError(replaceSamplePick(inspector, { roundId, kind: "EXITED", entryId: first.entryId, reason: "再次" }), "RULE_VIOLATION");
    expect(await db.samplePick.count({ where: { roundId } })).toBe(7);
    expect(await verifySamplingRound(inspector, roundId)).toMatchObject({ ok: true });
    const view = await getSamplingRound(inspector, roundId);
    expect(view.picks.find((p) => p.entryId === first.entryId)?.replacedBy).toMatchObject({ entryId: result.entryId, reason: "全家外出务工" });
  });

  it("the sample cannot be edited after the draw: the app role has no UPDATE, the triggers refuse even the owner", async () => {
    const pick = await db.samplePick.findFirstOrThrow({ where: { roundId, ordinal: 2 } });
    await expect(
      db.samplePick.update({ where: { roundId_kind_entryId: { roundId, kind: "EXITED", entryId: pick.entryId } }, data: { ordinal: 9 } }),
    ).rejects.toThrow();
    await expect(owner.$executeRawUnsafe(`UPDATE sample_pick SET ordinal = 9 WHERE round_id = '${roundId}' AND entry_id = '${pick.entryId}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.$executeRawUnsafe(`DELETE FROM sample_pick WHERE round_id = '${roundId}'`)).rejects.toThrow(/append-only/);
    await expect(owner.$executeRawUnsafe(`UPDATE sampling_population SET township_code = '${SECOND_TOWNSHIP}' WHERE round_id = '${roundId}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.$executeRawUnsafe(`UPDATE sampling_round SET public_value = '1' WHERE id = '${roundId}'`)).rejects.toThrow(/fixed/);
    await expect(owner.$executeRawUnsafe(`UPDATE sampling_round SET size_value = 9 WHERE id = '${roundId}'`)).rejects.toThrow(/fixed/);
    expect((await db.samplingRound.findUniqueOrThrow({ where: { id: roundId } })).publicValue).toBe("03 07 19 22 31");
    expect(await db.samplePick.findUniqueOrThrow({ where: { roundId_kind_entryId: { roundId, kind: "EXITED", entryId: pick.entryId } } })).toMatchObject({
      ordinal: 2,
    });
  });

  it("a pick added by hand out of the draw order shows as a difference in 重新抽取验证", async () => {
    const inTownship = await db.samplePick.findMany({ where: { roundId, kind: "EXITED", townshipCode: SECOND_TOWNSHIP }, select: { entryId: true } });
    const outsider = households.find((h) => h.townshipCode === SECOND_TOWNSHIP && !inTownship.some((p) => p.entryId === h.id))!;
    // The owner can still insert (evidence is append-only, not closed): a forged pick is what verification must catch.
    await owner.samplePick.create({
      data: { roundId, kind: "EXITED", entryId: outsider.id, townshipCode: SECOND_TOWNSHIP, ordinal: 9, pickedBy: county.userId },
    });
    const verdict = await verifySamplingRound(inspector, roundId);
    expect(verdict.ok).toBe(false);
    expect(verdict.strata[0].differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ townshipCode: SECOND_TOWNSHIP, ordinal: 9, recordedHouseholdId: outsider.id })]),
    );
  });

  it("a round of another county answers exactly like a missing one", async () => {
    const foreign = await owner.samplingRound.create({
      data: {
        id: "00000000-0000-4000-8000-0000000a2699",
        countyCode: "522699",
        name: "邻县轮次",
        populationYear: YEAR,
        sizeKind: "COUNT",
        sizeValue: 1,
        publicSource: "邻县",
        algorithm: "sha256-fisher-yates-v1",
        createdBy: county.userId,
      },
    });
    const missing = await expectAppError(getSamplingRound(inspector, "00000000-0000-4000-8000-00000000dead"), "NOT_FOUND");
    expect((await expectAppError(getSamplingRound(inspector, foreign.id), "NOT_FOUND")).message).toBe(missing.message);
    await expectAppError(drawSamplingRound(inspector, { roundId: foreign.id, version: "1", publicValue: "1" }), "NOT_FOUND");
    await expectAppError(verifySamplingRound(inspector, foreign.id), "NOT_FOUND");
    expect((await db.samplingRound.findUniqueOrThrow({ where: { id: foreign.id } })).publicValue).toBeNull();
    expect((await listSamplingRounds(inspector, {}, { page: 1, pageSize: 100 })).rows.some((row) => row.id === foreign.id)).toBe(false);
  });
});
