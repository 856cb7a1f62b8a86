/** The status of a finding as the lists show it (an open finding returned at least once reads 已退回). */
export function FindingStatusBadge({ status, returns, label }: { status: string; returns: number; label: string }) {
  const style =
    status === "CLOSED"
      ? "bg-green-50 text-green-800"
      : status === "SUBMITTED"
        ? "bg-blue-50 text-blue-800"
        : returns > 0
          ? "bg-amber-50 text-amber-900"
          : "bg-slate-100 text-slate-700";
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}

/** Days past the deadline; nothing when the finding is in time or closed. */
export function OverdueBadge({ days }: { days: number }) {
  if (days <= 0) return null;
  return (
    <span className="inline-block whitespace-nowrap rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700" data-testid="overdue-days">
      逾期 {days} 天
    </span>
  );
}
