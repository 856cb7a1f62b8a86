import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
// @ts-expect-error plain ESM helper shared with the start script
import { applyMigrations } from "../../scripts/lib/migrations.mjs";

// A database of its own, empty as a production database is before its first start.
const ownerUrl = inject("ownerDatabaseUrl");
const name = `fupin_first_admin_${process.pid}_${Date.now()}`;
const emptyUrl = (() => {
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  return url.toString();
})();

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function adminCreate(args: string[], password: string) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/create-admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: emptyUrl, ADMIN_PASSWORD: password, TZ: "Asia/Shanghai" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

afterAll(async () => {
  await query(ownerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("npm run admin:create on an empty production database", () => {
  it("creates the county and its first administrator with the national defaults, once", async () => {
    await query(ownerUrl, `CREATE DATABASE "${name}"`);
    await applyMigrations(emptyUrl, {});
    const args = ["--county-code", "522601", "--county-name", "凯里市", "--username", "kaili-admin", "--display-name", "张管理"];

    const weak = adminCreate(args, "password");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("password：");
    expect(await query(emptyUrl, `SELECT code FROM region`)).toEqual([]);

    const created = adminCreate(args, "Kaili-setup-2026");
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("已创建县（522601）和系统管理员 kaili-admin");
    expect(await query(emptyUrl, `SELECT code, name, level, county_code FROM region`)).toEqual([
      { code: "522601000000", name: "凯里市", level: "COUNTY", county_code: "522601" },
    ]);
    expect(await query(emptyUrl, `SELECT username, role, region_code FROM app_user`)).toEqual([
      { username: "kaili-admin", role: "ADMIN", region_code: "522601000000" },
    ]);
    expect(await query(emptyUrl, `SELECT action, actor_id FROM audit_event ORDER BY id`)).toEqual([
      { action: "region.create", actor_id: null },
      { action: "user.create", actor_id: null },
    ]);
    const [{ settings, lines, items, households }] = await query<Record<string, number>>(
      emptyUrl,
      `SELECT (SELECT count(*)::int FROM setting) AS settings, (SELECT count(*)::int FROM poverty_line) AS lines,
              (SELECT count(*)::int FROM measure_item) AS items, (SELECT count(*)::int FROM household) AS households`,
    );
    expect(settings).toBeGreaterThan(0);
    expect(lines).toBeGreaterThan(0);
    expect(items).toBeGreaterThan(0);
    expect(households).toBe(0);

    const again = adminCreate(["--county-code", "522601", "--county-name", "凯里市", "--username", "second", "--display-name", "李"], "Kaili-setup-2027");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("数据库中已有账号");
    expect(await query(emptyUrl, `SELECT username FROM app_user`)).toEqual([{ username: "kaili-admin" }]);
  });
});
