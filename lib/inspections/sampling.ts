/**
 * Spot-check sampling (抽查) that nobody can rig, and anybody can check. Pure: no I/O, no clock, no Math.random.
 *
 * The whole procedure is specified here precisely enough to be re-implemented elsewhere (a Python script was used to
 * cross-check the unit tests' expected values). All text is UTF-8; JSON means JSON.stringify without spaces; strings
 * are compared by UTF-16 code units (plain `<`), never by locale. Stored rounds should record SAMPLING_ALGORITHM so
 * that a later change of procedure cannot silently invalidate old draws.
 *
 * 1. Population hash: the frozen list sorted by township code, then household id, serialised as
 *    JSON ["spot-check-population-v1", [[townshipCode, householdId], …]] and hashed with SHA-256 (hex). The order the
 *    database returned the rows in does not matter; adding, removing or moving a household changes the hash.
 * 2. Seed: SHA-256 (hex) of JSON ["spot-check-seed-v1", publicValue.trim(), roundId, populationHash]. The public value
 *    (e.g. a lottery draw number) is entered when the round is created and published, and the list is frozen first, so
 *    neither the seed nor the list can be chosen after seeing the other.
 * 3. Random stream per township: block i (i = 0, 1, 2, …) is SHA-256 of JSON ["spot-check-stream-v1", seed,
 *    townshipCode, i]; each 32-byte block gives eight uint32s, big-endian, in order.
 *    below(n) draws uint32s until one is < 2^32 − (2^32 mod n) and returns it mod n (rejection: no modulo bias).
 * 4. Draw order of a township: its household ids sorted; for i = 0, 1, …: j = i + below(length − i), swap positions i
 *    and j (forward Fisher–Yates). The sample of size k is positions 0…k−1 (ordinals 1…k); townships are taken in code
 *    order. Each township has its own stream, so its draw depends on nothing but the seed and its own households.
 * 5. Replacement (moved away, not at home): the next position of the same township's draw order, i.e. the shuffle
 *    simply continues. The households already picked (sample plus earlier replacements) must be exactly the first
 *    positions of the draw order; a replacement can therefore not be steered by hand.
 */
import { createHash } from "node:crypto";
import { AppError, ruleViolation } from "@/lib/errors";

export const SAMPLING_ALGORITHM = "sha256-fisher-yates-v1";

export type PopulationEntry = { householdId: string; townshipCode: string };
/** A drawn household; `ordinal` is its 1-based position in the township's draw order. */
export type SampledHousehold = { householdId: string; townshipCode: string; ordinal: number };
export type SampleSizeRule = { kind: "count"; perTownship: number } | { kind: "share"; permille: number; minimum?: number };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const UINT32_RANGE = 2 ** 32;

export const PUBLIC_VALUE_REQUIRED_MESSAGE = "请填写公开随机数（如当期彩票开奖号码）";
export const REPLACEMENT_OUT_OF_ORDER_MESSAGE = "已抽取的户与抽样结果不一致，不能抽取替换户，请先重新抽取验证";

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

function assertSeed(seed: string): void {
  if (!SHA256_HEX.test(seed)) throw new RangeError(`A seed must be a lowercase sha256 hex digest, got ${JSON.stringify(seed)}`);
}

/** Township code → that township's household ids, sorted; townships in code order. Refuses duplicates and empty ids. */
function groupByTownship(population: readonly PopulationEntry[]): Map<string, string[]> {
  const seen = new Set<string>();
  const groups = new Map<string, string[]>();
  for (const { householdId, townshipCode } of population) {
    if (householdId === "" || townshipCode === "") throw new RangeError("A population entry needs a household id and a township code");
    if (seen.has(householdId)) throw new RangeError(`Household ${householdId} is listed twice in the population`);
    seen.add(householdId);
    const group = groups.get(townshipCode);
    if (group) group.push(householdId);
    else groups.set(townshipCode, [householdId]);
  }
  const codes = [...groups.keys()].sort(compareCodeUnits);
  return new Map(codes.map((code) => [code, groups.get(code)!.sort(compareCodeUnits)]));
}

/** SHA-256 (hex) of the canonical form of the frozen population (step 1 above). */
export function populationHash(population: readonly PopulationEntry[]): string {
  const rows: [string, string][] = [];
  for (const [townshipCode, households] of groupByTownship(population)) {
    for (const householdId of households) rows.push([townshipCode, householdId]);
  }
  return sha256(JSON.stringify(["spot-check-population-v1", rows])).toString("hex");
}

/** Households per township, e.g. as the input of sampleSizes. */
export function countByTownship(population: readonly PopulationEntry[]): Record<string, number> {
  return Object.fromEntries([...groupByTownship(population)].map(([code, households]) => [code, households.length]));
}

