// One fresh database per integration run on the embedded (or DATABASE_URL's) server,
// migrated and seeded with the demo county's regions, accounts and settings; dropped afterwards.
import type { TestProject } from "vitest/node";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedBase } from "@/prisma/seed";
// @ts-expect-error plain ESM helpers shared with the start script
import { applyMigrations } from "../../scripts/lib/migrations.mjs";
// @ts-expect-error plain ESM helpers shared with the start script
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from "../../scripts/lib/postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrlFor: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await ensureDatabaseServer({ log: () => {} });
  const name = `fupin_it_${process.pid}_${Date.now()}`;
  await ensureDatabase(server, name);
  const url: string = server.urlFor(name);
  await applyMigrations(url);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  await seedBase(db);
  await db.$disconnect();
  project.provide("databaseUrl", url);
  project.provide("serverUrlFor", server.urlFor("postgres"));
  return async () => {
    await dropDatabase(server, name);
    await server.stop();
  };
}
