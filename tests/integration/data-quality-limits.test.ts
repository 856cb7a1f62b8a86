// 疑点数据 limits as a county setting (issue 12, /settings): the county office saves them under a version check with an
// audit row; other roles are refused and change nothing; the rules then use them (the on-save check of a household).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_QUALITY_LIMITS } from "@/lib/data-quality/facts";
import { loadQualityContext } from "@/lib/data-quality/load";
import { updateHousehold } from "@/lib/households/update-household";
import { saveQualityLimits } from "@/lib/settings/commands";
import { getQualityLimitsSetting, QUALITY_LIMITS_KEY } from "@/lib/settings/queries";
import { createTestHousehold, householdInput } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const form = (limits: { farmlandMu: number; householdsPerPhone: number; householdsPerHelper: number; perCapitaLinePercent: number }, version: number) => ({
  farmlandMu: String(limits.farmlandMu),
  householdsPerPhone: String(limits.householdsPerPhone),
  householdsPerHelper: String(limits.householdsPerHelper),
  perCapitaLinePercent: String(limits.perCapitaLinePercent / 100),
  version: String(version),
});

describe("疑点数据 limits in the county settings", () => {
  it("the county office changes the 耕地 limit (versioned, audited); 120 亩 is then no 疑点; other roles are refused", async () => {
    const [county, town, inspector, village] = await Promise.all(["county", "town", "inspector", "village"].map((name) => signInAs(name)));
    const start = await getQualityLimitsSetting();
    expect(start.limits).toEqual(DEFAULT_QUALITY_LIMITS);
    // Between 100 and 130 亩 no other test file sets a farmland area, so the change disturbs nobody while it lasts.
    const changed = { ...start.limits, farmlandMu: 130 };
    await expectAppError(saveQualityLimits(town, form(changed, start.version)), "FORBIDDEN");
    await expectAppError(saveQualityLimits(inspector, form(changed, start.version)), "FORBIDDEN");
    const bad = await expectAppError(saveQualityLimits(county, { ...form(changed, start.version), farmlandMu: "0" }), "VALIDATION");
    expect(bad.fieldErrors?.farmlandMu?.[0]).toBe("耕地面积上限应在 1 到 10000 之间");
    expect(await getQualityLimitsSetting()).toEqual(start);

    const auditBefore = await db.auditEvent.count({ where: { action: "settings.update", entityId: QUALITY_LIMITS_KEY } });
    const { version } = await saveQualityLimits(county, form(changed, start.version));
    try {
      expect(version).toBe(start.version + 1);
      expect(await getQualityLimitsSetting()).toEqual({ limits: changed, version });
      expect((await loadQualityContext(db, "2026-01-01")).limits.farmlandMu).toBe(130);
      const [audit] = await db.auditEvent.findMany({ where: { action: "settings.update", entityId: QUALITY_LIMITS_KEY }, orderBy: { id: "desc" }, take: 1 });
      expect(await db.auditEvent.count({ where: { action: "settings.update", entityId: QUALITY_LIMITS_KEY } })).toBe(auditBefore + 1);
      expect(audit).toMatchObject({ actorId: county.userId });
      expect(JSON.stringify(audit.after)).toContain("耕地超过 130 亩");
      // A stale form is refused and changes nothing.
      await expectAppError(saveQualityLimits(county, form({ ...changed, farmlandMu: 140 }, start.version)), "STALE_VERSION");
      expect((await getQualityLimitsSetting()).limits.farmlandMu).toBe(130);

      // The on-save check uses the setting: 120 亩 is within the limit, 131 亩 is not.
      const { id: householdId } = await createTestHousehold(village);
      const input = await householdInput();
      const within = await updateHousehold(village, { householdId, version: 1, household: { ...input.household, phone: "13800003333", farmlandMu: "120" } });
      expect(within.quality.map((hit) => hit.ruleCode)).not.toContain("H-007");
      const above = await updateHousehold(village, { householdId, version: 2, household: { ...input.household, phone: "13800003333", farmlandMu: "131" } });
      expect(above.quality.find((hit) => hit.ruleCode === "H-007")?.message).toContain("超过130亩");
    } finally {
      await saveQualityLimits(county, form(start.limits, version));
    }
    expect((await getQualityLimitsSetting()).limits).toEqual(DEFAULT_QUALITY_LIMITS);
  });
});
