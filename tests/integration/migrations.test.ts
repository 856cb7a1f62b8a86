import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject, describe, expect, it } from "vitest";
import pg from "pg";
// @ts-expect-error plain ESM helper shared with the start script
import { applyMigrations, listMigrations } from "../../scripts/lib/migrations.mjs";

const databaseUrl = inject("databaseUrl");

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("the migrate command", () => {
  it("records every migration with Prisma's columns and applying twice changes nothing", async () => {
    const before = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(
      databaseUrl,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = listMigrations() as { name: string; checksum: string }[];
    expect(before.map((row) => [row.migration_name, row.checksum])).toEqual(files.map((file) => [file.name, file.checksum]));
    expect(before.every((row) => row.finished_at instanceof Date && row.applied_steps_count === 1)).toBe(true);

    expect(await applyMigrations(databaseUrl)).toEqual([]);
    const after = await query(databaseUrl, `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(after).toEqual(before.map(({ migration_name, checksum, finished_at }) => ({ migration_name, checksum, finished_at })));
  });

  it("a migration that fails leaves no half-applied state and no record", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fupin-migrations-"));
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "half_applied" (id INT);\nINSERT INTO "no_such_table" VALUES (1);`,
    );
    await expect(applyMigrations(databaseUrl, { dir })).rejects.toThrow(/29990101000000_broken.*已整体回滚/);
    const tables = await query(databaseUrl, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_applied'`);
    expect(tables).toHaveLength(0);
    const records = await query(databaseUrl, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    expect(records).toHaveLength(0);
  });
});
