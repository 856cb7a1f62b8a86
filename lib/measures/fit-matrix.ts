import "server-only";
import type { Db, Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { MeasureCategory, PovertyCause } from "@/lib/domain/codes";
import { buildFitMatrix, type FitMatrix } from "@/lib/measures/rules";

/** The county's current cause ↔ category fit matrix, from the database. */
export async function loadFitMatrix(client: Db | Tx = db): Promise<FitMatrix> {
  const rows = await client.causeCategoryFit.findMany({ select: { cause: true, category: true } });
  return buildFitMatrix(rows.map((row) => ({ cause: row.cause as PovertyCause, category: row.category as MeasureCategory })));
}
