"use client";

import type { SavedDraft } from "@/components/offline/use-offline-form";

const buttonClass = "inline-flex min-h-11 items-center justify-center rounded-md px-4 text-sm font-medium";

function when(time: number): string {
  return new Date(time).toLocaleString("zh-CN", { hour12: false });
}

/**
 * Above a form that has a draft on this device: what it is, "在表单中继续编辑" (its values put back into the form,
 * to edit and save again) and "放弃草稿" (after a confirmation). Once put back, it says so: saving replaces the draft.
 */
export function DraftBanner({ saved }: { saved: SavedDraft | null }) {
  if (!saved) return null;
  const { draft, restored } = saved;
  const state = draft.status === "conflict" ? "与他人的修改有冲突" : draft.status === "refused" ? "上传未成功" : "等待上传";
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="draft-banner" role="status">
      <p>
        {restored ? "表单中是本机草稿的内容" : "本机有这条记录未上传的草稿"}（{draft.title}，保存于 {when(draft.updatedAt)}，{state}）。
        {restored ? "修改后再次保存即替换这条草稿；有网络时直接上传。" : null}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {restored ? null : (
          <button type="button" onClick={saved.restore} className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>
            在表单中继续编辑
          </button>
        )}
        <button type="button" onClick={() => void saved.discard()} className={`${buttonClass} border border-red-300 bg-white text-red-700 hover:bg-red-50`}>
          放弃草稿
        </button>
      </div>
    </div>
  );
}
