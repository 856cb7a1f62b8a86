import type { FieldNotes } from "@/lib/action-result";

/** Above a form reopened after a save that left 疑点数据 (lib/data-quality/on-save.ts): the save went through; the notes are beside the fields. */
export function QualitySavedNotice({ saved, notes }: { saved: boolean; notes: FieldNotes }) {
  const count = Object.values(notes).reduce((sum, list) => sum + list.length, 0);
  if (!saved && count === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="quality-saved-notice">
      {saved ? "已保存。" : null}
      {count > 0 ? `发现 ${count} 条与本页内容有关的疑点数据，已标在相应字段旁：“错误”须更正，“疑点”须核实。` : "本页内容已无疑点数据。"}
    </div>
  );
}
