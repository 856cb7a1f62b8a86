import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject, describe, expect, it } from "vitest";
import pg from "pg";
// @ts-expect-error plain ESM helper shared with the start script
import { applyMigrations, listMigrations } from "../../scripts/lib/migrations.mjs";
// @ts-expect-error plain ESM helper shared with the start script
import { ensureDatabaseServer } from "../../scripts/lib/postgres.mjs";

// The migrate command runs as the tables' owner.
const databaseUrl = inject("ownerDatabaseUrl");
const appUrl = inject("databaseUrl");

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function withCredentials(url: string, user: string, password: string) {
  const copy = new URL(url);
  copy.username = user;
  copy.password = password;
  return copy.toString();
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

    expect(await applyMigrations(databaseUrl, { appUrl })).toEqual([]);
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

// Giving a role powers, reading pg_authid and granting pg_read_all_data need a superuser owner
// (the embedded server's `postgres`); with an external owner that only has CREATEROLE they are skipped.
const [{ superuser }] = await query<{ superuser: boolean }>(databaseUrl, `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);

describe("the app role the migrate command sets up", () => {
  const APPEND_ONLY = [
    "audit_event",
    "exit_signature",
    "village_exit_signature",
    "monitoring_signature",
    "inspection_review",
    "sampling_population",
    "sampling_stratum",
    "sample_pick",
    "field_check",
    "field_check_note",
    "inspection_file",
  ];
  const PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

  it("may read and write every table, only read and append to the audit log, the signatures and the inspection evidence, and never touch the migration history", async () => {
    const role = decodeURIComponent(new URL(appUrl).username);
    const rows = await query<{ table_name: string; privileges: string[]; owner: string }>(
      databaseUrl,
      `SELECT c.relname AS table_name, pg_get_userbyid(c.relowner) AS owner,
              ARRAY(SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege($1, c.oid, p)) AS privileges
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
      [role, PRIVILEGES],
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const expected =
        row.table_name === "_prisma_migrations" ? [] : APPEND_ONLY.includes(row.table_name) ? ["SELECT", "INSERT"] : ["SELECT", "INSERT", "UPDATE", "DELETE"];
      expect({ table: row.table_name, privileges: row.privileges }).toEqual({ table: row.table_name, privileges: expected });
      expect(row.owner).not.toBe(role);
    }
    const sequences = await query<{ sequence_name: string; usage: boolean; update: boolean }>(
      databaseUrl,
      `SELECT c.relname AS sequence_name, has_sequence_privilege($1, c.oid, 'USAGE') AS usage, has_sequence_privilege($1, c.oid, 'UPDATE') AS update
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
      [role],
    );
    expect(sequences.map((row) => row.sequence_name)).toContain("audit_event_id_seq");
    expect(sequences.every((row) => row.usage && !row.update)).toBe(true);
  });

  describe.skipIf(!superuser)("a role of its own for these tests", () => {
    const role = `fupin_it_role_${process.pid}`;
    afterAll(async () => {
      await query(databaseUrl, `DROP TABLE IF EXISTS "owned_by_test_role"`);
      const [exists] = await query(databaseUrl, `SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      if (exists) {
        await query(databaseUrl, `DROP OWNED BY "${role}"`);
        await query(databaseUrl, `DROP ROLE "${role}"`);
      }
    });

    it("is created when missing, corrected when it was given powers, and gets a changed password", async () => {
      const first = withCredentials(appUrl, role, "first-password-2026");
      await applyMigrations(databaseUrl, { appUrl: first });
      expect(await query(first, `SELECT current_user AS name`)).toEqual([{ name: role }]);

      await query(databaseUrl, `ALTER ROLE "${role}" SUPERUSER CREATEDB CREATEROLE INHERIT BYPASSRLS`);
      const second = withCredentials(appUrl, role, "second-password-2026");
      await applyMigrations(databaseUrl, { appUrl: second });
      const [attributes] = await query(
        databaseUrl,
        `SELECT rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`,
        [role],
      );
      expect(attributes).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolinherit: false, rolbypassrls: false, rolcanlogin: true });
      expect(await query(second, `SELECT current_user AS name`)).toEqual([{ name: role }]);
      await expect(query(first, `SELECT 1`)).rejects.toThrow(/password authentication failed/);
      // The password goes to the server as a SCRAM verifier, never as plain text.
      const [{ verifier }] = await query<{ verifier: string }>(databaseUrl, `SELECT rolpassword AS verifier FROM pg_authid WHERE rolname = $1`, [role]);
      expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:/);
    });

    it("is refused while it can become another role or owns a table, and the owner cannot be the app role", async () => {
      const url = withCredentials(appUrl, role, "second-password-2026");
      await applyMigrations(databaseUrl, { appUrl: url });
      await query(databaseUrl, `GRANT pg_read_all_data TO "${role}"`);
      await expect(applyMigrations(databaseUrl, { appUrl: url })).rejects.toThrow(new RegExp(`应用角色 ${role} 是角色 pg_read_all_data 的成员`));
      await query(databaseUrl, `REVOKE pg_read_all_data FROM "${role}"`);

      await query(databaseUrl, `CREATE TABLE "owned_by_test_role" (id INT)`);
      await query(databaseUrl, `ALTER TABLE "owned_by_test_role" OWNER TO "${role}"`);
      await expect(applyMigrations(databaseUrl, { appUrl: url })).rejects.toThrow(new RegExp(`应用角色 ${role} 拥有本数据库或其中的表`));
      await query(databaseUrl, `DROP TABLE "owned_by_test_role"`);
      await applyMigrations(databaseUrl, { appUrl: url });

      await expect(applyMigrations(databaseUrl, { appUrl: databaseUrl })).rejects.toThrow(/应用角色不能是表的所有者/);
    });
  });
});

