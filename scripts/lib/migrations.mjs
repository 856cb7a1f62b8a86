// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and
// records them in `_prisma_migrations` with Prisma's own columns, so that `prisma migrate
// status/deploy` on a machine with the schema engine sees the same history. Given the app
// role's URL, it then creates or updates that role and sets its grants (every run).
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { projectRoot } from "./paths.mjs";

export const migrationsDir = path.join(projectRoot, "prisma", "migrations");

const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only keeps two runners from migrating the same database at once.
const ADVISORY_LOCK_KEY = 72707369;

export function listMigrations(dir = migrationsDir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Returns the names of the migrations it applied (empty when the database is up to date).
 * `connectionString` is the owner's; with `appUrl` the app role is set up afterwards.
 */
export async function applyMigrations(connectionString, { dir = migrationsDir, log = () => {}, appUrl } = {}) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_HISTORY);
    const { rows } = await client.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of listMigrations(dir)) {
      if (done.has(migration.name)) {
        if (done.get(migration.name) !== migration.checksum) {
          throw new Error(`迁移 ${migration.name} 在应用后被修改过（校验和不一致）；请新增迁移而不是修改旧迁移`);
        }
        continue;
      }
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`迁移 ${migration.name} 执行失败，已整体回滚：${error.message}`, { cause: error });
      }
      applied.push(migration.name);
      log(`[migrate] 已应用 ${migration.name}`);
    }
    if (appUrl) await setUpAppRole(client, appUrl, log);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

// ---------------------------------------------------------------------------
// The app role (docs/decisions/005-database-roles.md)
// ---------------------------------------------------------------------------

/** What the app may do per table; every other table gets SELECT, INSERT, UPDATE, DELETE. */
const TABLE_PRIVILEGES = {
  // Append-only evidence: their triggers refuse changes too, and the app never changes them.
  audit_event: "SELECT, INSERT",
  exit_signature: "SELECT, INSERT",
  village_exit_signature: "SELECT, INSERT",
  monitoring_signature: "SELECT, INSERT",
  inspection_review: "SELECT, INSERT",
  sampling_population: "SELECT, INSERT",
  sampling_stratum: "SELECT, INSERT",
  sample_pick: "SELECT, INSERT",
  field_check: "SELECT, INSERT",
  field_check_note: "SELECT, INSERT",
  inspection_file: "SELECT, INSERT",
  _prisma_migrations: null,
};
const DEFAULT_TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

/** pg_roles column, keyword, wanted value. */
const ROLE_ATTRIBUTES = [
  ["rolcanlogin", "LOGIN", true],
  ["rolsuper", "SUPERUSER", false],
  ["rolcreatedb", "CREATEDB", false],
  ["rolcreaterole", "CREATEROLE", false],
  ["rolinherit", "INHERIT", false],
  ["rolreplication", "REPLICATION", false],
  ["rolbypassrls", "BYPASSRLS", false],
];
const keyword = ([, name, wanted]) => (wanted ? name : `NO${name}`);

/**
 * The password as PostgreSQL stores it (SCRAM-SHA-256 verifier, RFC 5803), so the plain text
 * never appears in a statement the server might log.
 */
