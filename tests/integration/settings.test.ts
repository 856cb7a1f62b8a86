import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findOverdueVisits } from "@/lib/measures/find-overdue-visits";
import { savePovertyLine, saveVisitOverdueDays } from "@/lib/settings/commands";
import { getVisitOverdueDaysSetting, listPovertyLines } from "@/lib/settings/queries";
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

describe("走访提醒's day limit", () => {
  it("the county office sets it with the version shown, audited; others and bad input change nothing; the reminder list follows", async () => {
    const county = await signInAs("county");
    const town = await signInAs("town");
    const before = await getVisitOverdueDaysSetting();
    expect(before.days).toBe(30); // the seeded setting
    const v = before.version;
    const auditCount = () => db.auditEvent.count({ where: { action: "settings.update", entityId: "visitOverdueDays" } });
    const auditsBefore = await auditCount();

    await expectAppError(saveVisitOverdueDays(town, { visitOverdueDays: "45", version: String(v) }), "FORBIDDEN");
    for (const bad of ["0", "366", "4.5", "abc", ""]) {
      const error = await expectAppError(saveVisitOverdueDays(county, { visitOverdueDays: bad, version: String(v) }), "VALIDATION");
      expect(error.fieldErrors?.visitOverdueDays?.[0]).toMatch(/天数/);
    }
    expect(await getVisitOverdueDaysSetting()).toEqual(before);
    expect(await auditCount()).toBe(auditsBefore);

    await saveVisitOverdueDays(county, { visitOverdueDays: "45", version: String(v) });
    expect(await getVisitOverdueDaysSetting()).toEqual({ days: 45, version: v + 1 });
    expect((await findOverdueVisits(town, {}, { page: 1, pageSize: 20 })).days).toBe(45);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update", entityId: "visitOverdueDays" }, orderBy: { id: "desc" } });
    expect(audit.before).toEqual({ key: "走访超期天数", value: "30 天" });
    expect(audit.after).toEqual({ key: "走访超期天数", value: "45 天" });

    // A stale form (still showing the earlier version) is refused and changes nothing.
    await expectAppError(saveVisitOverdueDays(county, { visitOverdueDays: "60", version: String(v) }), "STALE_VERSION");
    expect(await getVisitOverdueDaysSetting()).toEqual({ days: 45, version: v + 1 });

    // Back to the default for any later reader of this shared database.
    await saveVisitOverdueDays(county, { visitOverdueDays: "30", version: String(v + 1) });
    expect(await getVisitOverdueDaysSetting()).toEqual({ days: 30, version: v + 2 });
    expect(await auditCount()).toBe(auditsBefore + 2);
  });
});
