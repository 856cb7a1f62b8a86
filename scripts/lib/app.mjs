// Shared by start and test: the secret, the build check, the server process.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { dataRoot, projectRoot } from "./paths.mjs";
import { run } from "./run.mjs";

/** The embedded default keeps a generated secret in its data folder; a deployment sets AUTH_SECRET. */
export function authSecretFor(server) {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (!server.embedded) {
    throw new Error("使用外部数据库（DATABASE_URL）时必须设置 AUTH_SECRET（至少 32 个字符），拒绝启动");
  }
  const file = path.join(dataRoot, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function buildIsStale() {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(projectRoot, source)) > built);
}

export async function buildIfNeeded() {
  if (!buildIsStale()) return;
  console.log("[start] 正在构建应用（首次或源码有变化）…");
  await run("npx", ["next", "build"]);
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts the app (scripts/server.mjs: Next behind the step that decides the client address);
 * resolves with the child once it answers on the port.
 */
export async function startNext({ port, env, host = "127.0.0.1", quiet = false, dev = false }) {
  if (await portInUse(port)) throw new Error(`端口 ${port} 已被占用：请关闭占用它的程序，或用 PORT=其他端口 npm start`);
  const child = spawn(process.execPath, ["scripts/server.mjs", "-p", String(port), "-H", host, ...(dev ? ["--dev"] : [])], {
    cwd: projectRoot,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, ...env, PORT: String(port) },
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("应用进程意外退出");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("应用 60 秒内没有启动");
}

export function stopProcessGroup(child) {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
