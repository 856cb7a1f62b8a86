"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** The read's progress (rows read / rows in the sheet); the page reloads itself every second until the batch is checked. */
export function ImportProgress({ rowsRead, rowsExpected, active }: { rowsRead: number; rowsExpected: number | null; active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [active, router]);
  const total = rowsExpected && rowsExpected >= rowsRead ? rowsExpected : null;
  const percent = total ? Math.min(100, Math.floor((rowsRead / total) * 100)) : active ? 0 : 100;
  return (
    <div className="space-y-1" data-testid="import-progress">
      <div
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="读取进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600">
        已读取 {rowsRead.toLocaleString("zh-CN")} 行{total ? ` / 共约 ${total.toLocaleString("zh-CN")} 行（${percent}%）` : ""}
        {active ? "，正在读取和校验…" : ""}
      </p>
    </div>
  );
}
