import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { saveIncome } from "@/lib/income/commands";
import { saveMonitoringLine, saveMonitoringSettings } from "@/lib/monitoring/commands";
import { MONITORING_SETTINGS_KEY, getMonitoringSettings } from "@/lib/monitoring/queries";
import { screenIncomeWarnings } from "@/lib/monitoring/warnings";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A year of its own per run: only this file's households have income for it. */
const YEAR = 2060 + Math.floor(Math.random() * 39);

/** The settings row as this file found it: put back afterwards, so that other files see what they expect. */
let original: { value: Prisma.JsonValue; version: number } | null = null;

beforeAll(async () => {
  original = await db.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY }, select: { value: true, version: true } });
});

afterAll(async () => {
  if (original)
    await db.setting.update({ where: { key: MONITORING_SETTINGS_KEY }, data: { value: original.value as Prisma.InputJsonValue, version: original.version } });
  else await db.setting.deleteMany({ where: { key: MONITORING_SETTINGS_KEY } });
});

async function settingVersion() {
  return String((await db.setting.findUnique({ where: { key: MONITORING_SETTINGS_KEY } }))?.version ?? 0);
}

async function settingsForm(fields: { medicalShare?: string; version?: string }) {
  const settings = await getMonitoringSettings();
  return { margin: String(settings.marginPermille / 10), version: fields.version ?? (await settingVersion()), medicalShare: fields.medicalShare };
}

describe("医疗支出占比 in the monitoring settings", () => {
  it("is versioned and audited; a stale version, a wrong role and a bad share change nothing", async () => {
    const county = await signInAs("county");
    await saveMonitoringSettings(county, await settingsForm({ medicalShare: "40" }));
    expect((await getMonitoringSettings()).medicalSharePermille).toBe(400);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "settings.update", entityId: MONITORING_SETTINGS_KEY },
      orderBy: { occurredAt: "desc" },
    });
    expect(JSON.stringify(audit.after)).toContain("合规自付医疗费用超过家庭纯收入 40% 预警");
    const version = await settingVersion();
    const audits = () => db.auditEvent.count({ where: { action: "settings.update", entityId: MONITORING_SETTINGS_KEY } });
    const auditsBefore = await audits();

    await expectAppError(saveMonitoringSettings(county, await settingsForm({ medicalShare: "60", version: String(Number(version) - 1) })), "STALE_VERSION");
    for (const username of ["town", "village"])
      await expectAppError(saveMonitoringSettings(await signInAs(username), await settingsForm({ medicalShare: "60" })), "FORBIDDEN");
    const bad = await expectAppError(saveMonitoringSettings(county, await settingsForm({ medicalShare: "0" })), "VALIDATION");
    expect(bad.fieldErrors?.medicalShare).toEqual(["医疗支出占比应为 1 到 1000 之间的数"]);
    expect((await getMonitoringSettings()).medicalSharePermille).toBe(400);
    expect(await settingVersion()).toBe(version);
    expect(await audits()).toBe(auditsBefore);

    // A form without the field (an older page) keeps the stored share.
    await saveMonitoringSettings(county, await settingsForm({}));
    expect((await getMonitoringSettings()).medicalSharePermille).toBe(400);
    await saveMonitoringSettings(county, await settingsForm({ medicalShare: "50" }));
    expect((await getMonitoringSettings()).medicalSharePermille).toBe(500);
  });
});

