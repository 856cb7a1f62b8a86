import { formatDateTime } from "@/lib/dates";

export type ActivityChange = { field: string; before: string; after: string };

/**
 * One line of a record's audit trail. Give it an audit row rendered by `describeAuditEvent`
 * (lib/audit/describe.ts): its `subject` and `changes` are shown; `detail` is a ready-made line.
 */
export type ActivityEntry = {
  id: string;
  action: string;
  subject?: string | null;
  changes?: ActivityChange[];
  detail?: string | null;
  actorName: string;
  actorRole?: string | null;
  occurredAt: Date;
};

/** A record's audit trail, newest first: what was done, by whom, when, and what changed. */
export function ActivityLog({ entries, testId }: { entries: ActivityEntry[]; testId?: string }) {
  if (!entries.length) return <p className="text-sm text-slate-500">暂无</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.id} className="border-l-2 border-slate-200 pl-3">
          <span className="font-medium">{entry.action}</span>
          {entry.subject ? `：${entry.subject}` : ""}
          {entry.detail ? `：${entry.detail}` : ""}{" "}
          <span className="text-slate-500">
            — {entry.actorName}
            {entry.actorRole ? `（${entry.actorRole}）` : ""} {formatDateTime(entry.occurredAt)}
          </span>
          {entry.changes?.length ? (
            <ul className="mt-1 space-y-0.5 text-slate-600">
              {entry.changes.map((change) => (
                <li key={change.field}>
                  {change.field}：{change.before ? <del className="text-slate-600">{change.before}</del> : null}
                  {change.before ? " → " : ""}
                  {change.after}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
