import { formatDateTime } from "@/lib/dates";

export type ActivityEntry = { id: string; action: string; detail?: string | null; actorName: string; actorRole?: string | null; occurredAt: Date };

/** A record's audit trail, newest first: what was done, by whom, when. */
export function ActivityLog({ entries, testId }: { entries: ActivityEntry[]; testId?: string }) {
  if (!entries.length) return <p className="text-sm text-slate-500">暂无</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.id} className="border-l-2 border-slate-200 pl-3">
          <span className="font-medium">{entry.action}</span>
          {entry.detail ? `：${entry.detail}` : ""}{" "}
          <span className="text-slate-500">
            — {entry.actorName}
            {entry.actorRole ? `（${entry.actorRole}）` : ""} {formatDateTime(entry.occurredAt)}
          </span>
        </li>
      ))}
    </ol>
  );
}