describe("合规自付医疗费用 on the income form", () => {
  it("is stored and audited; empty stores null; a negative amount is refused and writes nothing", async () => {
    const village = await signInAs("village");
    const household = await createTestHousehold(village);
    const incomeAudits = () => db.auditEvent.count({ where: { action: "income.save", entityId: household.id } });

    const negative = await expectAppError(
      saveIncome(village, { householdId: household.id, year: String(YEAR), version: "0", wageFen: "18000", medicalOutOfPocketFen: "-1" }),
      "VALIDATION",
    );
    expect(negative.fieldErrors?.medicalOutOfPocketFen).toEqual(["合规自付医疗费用：金额不能为负数"]);
    expect(await db.incomeRecord.count({ where: { householdId: household.id } })).toBe(0);
    expect(await incomeAudits()).toBe(0);

    await saveIncome(village, { householdId: household.id, year: String(YEAR), version: "0", wageFen: "18000", medicalOutOfPocketFen: "12,000.50" });
    const saved = await db.incomeRecord.findUniqueOrThrow({ where: { householdId_year: { householdId: household.id, year: YEAR } } });
    expect(saved).toMatchObject({ wageFen: 1_800_000, medicalOutOfPocketFen: 1_200_050, version: 1 });
    const created = await db.auditEvent.findFirstOrThrow({ where: { action: "income.save", entityId: household.id } });
    expect(created.after).toMatchObject({ year: YEAR, medicalOutOfPocketFen: 1_200_050 });

    // An edit refused for a negative amount leaves the record and its version as they were.
    await expectAppError(
      saveIncome(village, { householdId: household.id, year: String(YEAR), version: "1", wageFen: "18000", medicalOutOfPocketFen: "-5" }),
      "VALIDATION",
    );
    expect(await db.incomeRecord.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ medicalOutOfPocketFen: 1_200_050, version: 1 });
    expect(await incomeAudits()).toBe(1);

    // Cleared: not entered again (null, not 0); the audit diff names only the medical figure.
    await saveIncome(village, { householdId: household.id, year: String(YEAR), version: "1", wageFen: "18000", medicalOutOfPocketFen: "" });
    expect(await db.incomeRecord.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ medicalOutOfPocketFen: null, version: 2 });
    const edited = await db.auditEvent.findFirstOrThrow({ where: { action: "income.save", entityId: household.id }, orderBy: { occurredAt: "desc" } });
    expect(edited.before).toEqual({ year: YEAR, medicalOutOfPocketFen: 1_200_050 });
    expect(edited.after).toEqual({ year: YEAR, medicalOutOfPocketFen: null });
  });
});

describe("筛查: 医疗支出预警", () => {
  it("raises MEDICAL_COST exactly for the households above the share, once over two runs", async () => {
    const county = await signInAs("county");
    const existing = await db.monitoringLine.findUnique({ where: { year: YEAR } });
    await saveMonitoringLine(county, { year: String(YEAR), amount: "6000", version: existing ? String(existing.version) : undefined });
    await saveMonitoringSettings(county, await settingsForm({ medicalShare: "50" }));

    const village = await signInAs("village");
    // One present member each, 18 000 yuan: well above the line and its margin, so the medical rule is the only one.
    const make = async (wageFen: string, medicalOutOfPocketFen?: string) => {
      const household = await createTestHousehold(village);
      await saveIncome(village, { householdId: household.id, year: String(YEAR), version: "0", wageFen, medicalOutOfPocketFen });
      return household.id;
    };
    const above = await make("18000", "12000");
    const atShare = await make("18000", "9000");
    const justAbove = await make("18000", "9000.01");
    const notEntered = await make("18000");
    const noIncome = await make("0", "100");
    const ids = [above, atShare, justAbove, notEntered, noIncome];
    const medical = () => db.monitoringWarning.findMany({ where: { householdId: { in: ids }, reasonCode: "MEDICAL_COST" }, orderBy: { reason: "asc" } });

    await screenIncomeWarnings(county, { year: String(YEAR) });
    const rows = await medical();
    expect(rows.map((row) => row.householdId).sort()).toEqual([above, justAbove, noIncome].sort());
    expect(rows.every((row) => row.status === "OPEN" && row.source === "ARCHIVE_INCOME" && row.year === YEAR)).toBe(true);
    expect(rows.find((row) => row.householdId === above)?.reason).toBe(`${YEAR} 年合规自付医疗费用 12,000.00 元，超过家庭纯收入 18,000.00 元的 50%`);
    expect(rows.find((row) => row.householdId === noIncome)?.reason).toBe(`${YEAR} 年合规自付医疗费用 100.00 元，家庭纯收入为 0.00 元`);
    expect(await db.auditEvent.count({ where: { action: "monitoringWarning.raise", entityId: { in: rows.map((row) => row.id) } } })).toBe(3);
    // The medical figure is not income: the household above the share has no income 预警.
    expect(
      await db.monitoringWarning.count({ where: { householdId: { in: [above, atShare, justAbove, notEntered] }, reasonCode: { not: "MEDICAL_COST" } } }),
    ).toBe(0);

    const second = await screenIncomeWarnings(county, { year: String(YEAR) });
    expect(second.created).toBe(0);
    expect((await medical()).map((row) => row.id).sort()).toEqual(rows.map((row) => row.id).sort());

    // A higher share set by the county: a new screening adds nothing for the household at exactly 50 %.
    await saveMonitoringSettings(county, await settingsForm({ medicalShare: "60" }));
    await screenIncomeWarnings(county, { year: String(YEAR) });
    expect(await medical()).toHaveLength(3);
  });
});
