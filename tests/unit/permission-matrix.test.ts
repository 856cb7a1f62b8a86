import { describe, expect, it } from "vitest";
import { PERMISSIONS, SECOND_FACTOR_ROLES } from "@/lib/auth/permissions";
import { ROLE } from "@/lib/domain/codes";

/**
 * The whole role × permission matrix, written out. A change to who may do what must change
 * this table in the same commit, where a reviewer sees it ("x" = granted, "." = denied).
 */
const EXPECTED_MATRIX = `
                           | VILLAGE_CADRE | WORK_TEAM | HELPER | TOWNSHIP_CADRE | COUNTY_OFFICE | COUNTY_LEADER | INSPECTOR | ADMIN
household.read             | x             | x         | x      | x              | x             | x             | x         | .
household.write            | x             | .         | .      | x              | x             | .             | .         | .
household.viewFullIdNumber | x             | x         | .      | x              | x             | .             | x         | .
attachment.upload          | x             | x         | x      | x              | x             | .             | .         | .
settings.manage            | .             | .         | .      | .              | x             | .             | .         | .
measure.write              | x             | x         | x      | x              | .             | .             | .         | .
plan.write                 | x             | x         | x      | x              | .             | .             | .         | .
visit.write                | x             | x         | x      | .              | .             | .             | .         | .
helper.reassign            | x             | .         | .      | x              | x             | .             | .         | .
catalogue.manage           | .             | .         | .      | .              | x             | .             | .         | .
coverage.read              | x             | x         | x      | x              | x             | x             | x         | .
exit.read                  | x             | x         | x      | x              | x             | x             | x         | .
exit.act                   | x             | x         | x      | x              | x             | .             | .         | .
exit.propose               | x             | .         | x      | .              | .             | .             | .         | .
household.returnToPoverty  | .             | .         | .      | x              | x             | .             | .         | .
villageExit.read           | .             | .         | .      | x              | x             | x             | x         | .
villageExit.act            | .             | .         | .      | x              | x             | x             | .         | .
villageExit.edit           | .             | .         | .      | x              | .             | .             | .         | .
villageExit.announce       | .             | .         | .      | .              | x             | .             | .         | .
villagePopulation.write    | .             | .         | .      | x              | .             | .             | .         | .
dashboard.read             | x             | x         | .      | x              | x             | x             | x         | .
quality.read               | x             | x         | .      | x              | x             | x             | x         | .
quality.verify             | x             | x         | .      | x              | x             | .             | .         | .
target.manage              | .             | .         | .      | .              | x             | .             | .         | .
import.manage              | .             | .         | .      | x              | x             | .             | .         | .
ledger.read                | x             | x         | .      | x              | x             | x             | x         | .
inspection.read            | .             | .         | .      | .              | x             | x             | x         | .
inspection.review          | .             | .         | .      | .              | .             | .             | x         | .
sampling.manage            | .             | .         | .      | .              | x             | .             | x         | .
fieldCheck.write           | .             | .         | .      | .              | .             | .             | x         | .
finding.read               | x             | x         | .      | x              | x             | x             | x         | .
finding.raise              | .             | .         | .      | .              | .             | .             | x         | .
finding.rectify            | x             | x         | .      | x              | .             | .             | .         | .
finding.decide             | .             | .         | .      | .              | .             | .             | x         | .
findingCategory.manage     | .             | .         | .      | .              | x             | .             | .         | .
monitoring.read            | x             | x         | .      | x              | x             | x             | x         | .
monitoring.write           | x             | x         | .      | x              | .             | .             | .         | .
monitoring.act             | x             | x         | .      | x              | x             | .             | .         | .
monitoring.manage          | .             | .         | .      | .              | x             | .             | .         | .
user.manage                | .             | .         | .      | .              | .             | .             | .         | x
region.manage              | .             | .         | .      | .              | .             | .             | .         | x
region.read                | x             | x         | x      | x              | x             | x             | x         | x
`.replace(/^\n|\n$/g, "");

function printMatrix(): string {
  const width = Math.max(...Object.keys(PERMISSIONS).map((permission) => permission.length));
  const header = `${"".padEnd(width)} | ${ROLE.codes.join(" | ")}`;
  const rows = Object.entries(PERMISSIONS).map(
    ([permission, roles]) =>
      `${permission.padEnd(width)} | ${ROLE.codes.map((role) => ((roles as readonly string[]).includes(role) ? "x" : ".").padEnd(role.length)).join(" | ")}`,
  );
  return [header, ...rows].map((line) => line.trimEnd()).join("\n");
}

describe("the permission catalogue", () => {
  it("grants exactly the written-out role × permission matrix", () => {
    const printed = printMatrix();
    if (printed !== EXPECTED_MATRIX) console.log(`当前权限矩阵：\n${printed}`);
    expect(printed).toBe(EXPECTED_MATRIX);
  });

  it("describes every permission in one Chinese line", async () => {
    const fs = await import("node:fs");
    const source = fs.readFileSync(new URL("../../lib/auth/permissions.ts", import.meta.url), "utf8");
    for (const permission of Object.keys(PERMISSIONS)) {
      const described = new RegExp(`/\\*\\* [^\\n]*[\\u4e00-\\u9fff][^\\n]* \\*/\\n\\s*"${permission.replace(".", "\\.")}":`);
      expect(source, permission).toMatch(described);
    }
  });

  it("the inspector writes only their own reviews, draws, field checks and findings, never the archive; second-factor roles are real roles", () => {
    const writes = Object.entries(PERMISSIONS).filter(([permission]) => !/\.read$|viewFullIdNumber$/.test(permission));
    expect(writes.filter(([, roles]) => (roles as readonly string[]).includes("INSPECTOR")).map(([permission]) => permission)).toEqual([
      "inspection.review",
      "sampling.manage",
      "fieldCheck.write",
      "finding.raise",
      "finding.decide",
    ]);
    for (const role of SECOND_FACTOR_ROLES) expect(ROLE.codes).toContain(role);
  });
});
