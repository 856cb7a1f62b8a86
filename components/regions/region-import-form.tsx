"use client";

import { startTransition, useActionState, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { FormMessage } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";

export type TreeImportView = {
  mode: "preview" | "apply";
  fileName: string;
  rows: number;
  creates: { row: number; code: string; name: string; level: "TOWNSHIP" | "VILLAGE"; parentCode: string }[];
  unchanged: number;
  errors: { row: number; column: string; message: string }[];
  applied: boolean;
};

type Action = (previous: FormState<TreeImportView>, formData: FormData) => Promise<FormState<TreeImportView>>;

/**
 * Upload → preview (every row checked, nothing written) → import (checked again, all or nothing). The chosen file stays in
 * the field after the preview, so the import sends the very file that was previewed.
 */
export function RegionImportForm({ action }: { action: Action }) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [previewedFile, setPreviewedFile] = useState<string | null>(null);
  const result = state?.ok ? state.data : undefined;
  const fileErrors = state && !state.ok ? state.fieldErrors?.file : undefined;
  const canApply = result?.mode === "preview" && result.errors.length === 0 && result.creates.length > 0 && previewedFile === result.fileName;
  const submit = (mode: "preview" | "apply") => (event: React.MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    const form = event.currentTarget.form!;
    if (mode === "apply" && !window.confirm(`确定导入 ${result?.creates.length ?? 0} 个区划吗？`)) return;
    const formData = new FormData(form);
    formData.set("mode", mode);
    startTransition(() => dispatch(formData));
  };
  return (
    <form className="space-y-4" aria-label="从表格导入区划" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="tree-file" className="mb-1 block text-sm font-medium text-slate-700">
          Excel 文件（.xlsx，不超过 5 MB）
        </label>
        <input
          id="tree-file"
          name="file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className={inputClass}
          aria-invalid={Boolean(fileErrors)}
          aria-describedby={fileErrors ? "tree-file-error" : undefined}
          onChange={(event) => setPreviewedFile(event.currentTarget.files?.[0]?.name ?? null)}
        />
        {fileErrors ? (
          <p id="tree-file-error" className="mt-1 text-sm text-red-600">
            {fileErrors.join("；")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          onClick={submit("preview")}
          disabled={pending}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:border-brand-600 disabled:opacity-60"
        >
          {pending ? "正在检查…" : "预览"}
        </button>
        <button
          type="submit"
          onClick={submit("apply")}
          disabled={pending || !canApply}
          className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-50"
        >
          {canApply ? `确认导入 ${result!.creates.length} 个区划` : "确认导入"}
        </button>
      </div>
      {pending ? (
        <p className="text-sm text-slate-600" role="status">
          正在读取和检查表格…
        </p>
      ) : null}
      <FormMessage state={state && !state.ok ? state : null} />
      {result ? <ImportResult result={result} /> : null}
    </form>
  );
}

function ImportResult({ result }: { result: TreeImportView }) {
  const townships = result.creates.filter((region) => region.level === "TOWNSHIP").length;
  const villages = result.creates.length - townships;
  return (
    <div className="space-y-3" data-testid="import-result">
      <p
        className={`rounded-md border px-3 py-2 text-sm ${result.errors.length ? "border-red-200 bg-red-50 text-red-700" : "border-green-200 bg-green-50 text-green-800"}`}
        role="status"
      >
        {result.applied
          ? `已导入：新建乡镇 ${townships} 个、村 ${villages} 个（已有未变 ${result.unchanged} 行）`
          : result.errors.length
            ? `“${result.fileName}”共 ${result.rows} 行，有 ${result.errors.length} 处错误，未导入任何区划。请改正后重新预览。`
            : result.creates.length
              ? `“${result.fileName}”共 ${result.rows} 行，检查通过：将新建乡镇 ${townships} 个、村 ${villages} 个（已有未变 ${result.unchanged} 行）。`
              : `“${result.fileName}”中的 ${result.rows} 行系统中都已有，无需导入。`}
      </p>
      {result.errors.length ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">错误清单</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">行</th>
                <th className="px-3 py-2">列</th>
                <th className="px-3 py-2">说明</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((error, index) => (
                <tr key={index} className="border-t border-slate-100">
                  <td className="px-3 py-2">第 {error.row} 行</td>
                  <td className="px-3 py-2">{error.column}</td>
                  <td className="px-3 py-2">{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : result.creates.length && !result.applied ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">将新建的区划</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">行</th>
                <th className="px-3 py-2">代码</th>
                <th className="px-3 py-2">名称</th>
                <th className="px-3 py-2">级别</th>
                <th className="px-3 py-2">上级代码</th>
              </tr>
            </thead>
            <tbody>
              {result.creates.map((region) => (
                <tr key={region.code} className="border-t border-slate-100">
                  <td className="px-3 py-2">{region.row}</td>
                  <td className="px-3 py-2 font-mono">{region.code}</td>
                  <td className="px-3 py-2">{region.name}</td>
                  <td className="px-3 py-2">{region.level === "TOWNSHIP" ? "乡镇" : "村"}</td>
                  <td className="px-3 py-2 font-mono">{region.parentCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
