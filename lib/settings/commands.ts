import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { assertUpdated, staleVersion } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { DEFAULT_COUNTY_SETTINGS, QUALITY_LIMITS_KEY, RATE_THRESHOLDS_KEY, VISIT_OVERDUE_DAYS_KEY } from "@/lib/settings/queries";
import { ZPovertyLineInput, ZQualityLimitsInput, ZRateThresholdsInput, ZVisitOverdueDaysInput } from "@/lib/settings/schema";

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
type RateThresholdsValue = { wrongExitMaxPermille: number; missedMaxPermille: number; approvalMinPermille: number; incidenceMaxPermille: number };
const thresholdsText = (t: RateThresholdsValue) =>
  `错退率 < ${percent(t.wrongExitMaxPermille)}，漏评率 < ${percent(t.missedMaxPermille)}，群众认可度 ≥ ${percent(t.approvalMinPermille)}，综合贫困发生率 < ${percent(t.incidenceMaxPermille)}`;

type QualityLimitsValue = { farmlandMu: number; householdsPerPhone: number; householdsPerHelper: number; perCapitaLinePercent: number };
const limitsText = (l: QualityLimitsValue) =>
  `耕地超过 ${l.farmlandMu} 亩，同一电话超过 ${l.householdsPerPhone} 户，帮扶责任人超过 ${l.householdsPerHelper} 户未脱贫户，人均纯收入超过贫困线 ${l.perCapitaLinePercent / 100} 倍`;

/**
 * Writes one county setting under a version check (the version the form showed; 0 before the first save) and audits it
 * with the setting's name and a readable before/after (`describe`; `defaultValue` stands for "before" when never saved).
 */
export async function saveVersionedSetting<T extends Prisma.InputJsonValue>(
  tx: Tx,
  actor: Actor,
  setting: { key: string; name: string; version: number; value: T; describe: (value: T) => string; defaultValue?: T },
): Promise<{ version: number }> {
  const { key, name, version, value, describe, defaultValue } = setting;
  const existing = await tx.setting.findUnique({ where: { key } });
  if ((existing?.version ?? 0) !== version) throw staleVersion();
  if (existing) {
    assertUpdated(await tx.setting.updateMany({ where: { key, version }, data: { value, version: { increment: 1 } } }));
  } else {
    await tx.setting.create({ data: { key, value } });
  }
  const before = existing ? (existing.value as T) : defaultValue;
  await recordAudit(tx, actor, {
    action: "settings.update",
    entityType: "Setting",
    entityId: key,
    countyCode: actor.countyCode,
    before: before === undefined ? null : { key: name, value: describe(before) },
    after: { key: name, value: describe(value) },
  });
  return { version: version + 1 };
}

/** Sets the 三率一度 thresholds (county office only). */
export const saveRateThresholds = defineCommand({
  permission: "settings.manage",
  input: ZRateThresholdsInput,
  run: ({ actor, input: { version, ...thresholds }, tx }) =>
    saveVersionedSetting(tx, actor, { key: RATE_THRESHOLDS_KEY, name: "三率一度标准", version, value: thresholds, describe: thresholdsText }),
});

/**
 * Sets the 疑点数据 limits (county office only; lib/data-quality/facts.ts#QualityLimits). A changed setting makes the
 * dashboard refresh recompute every household's hits (decision 015).
 */
export const saveQualityLimits = defineCommand({
  permission: "settings.manage",
  input: ZQualityLimitsInput,
  run: ({ actor, input: { version, ...limits }, tx }) =>
    saveVersionedSetting(tx, actor, { key: QUALITY_LIMITS_KEY, name: "疑点数据阈值", version, value: limits, describe: limitsText }),
});

/** Sets 走访提醒's day limit (county office only). */
export const saveVisitOverdueDays = defineCommand({
  permission: "settings.manage",
  input: ZVisitOverdueDaysInput,
  run: ({ actor, input: { version, visitOverdueDays }, tx }) =>
    saveVersionedSetting(tx, actor, {
      key: VISIT_OVERDUE_DAYS_KEY,
      name: "走访超期天数",
      version,
      value: visitOverdueDays,
      describe: (days) => `${Number(days)} 天`,
      defaultValue: DEFAULT_COUNTY_SETTINGS.visitOverdueDays,
    }),
});
