import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { DEFAULT_QUALITY_LIMITS } from "@/lib/data-quality/facts";
import { DEFAULT_RATE_THRESHOLDS } from "@/lib/inspections/rates";
import { ZCountySettings, type CountySettings } from "@/lib/settings/schema";

export const DEFAULT_COUNTY_SETTINGS: CountySettings = {
  noticeMinDays: 7,
  compulsorySchoolAge: { from: 6, to: 15 },
  villageExitThresholdPermille: 20,
  visitOverdueDays: 30,
  inspectionRateThresholds: { ...DEFAULT_RATE_THRESHOLDS },
  qualityLimits: { ...DEFAULT_QUALITY_LIMITS },
};

export const RATE_THRESHOLDS_KEY = "inspectionRateThresholds";
export const VISIT_OVERDUE_DAYS_KEY = "visitOverdueDays";

/** 走访提醒's day limit with the version of its setting row (0: never saved, the default applies). */
export async function getVisitOverdueDaysSetting(client: Db | Tx = db) {
  const [settings, row] = await Promise.all([
    getCountySettings(client),
    client.setting.findUnique({ where: { key: VISIT_OVERDUE_DAYS_KEY }, select: { version: true } }),
  ]);
  return { days: settings.visitOverdueDays, version: row?.version ?? 0 };
}

/** The 三率一度 thresholds with the version of their setting row (0: never saved, the defaults apply). */
export async function getRateThresholdsSetting(client: Db | Tx = db) {
  const [settings, row] = await Promise.all([
    getCountySettings(client),
    client.setting.findUnique({ where: { key: RATE_THRESHOLDS_KEY }, select: { version: true } }),
  ]);
  return { thresholds: settings.inspectionRateThresholds, version: row?.version ?? 0 };
}

export const QUALITY_LIMITS_KEY = "qualityLimits";

/** The 疑点数据 limits with the version of their setting row (0: never saved, the defaults apply). */
export async function getQualityLimitsSetting(client: Db | Tx = db) {
  const [settings, row] = await Promise.all([
    getCountySettings(client),
    client.setting.findUnique({ where: { key: QUALITY_LIMITS_KEY }, select: { version: true } }),
  ]);
  return { limits: settings.qualityLimits, version: row?.version ?? 0 };
}

/**
 * The county's configurable figures; a missing or malformed key falls back to its default.
 * A command passes its transaction, so what it decides and what it reads are one snapshot.
 */
export async function getCountySettings(client: Db | Tx = db): Promise<CountySettings> {
  const rows = await client.setting.findMany({ select: { key: true, value: true } });
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  const merged = { ...DEFAULT_COUNTY_SETTINGS };
  for (const key of Object.keys(DEFAULT_COUNTY_SETTINGS) as (keyof CountySettings)[]) {
    const candidate = ZCountySettings.shape[key].safeParse(stored[key]);
    if (candidate.success) (merged as Record<string, unknown>)[key] = candidate.data;
  }
  return merged;
}

export async function listPovertyLines() {
  return db.povertyLine.findMany({ orderBy: { year: "desc" }, select: { year: true, amountFen: true, version: true, updatedAt: true } });
}

/** Lines for the given years; a year without a line is simply absent (never guessed). */
export async function povertyLinesFor(years: number[], client: Db | Tx = db): Promise<Map<number, number>> {
  if (!years.length) return new Map();
  const rows = await client.povertyLine.findMany({ where: { year: { in: years } }, select: { year: true, amountFen: true } });
  return new Map(rows.map((row) => [row.year, row.amountFen]));
}
