"use client";

import { useRef } from "react";
import type { FormState } from "@/lib/action-result";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";

type Props = {
  householdId: string;
  categories: readonly string[];
  maxMegabytes: number;
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
};

export function UploadForm({ householdId, categories, maxMegabytes, action }: Props) {
  const { state, pending, onSubmit: submit, formAction } = useFormAction(action);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <form
      action={formAction}
      className="grid grid-cols-1 gap-3 sm:grid-cols-3"
      onSubmit={(event) => {
        const file = fileInput.current?.files?.[0];
        if (file && file.size > maxMegabytes * 1024 * 1024) {
          event.preventDefault();
          window.alert(`文件过大，单个文件不能超过 ${maxMegabytes} MB`);
          return;
        }
        submit(event);
      }}
    >
      <input type="hidden" name="householdId" value={householdId} />
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">材料类别</span>
        <select name="category" className={inputClass} defaultValue="其他">
          {categories.map((category) => (
            <option key={category}>{category}</option>
          ))}
        </select>
      </label>
      <label className="text-sm sm:col-span-2">
        <span className="mb-1 block font-medium text-slate-700">文件（照片或 PDF，不超过 {maxMegabytes} MB）</span>
        <input ref={fileInput} type="file" name="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="block w-full text-sm" />
      </label>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage state={state} />
        <SubmitButton pending={pending} pendingText="正在上传…">
          上传
        </SubmitButton>
      </div>
    </form>
  );
}
