"use client";

import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

export function ImportUploadForm({
  action,
  maxSize,
  scopeNote,
  townships,
}: {
  action: Action;
  maxSize: string;
  scopeNote: string;
  /** For the county office: limit the batch to one township (optional). */
  townships: { code: string; name: string }[];
}) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const errors = state && !state.ok ? state.fieldErrors?.file : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-medium">上传国家系统导出的贫困人口明细</h2>
      <p className="text-sm text-slate-600">
        Excel 工作簿（.xlsx），不超过 {maxSize}。系统按列名识别表头（可有标题行、列顺序不限、多余的列会被忽略），逐行校验后先给出校验结果，确认后才写入档案。
        {scopeNote}
      </p>
      {townships.length > 0 ? (
        <label className="block max-w-sm text-sm">
          <span className="mb-1 block font-medium text-slate-700">导入范围</span>
          <select name="townshipCode" defaultValue="" className={inputClass}>
            <option value="">全县</option>
            {townships.map((township) => (
              <option key={township.code} value={township.code}>
                只导入{township.name}的户
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">导入文件</span>
        <input
          type="file"
          name="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="block min-h-11 w-full text-sm"
          aria-label="导入文件"
          aria-invalid={Boolean(errors)}
          aria-describedby={errors ? "import-file-error" : undefined}
        />
      </label>
      {errors ? (
        <p id="import-file-error" className="text-sm text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
      <FormMessage state={state && !state.ok && errors ? null : state} />
      <SubmitButton pending={pending} pendingText="正在上传…">
        上传并校验
      </SubmitButton>
    </form>
  );
}