/** The round's seed (step 2 above). A blank public value is a VALIDATION error on the field `publicValue`. */
export function drawSeed(input: { publicValue: string; roundId: string; populationHash: string }): string {
  const publicValue = input.publicValue.trim();
  if (publicValue === "") throw new AppError("VALIDATION", PUBLIC_VALUE_REQUIRED_MESSAGE, { publicValue: [PUBLIC_VALUE_REQUIRED_MESSAGE] });
  if (input.roundId === "") throw new RangeError("A seed needs the round id");
  if (!SHA256_HEX.test(input.populationHash)) throw new RangeError("A seed needs the population's sha256 hex digest");
  return sha256(JSON.stringify(["spot-check-seed-v1", publicValue, input.roundId, input.populationHash])).toString("hex");
}

export type RandomStream = {
  nextUint32(): number;
  /** An unbiased integer in [0, n), 1 ≤ n ≤ 2^32. */
  below(n: number): number;
};

/** SHA-256 in counter mode (step 3 above): a deterministic stream of uint32s for one seed and one stream name. */
export function createRandomStream(seed: string, streamName: string): RandomStream {
  assertSeed(seed);
  let counter = 0;
  let block: Buffer = Buffer.alloc(0);
  let offset = 0;

  function nextUint32(): number {
    if (offset === block.length) {
      block = sha256(JSON.stringify(["spot-check-stream-v1", seed, streamName, counter]));
      counter += 1;
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  }

  function below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > UINT32_RANGE) throw new RangeError(`below(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
    const limit = UINT32_RANGE - (UINT32_RANGE % n);
    for (;;) {
      const value = nextUint32();
      if (value < limit) return value % n;
    }
  }

  return { nextUint32, below };
}

/** The first `count` positions of a township's draw order (step 4 above). */
function drawOrder(sortedHouseholds: readonly string[], seed: string, townshipCode: string, count: number): string[] {
  const pool = [...sortedHouseholds];
  const stream = createRandomStream(seed, townshipCode);
  for (let i = 0; i < count; i++) {
    const j = i + stream.below(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/**
 * Sample size per township. "count": that many, capped at the township's population. "share": ⌈population × permille
 * ÷ 1000⌉ — rounded up, so 45 households at 100 ‰ give 5 and any positive share of a non-empty township gives at
 * least 1 — then raised to `minimum` if given, and never more than the population. Exact: population × permille is an
 * integer far below 2^53, and a quotient by 1000 that is not whole is never rounded onto a whole number.
 */
export function sampleSizes(populationByTownship: Record<string, number>, rule: SampleSizeRule): Record<string, number> {
  if (rule.kind === "count") assertCount(rule.perTownship, "perTownship");
  else {
    assertCount(rule.permille, "permille");
    if (rule.permille > 1000) throw new RangeError(`permille must be at most 1000, got ${rule.permille}`);
    if (rule.minimum !== undefined) assertCount(rule.minimum, "minimum");
  }
  const codes = Object.keys(populationByTownship).sort(compareCodeUnits);
  return Object.fromEntries(
    codes.map((code) => {
      const population = populationByTownship[code];
      assertCount(population, `population of township ${code}`);
      if (rule.kind === "share" && !Number.isSafeInteger(population * rule.permille)) throw new RangeError(`population of township ${code} is too large`);
      const wanted = rule.kind === "count" ? rule.perTownship : Math.max(Math.ceil((population * rule.permille) / 1000), rule.minimum ?? 0);
      return [code, Math.min(wanted, population)];
    }),
  );
}

/**
 * The national rule for a county's self-check of a sampled village: every household of a village of up to 20, at
 * least 20 of 21–100, at least 30 above 100 (docs/domain.md §13). Returns that minimum.
 */
export function selfCheckHouseholdsPerVillage(households: number): number {
  assertCount(households, "households");
  if (households <= 20) return households;
  return households <= 100 ? 20 : 30;
}

function sizeOf(sizes: Record<string, number>, townshipCode: string): number {
  return Object.hasOwn(sizes, townshipCode) ? sizes[townshipCode] : 0;
}

/**
 * The sample: per township (code order) its first `sizes[code]` households in draw order, with ordinals 1…k.
 * A township missing from `sizes` samples none; a size above the township's population is refused.
 */
export function drawSample(population: readonly PopulationEntry[], sizes: Record<string, number>, seed: string): SampledHousehold[] {
  assertSeed(seed);
  const groups = groupByTownship(population);
  for (const [code, size] of Object.entries(sizes)) {
    assertCount(size, `sample size of township ${code}`);
    const available = groups.get(code)?.length ?? 0;
    if (size > available) throw new RangeError(`Township ${code} has ${available} households, cannot sample ${size}`);
  }
  const sample: SampledHousehold[] = [];
  for (const [townshipCode, households] of groups) {
    drawOrder(households, seed, townshipCode, sizeOf(sizes, townshipCode)).forEach((householdId, i) => {
      sample.push({ householdId, townshipCode, ordinal: i + 1 });
    });
  }
  return sample;
}

/**
 * The replacement for a household of `townshipCode` that cannot be visited: the next household of the township's
 * draw order (step 5 above). `alreadyPicked` holds every household drawn so far (the recorded sample and earlier
 * replacements; other townships' entries are ignored) and must be exactly the first positions of the draw order,
 * otherwise a RULE_VIOLATION. Null once every household of the township has been picked.
 */
export function nextReplacement(
  population: readonly PopulationEntry[],
  alreadyPicked: readonly { householdId: string; townshipCode: string }[],
  townshipCode: string,
  seed: string,
): SampledHousehold | null {
  assertSeed(seed);
  const households = groupByTownship(population).get(townshipCode) ?? [];
  const inTownship = new Set(households);
  const picked = new Set<string>();
  for (const entry of alreadyPicked) {
    if (entry.townshipCode !== townshipCode) continue;
    if (!inTownship.has(entry.householdId)) throw new RangeError(`Household ${entry.householdId} is not in township ${townshipCode}'s population`);
    if (picked.has(entry.householdId)) throw new RangeError(`Household ${entry.householdId} is picked twice`);
    picked.add(entry.householdId);
  }
  const position = picked.size;
  const order = drawOrder(households, seed, townshipCode, Math.min(position + 1, households.length));
  if (order.slice(0, position).some((householdId) => !picked.has(householdId))) throw ruleViolation(REPLACEMENT_OUT_OF_ORDER_MESSAGE);
  if (position === households.length) return null;
  return { householdId: order[position], townshipCode, ordinal: position + 1 };
}

