import { spawn } from "node:child_process";
import { projectRoot } from "./paths.mjs";

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(command, args, { env = {}, cwd = projectRoot } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} 失败（${signal ?? `退出码 ${code}`}）`))));
  });
}

export const tsxArgs = (script, ...args) => ["--import", "tsx", script, ...args];
