import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { ZPovertyLineInput } from "@/lib/settings/schema";

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
