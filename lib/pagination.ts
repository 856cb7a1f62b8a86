import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const ZPageParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(5).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
});

export type PageParams = z.infer<typeof ZPageParams>;

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

export function toPage<T>(rows: T[], total: number, params: PageParams): Page<T> {
  return { rows, total, page: params.page, pageSize: params.pageSize, pageCount: Math.max(1, Math.ceil(total / params.pageSize)) };
}

export function skipTake(params: PageParams) {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}
