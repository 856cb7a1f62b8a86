// The data of a bench's scratch database, shared by bench/db-bench.ts and bench/dashboard-bench.ts:
// the base rows (seedBase), a synthetic county of a given size, and a signed-in actor.
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { prismaAdapter } from "@/lib/database-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { seedBase } from "@/prisma/seed";
import { ensureSyntheticRegions, generateSyntheticHouseholds } from "@/prisma/synthetic-county";
import { log } from "./measure";

/** Signs in through the real credential check and resolves the actor as a request would. */
export async function signInAs(username: string): Promise<Actor> {
  const ip = "127.0.0.1";
  const ref = await verifyCredentials({ username, password: DEMO_PASSWORD }, ip);
  const actor = await resolveActor(ref, ip);
  if (!actor) throw new Error(`bench: could not resolve the actor for ${username}`);
  return actor;
}

/** Regions, demo accounts, settings and the measure catalogue (seedBase). */
export async function seedBaseRows(connectionString: string): Promise<void> {
  const prisma = new PrismaClient({ adapter: prismaAdapter(connectionString) });
  try {
    const seeded = performance.now();
    await seedBase(prisma);
    log(`基础数据（区划、演示账号、设置、措施目录）已写入，用时 ${((performance.now() - seeded) / 1000).toFixed(1)} 秒`);
  } finally {
    await prisma.$disconnect();
  }
}

export type GeneratedCounty = {
  countyCode6: string;
  households: number;
  members: number;
  seconds: number;
  householdsPerSecond: number;
  membersPerSecond: number;
  villages: number;
  regionsSeconds: number;
};

/** A synthetic county (regions and helpers, then households with members and their 2020 income), with progress in the log. */
export async function generateCounty(
  client: pg.Client,
  county: { code: string; name: string; households: number; seed?: number; label?: string },
): Promise<GeneratedCounty> {
  const countyCode6 = county.code.slice(0, 6);
  const label = county.label ? `${county.label} ` : "";
  const regionsStarted = performance.now();
  const villages = await ensureSyntheticRegions(client, { countyCode: county.code, countyName: county.name, households: county.households });
  const regionsSeconds = (performance.now() - regionsStarted) / 1000;
  log(`${label}${county.name}（${countyCode6}）区划与帮扶责任人：${villages.length} 个村，用时 ${regionsSeconds.toFixed(1)} 秒`);
  let lastReport = 0;
  const result = await generateSyntheticHouseholds(client, {
    households: county.households,
    countyCode6,
    villages,
    year: 2020,
    ...(county.seed === undefined ? {} : { seed: county.seed }),
    onProgress: (done, total) => {
      if (done - lastReport >= 10_000 || done === total) {
        lastReport = done;
        log(`${label}生成 ${done}/${total} 户`);
      }
    },
  });
  return {
    countyCode6,
    households: result.households,
    members: result.members,
    seconds: Math.round(result.seconds * 100) / 100,
    householdsPerSecond: Math.round(result.households / result.seconds),
    membersPerSecond: Math.round(result.members / result.seconds),
    villages: villages.length,
    regionsSeconds: Math.round(regionsSeconds * 100) / 100,
  };
}
