import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { staleVersion } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { parseInput } from "@/lib/validation";
import { ZSaveVillagePopulation } from "./schema";
import { villageInScope } from "./village-context";

/** 农村户籍人口 of a village for a year (the denominator of 贫困发生率), entered by the township. */
export async function saveVillagePopulation(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "villagePopulation.write");
  const data = parseInput(ZSaveVillagePopulation, input);
  try {
    await db.$transaction(async (tx) => {
      const village = await villageInScope(tx, actor, data.villageCode);
      const existing = await tx.villagePopulation.findUnique({ where: { villageCode_year: { villageCode: village.code, year: data.year } } });
      if ((existing?.version ?? 0) !== data.version) throw staleVersion();
      if (existing) {
        const updated = await tx.villagePopulation.updateMany({
          where: { villageCode: village.code, year: data.year, version: existing.version },
          data: { ruralPopulation: data.ruralPopulation, version: { increment: 1 } },
        });
        if (updated.count !== 1) throw staleVersion();
      } else {
        await tx.villagePopulation.create({ data: { villageCode: village.code, year: data.year, ruralPopulation: data.ruralPopulation } });
      }
      await recordAudit(tx, actor, {
        action: "villagePopulation.save",
        entityType: "Village",
        entityId: village.code,
        countyCode: village.countyCode,
        before: existing ? { year: data.year, ruralPopulation: existing.ruralPopulation } : null,
        after: { year: data.year, ruralPopulation: data.ruralPopulation },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "village_population_pkey")) throw staleVersion();
    throw error;
  }
}
