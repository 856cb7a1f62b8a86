"use client";

import { useId } from "react";
import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/**
 * A text field whose id is unique on the page: the tree shows one create form per township and one rename form per
 * region, so the shared TextField's name-based id would repeat.
 */
export function RegionTextField({
  name,
  label,
  state,
  hint,
  required,
  defaultValue,
  inputMode,
  maxLength,
  className,
}: {
  name: string;
  label: string;
  state: FormState<unknown>;
  hint?: string;
  required?: boolean;
  defaultValue?: string;
  inputMode?: "numeric";
  maxLength?: number;
  className?: string;
}) {
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  const describedBy = [errors ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="ml-0.5 text-red-600">*</span> : null}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        inputMode={inputMode}
        maxLength={maxLength}
        autoComplete="off"
        aria-invalid={Boolean(errors)}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

/** New township (under the county) or village (under a township): its 12-digit 统计用区划代码 and name. */
export function CreateRegionForm({
  action,
  level,
  parentCode,
  parentName,
}: {
  action: Action;
  level: "TOWNSHIP" | "VILLAGE";
  parentCode: string;
  parentName: string;
}) {
  const { state, onSubmit, formAction } = useFormAction(action);
  const noun = level === "TOWNSHIP" ? "乡镇" : "村";
  const hint =
    level === "TOWNSHIP"
      ? `12 位，前 6 位为 ${parentCode.slice(0, 6)}，后 3 位为 000`
      : `12 位，前 9 位为 ${parentCode.slice(0, 9)}（${parentName}），后 3 位不为 000`;
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label={`新建${noun}`}>
      <input type="hidden" name="level" value={level} />
      <input type="hidden" name="parentCode" value={parentCode} />
      <RegionTextField name="code" label={`${noun}区划代码`} state={state} required inputMode="numeric" maxLength={12} hint={hint} />
      <RegionTextField name="name" label={`${noun}名称`} state={state} required maxLength={40} />
      <SubmitButton>新建{noun}</SubmitButton>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Rename in place: the name field and a save button, with the region's version. */
export function RenameRegionForm({ action, code, name, version }: { action: Action; code: string; name: string; version: number }) {
  const { state, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label={`更名：${name}`}>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      <RegionTextField name="name" label="新名称" state={state} defaultValue={name} maxLength={40} className="min-w-40 flex-1" />
      <SubmitButton className="min-h-11">保存名称</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Merge two villages of a township: pick both, tick the confirmation, then confirm once more in the browser. */
export function MergeVillagesForm({ action, villages }: { action: Action; villages: { code: string; name: string; version: number; households: number }[] }) {
  const { state, onSubmit, formAction } = useFormAction(action, null, "确定合并这两个村吗？被合并的村将撤销，其户全部转入另一个村并重新编号。此操作不能撤回。");
  const errors = (name: string) => (state && !state.ok ? state.fieldErrors?.[name] : undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const version = (code: string) => String(villages.find((village) => village.code === code)?.version ?? "");
        (form.elements.namedItem("sourceVersion") as HTMLInputElement).value = version((form.elements.namedItem("sourceCode") as HTMLSelectElement).value);
        (form.elements.namedItem("targetVersion") as HTMLInputElement).value = version((form.elements.namedItem("targetCode") as HTMLSelectElement).value);
        onSubmit(event);
      }}
      className="space-y-3"
      aria-label="合并村"
    >
      <input type="hidden" name="sourceVersion" />
      <input type="hidden" name="targetVersion" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          被合并的村（撤销）
          <select name="sourceCode" className={`${inputClass} mt-1`} defaultValue="" aria-invalid={Boolean(errors("sourceCode"))}>
            <option value="">请选择</option>
            {villages.map((village) => (
              <option key={village.code} value={village.code}>
                {village.name}（{village.households} 户）
              </option>
            ))}
          </select>
          {errors("sourceCode") ? <span className="mt-1 block text-sm text-red-600">{errors("sourceCode")!.join("；")}</span> : null}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          合并到
          <select name="targetCode" className={`${inputClass} mt-1`} defaultValue="" aria-invalid={Boolean(errors("targetCode"))}>
            <option value="">请选择</option>
            {villages.map((village) => (
              <option key={village.code} value={village.code}>
                {village.name}（{village.households} 户）
              </option>
            ))}
          </select>
          {errors("targetCode") ? <span className="mt-1 block text-sm text-red-600">{errors("targetCode")!.join("；")}</span> : null}
        </label>
      </div>
      <label className="flex min-h-11 items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" value="yes" className="mt-1 h-5 w-5" />
        <span>我已核对：被合并的村撤销，其户档、账号和办理中的督查问题全部转入合并到的村，户编号按合并到的村重新编排（每户留有变更记录）</span>
      </label>
      {errors("confirm") ? <p className="text-sm text-red-600">{errors("confirm")!.join("；")}</p> : null}
      <SubmitButton>合并</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
