import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const ZPageParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(5).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
});

export type PageParams = z.infer<typeof ZPageParams>;

/** `totalIsAtLeast`: the total was counted only up to a cap (lists over a whole county). */
export type Page<T> = { rows: T[]; total: number; totalIsAtLeast?: boolean; page: number; pageSize: number; pageCount: number };

export function toPage<T>(rows: T[], total: number, params: PageParams, totalIsAtLeast = false): Page<T> {
  return { rows, total, totalIsAtLeast, page: params.page, pageSize: params.pageSize, pageCount: Math.max(1, Math.ceil(total / params.pageSize)) };
}

/**
 * Counting every row of a county-wide list costs more than the page itself (bench/RESULTS.md);
 * beyond this many rows the list says "超过 N 条" instead.
 */
export const COUNT_CAP = 5_000;

export function skipTake(params: PageParams) {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}
