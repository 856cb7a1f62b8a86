import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { staleVersion } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/database-errors";
import { ZSaveVillagePopulation } from "../schema";
import { villageInScope } from "./context";

/**
 * 农村户籍人口 of a village for a year (the denominator of 贫困发生率), entered by the township.
 * Its own transaction: two first entries racing on the key are answered as a stale version.
 */
export const saveVillagePopulation = defineCommand({
  permission: "villagePopulation.write",
  input: ZSaveVillagePopulation,
  transaction: "inside-body",
  async run({ actor, input: data, db }) {
    try {
      return await db.$transaction(async (tx) => {
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
        return { villageCode: village.code };
      });
    } catch (error) {
      if (isUniqueViolation(error, "village_population_pkey")) throw staleVersion();
      throw error;
    }
  },
});
