import Link from "next/link";

/**
 * Shown above the household list opened from 疑点数据: which rule's hits it lists, how many
 * households, a way back and a link that drops the rule. The hidden field keeps the rule when the
 * user narrows the list further.
 */
export function QualityFilterBanner({ code, title, total, keep }: { code: string; title: string; total: number; keep: Record<string, string | undefined> }) {
  const others = Object.entries(keep).filter((entry): entry is [string, string] => entry[0] !== "quality" && Boolean(entry[1]));
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="quality-filter" role="status">
      <p>
        来自疑点数据：<strong>{code}</strong> {title}，共 <strong data-testid="quality-filter-total">{total.toLocaleString("zh-CN")}</strong> 户
      </p>
      <p className="mt-1 flex flex-wrap gap-3">
        <Link href={`/quality?rule=${code}`} className="inline-flex min-h-11 items-center text-brand-700 hover:underline">
          返回疑点清单
        </Link>
        <Link href={`/households?${new URLSearchParams(others).toString()}`} className="inline-flex min-h-11 items-center text-brand-700 hover:underline">
          去掉此疑点条件
        </Link>
      </p>
      <input type="hidden" name="quality" value={code} form="list-filter" />
    </div>
  );
}
