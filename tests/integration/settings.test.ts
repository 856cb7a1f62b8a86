import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { savePovertyLine } from "@/lib/settings/commands";
import { listPovertyLines } from "@/lib/settings/queries";
import { expectAppError, signInAs } from "./helpers";

describe("poverty lines", () => {
  it("are seeded with the national figures only", async () => {
    const lines = await listPovertyLines();
    expect(Object.fromEntries(lines.map((line) => [line.year, line.amountFen]))).toMatchObject({ 2011: 253600, 2015: 285500, 2016: 295200, 2020: 400000 });
    expect(lines.find((line) => line.year === 2018)).toBeUndefined();
  });

  it("the county office adds and edits a year with versions; others cannot", async () => {
    const county = await signInAs("county");
    await savePovertyLine(county, { year: "2018", amount: "3,535" });
    expect((await db.povertyLine.findUniqueOrThrow({ where: { year: 2018 } })).amountFen).toBe(353_500);
    await expectAppError(savePovertyLine(county, { year: "2018", amount: "3600" }), "STALE_VERSION");
    await savePovertyLine(county, { year: "2018", amount: "3600.5", version: "1" });
    expect(await db.povertyLine.findUniqueOrThrow({ where: { year: 2018 } })).toMatchObject({ amountFen: 360_050, version: 2 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "PovertyLine", entityId: "2018" }, orderBy: { id: "desc" } });
    expect(audit.before).toEqual({ amountFen: 353_500 });

    const error = await expectAppError(savePovertyLine(county, { year: "2019", amount: "abc" }), "VALIDATION");
    expect(error.fieldErrors?.amount).toEqual(["请输入有效金额"]);
    const town = await signInAs("town");
    await expectAppError(savePovertyLine(town, { year: "2019", amount: "3700" }), "FORBIDDEN");
    expect(await db.povertyLine.findUnique({ where: { year: 2019 } })).toBeNull();
  });
});
