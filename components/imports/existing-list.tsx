import type { FormState } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";

type Change = { subject: string; field: string; before: string; after: string };
type Existing = {
  id: string;
  householdNo: string;
  firstRow: number;
  rowCount: number;
  state: "EXISTING" | "UPDATE";
  archiveId: string | null;
  version: number | null;
  changes: Change[];
  blockers: string[];
};

/**
 * Households of the file already in the archive: what the file would change, field by field, and
 * the choice — skip (the default) or update from the file at the merge. While the batch can still be
 * merged the choice can be changed; afterwards the list shows what was chosen.
 */
export function ExistingList({
  rows,
  batchId,
  open,
  action,
}: {
  rows: Existing[];
  batchId: string;
  open: boolean;
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
}) {
  if (rows.length === 0) return <EmptyState>文件中没有已在档案中的户</EmptyState>;
  return (
    <ul className="space-y-3" data-testid="households-EXISTING">
      {rows.map((row) => (
        <li key={row.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={`existing-${row.householdNo}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-mono">{row.householdNo}</span>
            <span className="text-slate-600">
              第 {row.firstRow} 行起，共 {row.rowCount} 行 ·{" "}
              {row.state === "UPDATE" ? <strong className="text-brand-800">按文件更新</strong> : <span>跳过</span>}
              {row.archiveId ? (
                <>
                  {" "}
                  ·{" "}
                  <a className="text-brand-700 underline" href={`/households/${row.archiveId}`}>
                    查看户档
                  </a>
                </>
              ) : null}
            </span>
          </div>
          {row.changes.length > 0 ? (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1 pr-3 font-medium">对象</th>
                    <th className="py-1 pr-3 font-medium">项目</th>
                    <th className="py-1 pr-3 font-medium">档案中</th>
                    <th className="py-1 font-medium">文件中</th>
                  </tr>
                </thead>
                <tbody>
                  {row.changes.map((change, index) => (
                    <tr key={index} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3 whitespace-nowrap">{change.subject}</td>
                      <td className="py-1 pr-3 whitespace-nowrap">{change.field}</td>
                      <td className="py-1 pr-3">{change.before}</td>
                      <td className="py-1 font-medium">{change.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-slate-600">文件中的该户与档案相同。</p>
          )}
          {row.blockers.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5 text-amber-800">
              {row.blockers.map((blocker) => (
                <li key={blocker}>{blocker}</li>
              ))}
            </ul>
          ) : null}
          {open && row.version !== null ? (
            row.state === "UPDATE" ? (
              <ActionForm action={action} hidden={{ batchId, stagedId: row.id, choice: "SKIP", version: row.version }} label="改为跳过" />
            ) : row.blockers.length === 0 && row.changes.length > 0 ? (
              <ActionForm
                action={action}
                hidden={{ batchId, stagedId: row.id, choice: "UPDATE", version: row.version }}
                label="导入时按文件更新该户"
                tone="primary"
                confirmText={`导入时将按文件修改户编号 ${row.householdNo} 的 ${row.changes.length} 项信息（可随批次撤销，前提是之后未再修改）。确定吗？`}
              />
            ) : null
          ) : null}
        </li>
      ))}
    </ul>
  );
}