/** A position where the recomputed sample and the recorded one disagree; null where one side has nothing. */
export type DrawDifference = { townshipCode: string; ordinal: number; expectedHouseholdId: string | null; recordedHouseholdId: string | null };

export type DrawVerification =
  | { ok: true }
  | { ok: false; populationHashMatches: boolean; seedMatches: boolean; expectedPopulationHash: string; expectedSeed: string; differences: DrawDifference[] };

/**
 * 重新抽取验证: recompute the population hash from the frozen list, the seed from the public value, the round and that
 * hash, and the sample from that seed, and compare each with what the round recorded. Replacements are recorded and
 * checked separately (see nextReplacement). If the frozen list no longer holds a recorded size, the size is capped
 * for the recomputation (the hash already reports the change), so the check always answers.
 */
export function verifyDraw(round: {
  population: readonly PopulationEntry[];
  populationHash: string;
  publicValue: string;
  roundId: string;
  seed: string;
  sizes: Record<string, number>;
  recordedSample: readonly SampledHousehold[];
}): DrawVerification {
  const expectedPopulationHash = populationHash(round.population);
  const expectedSeed = drawSeed({ publicValue: round.publicValue, roundId: round.roundId, populationHash: expectedPopulationHash });
  const available = countByTownship(round.population);
  const cappedSizes = Object.fromEntries(Object.entries(round.sizes).map(([code, size]) => [code, Math.min(size, available[code] ?? 0)]));
  const expected = drawSample(round.population, cappedSizes, expectedSeed);

  const key = (townshipCode: string, ordinal: number) => JSON.stringify([townshipCode, ordinal]);
  const expectedByKey = new Map(expected.map((s) => [key(s.townshipCode, s.ordinal), s]));
  const recordedByKey = new Map<string, SampledHousehold[]>();
  for (const s of round.recordedSample) {
    const k = key(s.townshipCode, s.ordinal);
    recordedByKey.set(k, [...(recordedByKey.get(k) ?? []), s]);
  }

  const differences: DrawDifference[] = [];
  for (const k of new Set([...expectedByKey.keys(), ...recordedByKey.keys()])) {
    const want = expectedByKey.get(k);
    const got = recordedByKey.get(k) ?? [];
    const [townshipCode, ordinal] = JSON.parse(k) as [string, number];
    const expectedHouseholdId = want?.householdId ?? null;
    if (got.length === 0) {
      differences.push({ townshipCode, ordinal, expectedHouseholdId, recordedHouseholdId: null });
      continue;
    }
    // The first recorded row with the expected household matches it; every other row at this position is a difference.
    const matchIndex = got.findIndex((s) => s.householdId === expectedHouseholdId);
    got.forEach((s, i) => {
      if (i !== matchIndex) differences.push({ townshipCode, ordinal, expectedHouseholdId, recordedHouseholdId: s.householdId });
    });
  }
  differences.sort((a, b) => compareCodeUnits(a.townshipCode, b.townshipCode) || a.ordinal - b.ordinal);

  const populationHashMatches = expectedPopulationHash === round.populationHash;
  const seedMatches = expectedSeed === round.seed;
  if (populationHashMatches && seedMatches && differences.length === 0) return { ok: true };
  return { ok: false, populationHashMatches, seedMatches, expectedPopulationHash, expectedSeed, differences };
}
