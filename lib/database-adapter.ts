import { PrismaPg } from "@prisma/adapter-pg";

/**
 * The Prisma driver adapter for a connection string. Every session runs in UTC: the adapter
 * reads a timestamptz's wall-clock time without its offset, so under a server whose TimeZone
 * is Asia/Shanghai every instant would be stored and read 8 hours off
 * (tests/integration/time-zone.test.ts).
 */
export function prismaAdapter(connectionString: string, { max }: { max?: number } = {}) {
  return new PrismaPg({ connectionString, options: "-c TimeZone=UTC", ...(max ? { max } : {}) });
}
