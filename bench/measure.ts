// Measuring tools shared by the database halves of the benches (bench/db-bench.ts,
// bench/dashboard-bench.ts): statistics, alternated timing, EXPLAIN, and the statements Prisma
// actually sends for a data-access call. Not a test; nothing here asserts a time.
import type pg from "pg";
import { prismaAdapter } from "@/lib/database-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";

export const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------------------
// Statistics and alternated timing
// ---------------------------------------------------------------------------

export type Stats = { n: number; median: number; p95: number; mean: number; min: number; max: number };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    median: round(sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2),
    p95: round(at(0.95)),
    mean: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export type Comparison = { a: Stats; b: Stats; ratioMedian: number; ratioP95: number };

/**
 * Times `a` against `b`, alternated (swapping which goes first every iteration) so that drift of a
 * noisy machine hits both alike; ratios are a/b.
 */
export async function compareAlternated(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: { iterations: number; warmup: number },
): Promise<Comparison> {
  for (let i = 0; i < options.warmup; i++) {
    await a();
    await b();
  }
  const aSamples: number[] = [];
  const bSamples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    if (i % 2 === 0) {
      aSamples.push(await timed(a));
      bSamples.push(await timed(b));
    } else {
      bSamples.push(await timed(b));
      aSamples.push(await timed(a));
    }
  }
  const aStats = stats(aSamples);
  const bStats = stats(bSamples);
  return {
    a: aStats,
    b: bStats,
    ratioMedian: Math.round((aStats.median / bStats.median) * 100) / 100,
    ratioP95: Math.round((aStats.p95 / bStats.p95) * 100) / 100,
  };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------
// EXPLAIN
// ---------------------------------------------------------------------------

export type Explained = { sql: string; params: unknown[]; plan: string; indexes: string[]; seqScans: string[]; executionMs: number | null };

export function summarisePlan(plan: string) {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  for (const match of plan.matchAll(/Index (?:Only )?Scan(?: Backward)? using (\S+) on (\S+)/g)) indexes.add(`${match[1]} (${match[2]})`);
  for (const match of plan.matchAll(/Bitmap Index Scan on (\S+)/g)) indexes.add(`${match[1]} (bitmap)`);
  for (const match of plan.matchAll(/Seq Scan on (\S+)/g)) seqScans.add(match[1]);
  const execution = plan.match(/Execution Time: ([\d.]+) ms/);
  return { indexes: [...indexes], seqScans: [...seqScans], executionMs: execution ? Number(execution[1]) : null };
}

export async function explain(pool: pg.Pool, sql: string, params: unknown[]): Promise<Explained> {
  const result = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  return { sql: sql.trim(), params, plan, ...summarisePlan(plan) };
}

// ---------------------------------------------------------------------------
// What Prisma sent
// ---------------------------------------------------------------------------

/** startMs/endMs: relative to the start of the captured call (the event arrives when a statement ends). */
export type CapturedQuery = { query: string; params: string; durationMs: number; startMs: number; endMs: number };

/**
 * Runs a data-access call once on a client that reports every statement, by placing it where
 * lib/db keeps its singleton (globalThis.fupinDb) and putting the plain client back afterwards.
 */
export async function captureDalQueries(connectionString: string, run: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const holder = globalThis as unknown as { fupinDb?: unknown };
  const logging = new PrismaClient({
    adapter: prismaAdapter(connectionString, { max: 10 }),
    omit: { user: { passwordHash: true } },
    log: [{ emit: "event", level: "query" }],
  });
  const captured: CapturedQuery[] = [];
  let origin = performance.now();
  logging.$on("query", (event) => {
    const endMs = performance.now() - origin;
    const durationMs = Number(event.duration);
    captured.push({ query: event.query, params: event.params, durationMs, startMs: round2(endMs - durationMs), endMs: round2(endMs) });
  });
  const plain = holder.fupinDb;
  holder.fupinDb = logging;
  try {
    await run(); // warm the new client's pool and caches
    captured.length = 0;
    origin = performance.now();
    await run();
  } finally {
    holder.fupinDb = plain;
    await logging.$disconnect();
  }
  return [...captured];
}

/**
 * The longest chain of statements that ran one after another (each starting after the previous
 * ended): the round trips the call has to wait for in sequence.
 */
export function sequentialRoundTrips(queries: CapturedQuery[]): number {
  const sorted = [...queries].sort((a, b) => a.endMs - b.endMs);
  const chain: number[] = [];
  sorted.forEach((query, i) => {
    chain[i] = 1;
    for (let j = 0; j < i; j++) if (sorted[j].endMs <= query.startMs) chain[i] = Math.max(chain[i], chain[j] + 1);
  });
  return Math.max(0, ...chain);
}

export function parseParams(text: string): unknown[] {
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The captured statements, each with its plan (EXPLAIN ANALYZE with the captured parameters). */
export async function explainCaptured(pool: pg.Pool, captured: CapturedQuery[]) {
  const explained: (Explained & { prismaDurationMs: number; prismaStartMs: number; prismaEndMs: number })[] = [];
  for (const query of captured) {
    explained.push({
      ...(await explain(pool, query.query, parseParams(query.params))),
      prismaDurationMs: query.durationMs,
      prismaStartMs: query.startMs,
      prismaEndMs: query.endMs,
    });
  }
  return explained;
}
