import "server-only";
import { sheetStale } from "./refusal";

/** The slice of a Prisma delegate the guard needs (tx.exitSheet, tx.villageExitSheet, …). */
type VersionedTable<D> = {
  updateMany(args: { where: { id: string; version: number }; data: D & { version: { increment: number }; updatedAt: Date } }): PromiseLike<{ count: number }>;
};

/**
 * The atomic state guard of every sign-off sheet: the sheet changes only if nobody changed it
 * since it was read (every chain action raises the version), so two signers racing on one step
 * cannot both win; the loser gets the stale-sheet message.
 */
export async function guardedSheetUpdate<D extends object>(table: VersionedTable<D>, sheet: { id: string; version: number }, data: D): Promise<void> {
  const result = await table.updateMany({
    where: { id: sheet.id, version: sheet.version },
    data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
  });
  if (result.count !== 1) throw sheetStale();
}
