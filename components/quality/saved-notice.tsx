import Link from "next/link";
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

/** On the archive page after a save: the 疑点数据 of what was saved (those not already in the page's 数据提示), and the form that shows them beside the fields. */
export function SavedQualityNotes({ href, notes }: { href: string; notes: FieldNotes }) {
  const lines = Object.values(notes).flat();
  if (lines.length === 0) return null;
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="saved-quality-title" data-testid="saved-quality">
      <h2 id="saved-quality-title" className="font-medium text-amber-900">
        刚保存的内容有 {lines.length} 条疑点数据
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {lines.map((note, index) => (
          <li key={index} className={note.tone === "error" ? "text-red-700" : "text-amber-900"}>
            {note.text}
          </li>
        ))}
      </ul>
      <Link href={href} className="mt-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        打开表单查看（已标在相应字段旁）
      </Link>
    </section>
  );
}