describe("the configuration of the two roles", () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, APP_DATABASE_URL: process.env.APP_DATABASE_URL };
  afterAll(() => {
    process.env.DATABASE_URL = saved.DATABASE_URL;
    if (saved.APP_DATABASE_URL === undefined) delete process.env.APP_DATABASE_URL;
    else process.env.APP_DATABASE_URL = saved.APP_DATABASE_URL;
  });

  async function externalServer(app: string | undefined) {
    process.env.DATABASE_URL = "postgresql://owner:owner-secret@db.example:5432/fupin";
    if (app === undefined) delete process.env.APP_DATABASE_URL;
    else process.env.APP_DATABASE_URL = app;
    return ensureDatabaseServer({ log: () => {} });
  }

  it("an external server uses APP_DATABASE_URL for the app, with each database's name", async () => {
    const server = await externalServer("postgresql://fupin_app:app%20secret@db.example:5432/fupin");
    expect(server.urlFor("fupin")).toBe("postgresql://owner:owner-secret@db.example:5432/fupin");
    expect(server.appUrlFor("fupin")).toBe("postgresql://fupin_app:app%20secret@db.example:5432/fupin");
    expect(server.appUrlFor("fupin_it_1")).toBe("postgresql://fupin_app:app%20secret@db.example:5432/fupin_it_1");
  });

  it("refuses a missing APP_DATABASE_URL, the owner's own user, a missing password or another database", async () => {
    expect((await externalServer(undefined)).appUrlFor("fupin")).toBeNull();
    await expect(externalServer(undefined).then((server) => server.requireAppUrlFor("fupin"))).rejects.toThrow(/必须设置 APP_DATABASE_URL/);
    await expect(externalServer("postgresql://owner:other@db.example/fupin").then((server) => server.appUrlFor("fupin"))).rejects.toThrow(/同一个用户/);
    await expect(externalServer("postgresql://fupin_app@db.example/fupin").then((server) => server.appUrlFor("fupin"))).rejects.toThrow(/用户名和密码/);
    await expect(externalServer("postgresql://fupin_app:x@db.example/other").then((server) => server.appUrlFor("fupin"))).rejects.toThrow(
      /数据库（other）与 DATABASE_URL 的数据库（fupin）不一致/,
    );
  });

  it("npm start with an external DATABASE_URL and no APP_DATABASE_URL refuses to start, in Chinese", () => {
    const { APP_DATABASE_URL: _ignored, ...env } = process.env;
    const result = spawnSync(process.execPath, ["scripts/start.mjs"], {
      env: { ...env, DATABASE_URL: "postgresql://owner:owner-secret@127.0.0.1:1/fupin", AUTH_SECRET: "x".repeat(40) },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("使用外部数据库（DATABASE_URL）时必须设置 APP_DATABASE_URL");
  });
});
