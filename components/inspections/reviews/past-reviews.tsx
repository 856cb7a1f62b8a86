import Link from "next/link";
import { formatDateTime } from "@/lib/dates";
import type { ReviewView } from "@/lib/inspections/reviews/queries";

/** Every review of the sheet, newest first; one made on other content than today's says so. */
export function PastReviews({ reviews }: { reviews: ReviewView[] }) {
  if (reviews.length === 0) return <p className="text-sm text-slate-500">尚未审查</p>;
  return (
    <ol className="space-y-3" data-testid="past-reviews">
      {reviews.map((review) => (
        <li key={review.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="past-review">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{review.inspectorName}</span>
            <span className="text-slate-500">{formatDateTime(review.reviewedAt)}</span>
            <span className="text-xs text-slate-500">
              （审查时：第{review.sheetRound}轮 · {review.sheetStatusLabel} · 内容指纹 <span className="font-mono">{review.hashShort}</span>）
            </span>
            {review.onOldData ? (
              <span className="rounded bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="old-data">
                基于旧数据（户档已变更）
              </span>
            ) : (
              <span className="rounded bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800">基于当前数据</span>
            )}
          </p>
          <ul className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
            {review.checklist.map((entry) => (
              <li key={entry.item} className={entry.passed ? "text-slate-700" : "text-red-700"}>
                {entry.passed ? "✓" : "✗"} {entry.label}：{entry.passed ? "合格" : "不合格"}
                {entry.note ? <span className="text-slate-500">（{entry.note}）</span> : null}
              </li>
            ))}
          </ul>
          {review.note ? <p className="mt-2 text-slate-700">审查意见：{review.note}</p> : null}
          {review.findings.length ? (
            <p className="mt-2 flex flex-wrap gap-x-3">
              提出问题：
              {review.findings.map((finding) => (
                <Link key={finding.id} href={`/inspections/findings/${finding.id}`} className="text-brand-700 underline">
                  {finding.categoryName}（{finding.statusLabel}）
                </Link>
              ))}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