function scramVerifier(password) {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const storedKey = createHash("sha256").update(createHmac("sha256", salted).update("Client Key").digest()).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

async function roleRow(client, role) {
  const { rows } = await client.query(`SELECT oid, ${ROLE_ATTRIBUTES.map(([column]) => column).join(", ")} FROM pg_roles WHERE rolname = $1`, [role]);
  return rows[0] ?? null;
}

/** Does the app URL's password log in? False only when the server says the password is wrong. */
async function passwordWorks(appUrl) {
  const probe = new pg.Client({ connectionString: appUrl });
  try {
    await probe.connect();
    return true;
  } catch (error) {
    if (error.code === "28P01") return false;
    throw new Error(`无法以应用角色连接数据库：${error.message}`, { cause: error });
  } finally {
    await probe.end().catch(() => {});
  }
}

/** Creates the role, or corrects its attributes; returns whether it existed before. */
async function ensureAppRole(client, role, password, log) {
  const name = client.escapeIdentifier(role);
  let row = await roleRow(client, role);
  if (!row) {
    try {
      await client.query(`CREATE ROLE ${name} ${ROLE_ATTRIBUTES.map(keyword).join(" ")} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);
      log(`[migrate] 已创建应用角色 ${role}`);
      return false;
    } catch (error) {
      if (error.code !== "42710") throw new Error(`无法创建应用角色 ${role}：${error.message}`, { cause: error });
      row = await roleRow(client, role); // another run created it meanwhile
    }
  }
  const wrong = ROLE_ATTRIBUTES.filter(([column, , wanted]) => row[column] !== wanted);
  if (wrong.length) {
    try {
      await client.query(`ALTER ROLE ${name} WITH ${wrong.map(keyword).join(" ")}`);
      log(`[migrate] 已修正应用角色 ${role} 的属性：${wrong.map(keyword).join(" ")}`);
    } catch (error) {
      throw new Error(
        `应用角色 ${role} 的属性不符合要求，且无权修改（${error.message}）：请由数据库管理员执行 ALTER ROLE ${name} ${wrong.map(keyword).join(" ")}`,
        { cause: error },
      );
    }
  }
  const { rows: memberships } = await client.query(`SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = $1`, [
    row.oid,
  ]);
  if (memberships.length) {
    const granted = memberships.map((membership) => membership.rolname).join("、");
    throw new Error(`应用角色 ${role} 是角色 ${granted} 的成员，可以借 SET ROLE 取得其权限：请先执行 REVOKE ${granted} FROM ${name}`);
  }
  return true;
}

async function refuseOwnership(client, role) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int AS relations,
            (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)::int AS schemas,
            (SELECT datdba = r.oid FROM pg_database WHERE datname = current_database()) AS owns_database
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  const [owned] = rows;
  if (owned.relations || owned.schemas || owned.owns_database) {
    throw new Error(`应用角色 ${role} 拥有本数据库或其中的表、模式：应用角色不能拥有任何对象，请改用别的角色，或由数据库管理员转移所有权（REASSIGN OWNED）`);
  }
}

/** Exactly the privileges the app needs in this database, replacing whatever it had. */
async function grantAppRole(client, role) {
  const name = client.escapeIdentifier(role);
  const { rows: tables } = await client.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname`,
  );
  await client.query("BEGIN");
  try {
    await client.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${name}`);
    for (const { relname } of tables) {
      const privileges = Object.hasOwn(TABLE_PRIVILEGES, relname) ? TABLE_PRIVILEGES[relname] : DEFAULT_TABLE_PRIVILEGES;
      if (privileges) await client.query(`GRANT ${privileges} ON TABLE ${client.escapeIdentifier(relname)} TO ${name}`);
    }
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`无法为应用角色 ${role} 授权：${error.message}`, { cause: error });
  }
}

async function setUpAppRole(client, appUrl, log) {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!role || !password) throw new Error("应用角色的连接地址必须包含用户名和密码");
  const { rows } = await client.query("SELECT current_user AS owner");
  if (rows[0].owner === role) throw new Error(`应用角色不能是表的所有者 ${role}：请为应用使用另一个角色`);
  const existed = await ensureAppRole(client, role, password, log);
  await refuseOwnership(client, role);
  await grantAppRole(client, role);
  if (existed && !(await passwordWorks(appUrl))) {
    try {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);
    } catch (error) {
      throw new Error(`无法更新应用角色 ${role} 的密码（${error.message}）：请由数据库管理员设置为 APP_DATABASE_URL 中的密码`, { cause: error });
    }
    log(`[migrate] 已更新应用角色 ${role} 的密码`);
  }
}
