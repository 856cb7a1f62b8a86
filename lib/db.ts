import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { prismaAdapter } from "@/lib/database-adapter";

function createClient() {
  const adapter = prismaAdapter(env().DATABASE_URL, { max: 10 });
  // Password hashes never leave the data layer unless a query asks for them explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { fupinDb?: Db };

function client(): Db {
  globalForDb.fupinDb ??= createClient();
  return globalForDb.fupinDb;
}

/** Created on first use, so that building the app needs no database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
