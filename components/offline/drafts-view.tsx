"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { displayValue, editConflicts, keepMine, kindLabel, MACHINE_FIELDS, openDraftHref, type Draft } from "@/lib/offline/rules";
import { sendDrafts } from "@/lib/offline/send";
import { deleteDraft, getDraft, listDrafts, onDraftsChanged, putDraft } from "@/lib/offline/store";
import { useOffline } from "@/components/offline/offline-provider";
import { EmptyState } from "@/components/ui/empty-state";

const STATUS: Record<Draft["status"], { text: string; className: string }> = {
  pending: { text: "等待上传", className: "bg-slate-100 text-slate-800" },
  conflict: { text: "有冲突，需选择", className: "bg-amber-100 text-amber-900" },
  refused: { text: "未能保存", className: "bg-red-100 text-red-800" },
};

const buttonClass = "inline-flex min-h-11 items-center justify-center rounded-md px-4 text-sm font-medium disabled:opacity-60";

function when(time: number): string {
  return new Date(time).toLocaleString("zh-CN", { hour12: false });
}

/** The user's drafts on this device, with the choice a conflict needs: the user's value and the record's, field by field. */
export function DraftsView() {
  const offline = useOffline();
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const userId = offline?.userId;

  const reload = useCallback(async () => {
    if (userId) setDrafts(await listDrafts(userId));
  }, [userId]);

  useEffect(() => {
    const first = window.setTimeout(() => void reload(), 0);
    const unsubscribe = onDraftsChanged(() => void reload());
    return () => {
      window.clearTimeout(first);
      unsubscribe();
    };
  }, [reload]);

  if (!offline) return null;
  if (drafts === null) return <p className="text-sm text-slate-600">正在读取本机草稿…</p>;
  const { actions } = offline;

  async function act(draft: Draft, work: () => Promise<string | null>) {
    setBusy(draft.id);
    setMessage(null);
    try {
      setMessage(await work());
      router.refresh();
    } finally {
      setBusy(null);
      await reload();
    }
  }

  /** Queues the draft as pending and sends through the one sender (never two sends of a draft at once); says what became of it. */
  async function resend(draft: Draft): Promise<string | null> {
    await putDraft(draft);
    if (!navigator.onLine) return "当前没有网络：已排队，联网后上传。";
    const outcome = await sendDrafts(draft.userId, actions);
    const after = await getDraft(draft.userId, draft.id);
    if (!after) return `“${draft.title}”已保存。`;
    if (after.status === "conflict") return "在您选择期间记录又被修改，请再次比较。";
    if (after.status === "refused") return null;
    return outcome.offline ? "网络不通：已排队，联网后自动上传。" : null;
  }

  const keep = (draft: Draft) =>
    act(draft, () =>
      draft.current
        ? resend({ ...draft, mine: keepMine(draft, draft.current), base: draft.current, status: "pending", current: undefined, updatedAt: Date.now() })
        : Promise.resolve(null),
    );

  const discard = (draft: Draft) =>
    act(draft, async () => {
      if (!window.confirm(`确定放弃“${draft.title}”吗？本机保存的这条记录将被删除，无法恢复。`)) return null;
      await deleteDraft(draft.userId, draft.id);
      return `已放弃“${draft.title}”。`;
    });

  const retry = (draft: Draft) => act(draft, () => resend({ ...draft, status: "pending", error: undefined, updatedAt: Date.now() }));

  return (
    <div className="space-y-4">
      <div aria-live="polite" role="status">
        {message ? <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{message}</p> : null}
      </div>
      {drafts.length ? null : <EmptyState>本机没有待上传的记录。</EmptyState>}
      <ul className="space-y-4">
        {drafts.map((draft) => (
          <li key={draft.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="draft">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="font-semibold">
                {kindLabel(draft.kind)} · {draft.title}
              </h2>
              <span className={`whitespace-nowrap rounded px-2 py-0.5 text-sm ${STATUS[draft.status].className}`}>{STATUS[draft.status].text}</span>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              保存于 {when(draft.createdAt)}
              {Object.values(draft.files).flat().length ? ` · 照片 ${Object.values(draft.files).flat().length} 张` : ""}
            </p>
            {draft.status === "conflict" && draft.current ? <ConflictTable draft={draft} /> : null}
            {draft.status === "refused" && draft.error ? (
              <div className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                <p>{draft.error.message}</p>
                {draft.error.fieldErrors ? (
                  <ul className="mt-1 list-disc pl-5">
                    {Object.entries(draft.error.fieldErrors).map(([name, errors]) => (
                      <li key={name}>
                        {draft.labels[name] ?? name}：{errors.join("；")}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            <div className="mt-3 flex flex-wrap gap-2">
              {/* A full page load (not a client-side move): with no signal, the page kept on the device opens, with the fragment. */}
              <a href={openDraftHref(draft)} className={`${buttonClass} border border-brand-700 bg-white text-brand-800 hover:bg-brand-50`}>
                在表单中打开
              </a>
              {draft.status === "conflict" ? (
                <button
                  type="button"
                  disabled={busy === draft.id}
                  onClick={() => void keep(draft)}
                  className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}
                >
                  保留我的修改
                </button>
              ) : null}
              {draft.status === "refused" ? (
                <button
                  type="button"
                  disabled={busy === draft.id}
                  onClick={() => void retry(draft)}
                  className={`${buttonClass} border border-slate-300 bg-white text-slate-800`}
                >
                  重新上传
                </button>
              ) : null}
              <button
                type="button"
                disabled={busy === draft.id}
                onClick={() => void discard(draft)}
                className={`${buttonClass} border border-red-300 bg-white text-red-700 hover:bg-red-50`}
              >
                {draft.status === "conflict" ? "放弃我的修改" : "放弃"}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConflictTable({ draft }: { draft: Draft }) {
  const current = draft.current ?? {};
  const conflicts = editConflicts(draft, current).filter((conflict) => !MACHINE_FIELDS.has(conflict.name));
  return (
    <div className="mt-3">
      <p className="mb-2 text-sm text-amber-900">您离线修改期间，这条记录已被他人保存。下列字段两边不同；其他字段保留现在的记录。</p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[20rem] text-sm" data-testid="conflict-table">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th className="py-1 pr-3 font-medium">字段</th>
              <th className="py-1 pr-3 font-medium">我的修改</th>
              <th className="py-1 font-medium">现在的记录</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((conflict) => (
              <tr key={conflict.name} className="border-b border-slate-100 align-top" data-testid="conflict-row">
                <th scope="row" className="whitespace-nowrap py-1 pr-3 text-left font-normal text-slate-700">
                  {draft.labels[conflict.name] ?? conflict.name}
                </th>
                <td className="py-1 pr-3 font-medium text-brand-800">{displayValue(conflict.mine, draft.options[conflict.name])}</td>
                <td className="py-1">
                  {displayValue(conflict.current, draft.currentOptions?.[conflict.name] ?? draft.options[conflict.name])}
                  {conflict.changedByOthers ? <span className="ml-1 whitespace-nowrap text-xs text-amber-800">（他人已改）</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
