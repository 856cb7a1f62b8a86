import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { refreshIndicators } from "./refresh";

/**
 * The dashboard's refresh job (docs/decisions/013-dashboard-indicators.md): in every server
 * process, a first run shortly after start and then one every INDICATOR_REFRESH_SECONDS. Runs of
 * several processes do not collide: a refresh holds a per-county advisory lock and a busy county
 * is skipped until the next tick.
 */

const FIRST_RUN_DELAY_MS = 2_000;
const state = globalThis as unknown as { indicatorJob?: { running: boolean } };

async function tick(job: { running: boolean }): Promise<void> {
  if (job.running) return;
  job.running = true;
  try {
    const counties = await db.region.findMany({ where: { level: "COUNTY" }, select: { countyCode: true } });
    for (const { countyCode } of counties) {
      const result = await refreshIndicators(countyCode);
      if (result.kind === "refreshed" && (result.full || result.households > 0)) {
        console.log(`[挂图作战] ${countyCode} 统计已更新：${result.households} 户${result.full ? "（全量）" : ""}，用时 ${result.durationMs} 毫秒`);
      }
    }
  } catch (error) {
    console.error("[挂图作战] 统计更新失败：", error);
  } finally {
    job.running = false;
  }
}

export function startIndicatorJob(): void {
  const seconds = env().INDICATOR_REFRESH_SECONDS;
  if (seconds === 0 || state.indicatorJob) return;
  const job = { running: false };
  state.indicatorJob = job;
  setTimeout(() => void tick(job), FIRST_RUN_DELAY_MS).unref();
  setInterval(() => void tick(job), seconds * 1_000).unref();
}
