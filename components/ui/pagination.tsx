import Link from "next/link";

/** Page links that keep the current filters (searchParams) in the URL. */
export function Pagination({
  page,
  pageCount,
  total,
  totalIsAtLeast,
  params,
}: {
  page: number;
  pageCount: number;
  total: number;
  totalIsAtLeast?: boolean;
  params: Record<string, string | undefined>;
}) {
  const href = (target: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, page: String(target) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `?${query.toString()}`;
  };
  return (
    <nav aria-label="分页" className="no-print mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-slate-600" data-testid="total-count">
        {totalIsAtLeast ? `超过 ${total} 条（请用筛选缩小范围），第 ${page} 页` : `共 ${total} 条，第 ${page}/${pageCount} 页`}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:border-brand-600" href={href(page - 1)} rel="prev">
            上一页
          </Link>
        ) : null}
        {page < pageCount || totalIsAtLeast ? (
          <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:border-brand-600" href={href(page + 1)} rel="next">
            下一页
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
