// One fresh database per integration run on the embedded (or DATABASE_URL's) server,
// migrated and seeded with the demo county's regions, accounts and settings; dropped afterwards.
// The code under test connects as the app role (`databaseUrl`), so the tests exercise its real
// grants; a test that needs the tables' owner asks for `ownerDatabaseUrl`.
import type { TestProject } from "vitest/node";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedBase } from "@/prisma/seed";
// @ts-expect-error plain ESM helpers shared with the start script
import { applyMigrations } from "../../scripts/lib/migrations.mjs";
// @ts-expect-error plain ESM helpers shared with the start script
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from "../../scripts/lib/postgres.mjs";
import { prismaAdapter } from "@/lib/database-adapter";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
    serverUrlFor: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await ensureDatabaseServer({ log: () => {} });
  const name = `fupin_it_${process.pid}_${Date.now()}`;
  const appUrl: string = server.requireAppUrlFor(name);
  await ensureDatabase(server, name);
  const ownerUrl: string = server.urlFor(name);
  await applyMigrations(ownerUrl, { appUrl });
  const db = new PrismaClient({ adapter: prismaAdapter(ownerUrl) });
  await seedBase(db);
  await db.$disconnect();
  project.provide("databaseUrl", appUrl);
  project.provide("ownerDatabaseUrl", ownerUrl);
  project.provide("serverUrlFor", server.urlFor("postgres"));
  return async () => {
    await dropDatabase(server, name);
    await server.stop();
  };
}
