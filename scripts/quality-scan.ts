// Full recompute of the 疑点数据 hits (npm run quality:scan [-- --county 520121]): every household of
// the county (all counties when none is given) through the rule catalogue, then the cross-household
// rules, with a progress line per batch (docs/decisions/015-data-quality.md). The lib code imports
// "server-only": the work runs in a process of its own started with --conditions=react-server.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const worker = fileURLToPath(new URL("./lib/quality-scan-worker.ts", import.meta.url));
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", worker, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: process.env,
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
