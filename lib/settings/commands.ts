import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { DEFAULT_COUNTY_SETTINGS, RATE_THRESHOLDS_KEY, VISIT_OVERDUE_DAYS_KEY } from "@/lib/settings/queries";
import { ZPovertyLineInput, ZRateThresholdsInput, ZVisitOverdueDaysInput } from "@/lib/settings/schema";

/** Sets a year's poverty line (county office only). A new year needs no version; an edit needs the current one. */
export const savePovertyLine = defineCommand({
  permission: "settings.manage",
  input: ZPovertyLineInput,
  async run({ actor, input, tx }) {
    const existing = await tx.povertyLine.findUnique({ where: { year: input.year } });
    if (existing) {
      if (input.version !== existing.version) throw staleVersion();
      assertUpdated(
        await tx.povertyLine.updateMany({
          where: { year: input.year, version: existing.version },
          data: { amountFen: input.amount, version: { increment: 1 } },
        }),
      );
    } else {
      if (input.version) throw staleVersion();
      await tx.povertyLine.create({ data: { year: input.year, amountFen: input.amount } });
    }
    await recordAudit(tx, actor, {
      action: "povertyLine.update",
      entityType: "PovertyLine",
      entityId: String(input.year),
      countyCode: actor.countyCode,
      before: existing ? { amountFen: existing.amountFen } : null,
      after: { amountFen: input.amount },
    });
    return { year: input.year };
  },
});

const percent = (permille: number) => `${permille / 10}%`;
const thresholdsText = (t: { wrongExitMaxPermille: number; missedMaxPermille: number; approvalMinPermille: number; incidenceMaxPermille: number }) =>
  `错退率 < ${percent(t.wrongExitMaxPermille)}，漏评率 < ${percent(t.missedMaxPermille)}，群众认可度 ≥ ${percent(t.approvalMinPermille)}，综合贫困发生率 < ${percent(t.incidenceMaxPermille)}`;

/** Sets the 三率一度 thresholds (county office only); the version shown must still be current (0 before the first save). */
export const saveRateThresholds = defineCommand({
  permission: "settings.manage",
  input: ZRateThresholdsInput,
  async run({ actor, input, tx }) {
    const { version, ...thresholds } = input;
    const existing = await tx.setting.findUnique({ where: { key: RATE_THRESHOLDS_KEY } });
    if ((existing?.version ?? 0) !== version) throw staleVersion();
    if (existing) {
      assertUpdated(await tx.setting.updateMany({ where: { key: RATE_THRESHOLDS_KEY, version }, data: { value: thresholds, version: { increment: 1 } } }));
    } else {
      await tx.setting.create({ data: { key: RATE_THRESHOLDS_KEY, value: thresholds } });
    }
    await recordAudit(tx, actor, {
      action: "settings.update",
      entityType: "Setting",
      entityId: RATE_THRESHOLDS_KEY,
      countyCode: actor.countyCode,
      before: existing ? { key: "三率一度标准", value: thresholdsText(existing.value as typeof thresholds) } : null,
      after: { key: "三率一度标准", value: thresholdsText(thresholds) },
    });
    return { version: version + 1 };
  },
});

/** Sets 走访提醒's day limit (county office only); the version shown must still be current (0 before the first save). */
export const saveVisitOverdueDays = defineCommand({
  permission: "settings.manage",
  input: ZVisitOverdueDaysInput,
  async run({ actor, input, tx }) {
    const { version, visitOverdueDays } = input;
    const existing = await tx.setting.findUnique({ where: { key: VISIT_OVERDUE_DAYS_KEY } });
    if ((existing?.version ?? 0) !== version) throw staleVersion();
    if (existing) {
      assertUpdated(
        await tx.setting.updateMany({ where: { key: VISIT_OVERDUE_DAYS_KEY, version }, data: { value: visitOverdueDays, version: { increment: 1 } } }),
      );
    } else {
      await tx.setting.create({ data: { key: VISIT_OVERDUE_DAYS_KEY, value: visitOverdueDays } });
    }
    const before = existing ? Number(existing.value) : DEFAULT_COUNTY_SETTINGS.visitOverdueDays;
    await recordAudit(tx, actor, {
      action: "settings.update",
      entityType: "Setting",
      entityId: VISIT_OVERDUE_DAYS_KEY,
      countyCode: actor.countyCode,
      before: { key: "走访超期天数", value: `${before} 天` },
      after: { key: "走访超期天数", value: `${visitOverdueDays} 天` },
    });
    return { version: version + 1 };
  },
});
