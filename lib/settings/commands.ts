import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { assertUpdated, staleVersion } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZPovertyLineInput } from "@/lib/settings/schema";

/** Sets a year's poverty line (county office only). A new year needs no version; an edit needs the current one. */
export async function savePovertyLine(actor: Actor, input: unknown) {
  requirePermission(actor, "settings.manage");
  const data = parseInput(ZPovertyLineInput, input);
  return db.$transaction(async (tx) => {
    const existing = await tx.povertyLine.findUnique({ where: { year: data.year } });
    if (existing) {
      if (data.version !== existing.version) throw staleVersion();
      assertUpdated(
        await tx.povertyLine.updateMany({
          where: { year: data.year, version: existing.version },
          data: { amountFen: data.amount, version: { increment: 1 } },
        }),
      );
    } else {
      if (data.version) throw staleVersion();
      await tx.povertyLine.create({ data: { year: data.year, amountFen: data.amount } });
    }
    await recordAudit(tx, actor, {
      action: "povertyLine.update",
      entityType: "PovertyLine",
      entityId: String(data.year),
      countyCode: actor.countyCode,
      before: existing ? { amountFen: existing.amountFen } : null,
      after: { amountFen: data.amount },
    });
  });
}
