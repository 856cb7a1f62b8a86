"use client";

import { useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { Section, SelectField, TextField } from "@/components/ui/fields";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormActionFn } from "./types";

type Props = {
  action: FormActionFn;
  townships: { code: string; name: string }[];
  years: { year: number; households: number }[];
  lineFormat: string;
};

/** 新建抽查轮次: scope, the population year, the optional 未建档户 list, the sample size and where the public value will come from. */
export function RoundForm({ action, townships, years, lineFormat }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, "建立后总体名单即被冻结并公布哈希值，不能再修改。确定建立吗？");
  const [scope, setScope] = useState<"COUNTY" | "TOWNSHIPS">("COUNTY");
  const [sizeKind, setSizeKind] = useState<"COUNT" | "SHARE">("COUNT");
  const errors = (name: string) => (state && !state.ok ? state.fieldErrors?.[name] : undefined);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="新建抽查轮次">
      <Section title="轮次">
        <TextField name="name" label="轮次名称" required state={state} maxLength={60} className="sm:col-span-2" defaultValue="" />
        <SelectField
          name="populationYear"
          label="抽查总体：脱贫年度"
          required
          state={state}
          options={years.map((row) => ({ value: String(row.year), label: `${row.year}年脱贫户（${row.households} 户）` }))}
          placeholder="请选择"
          hint="总体为该年度脱贫的建档立卡户（取自户档）"
        />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">抽查范围</legend>
          <div className="flex flex-wrap gap-x-4">
            {(
              [
                ["COUNTY", "全县"],
                ["TOWNSHIPS", "选定乡镇"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="scope"
                  value={value}
                  checked={scope === value}
                  onChange={() => setScope(value)}
                  className="h-5 w-5 accent-brand-700"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {scope === "TOWNSHIPS" ? (
          <fieldset className="sm:col-span-2" aria-describedby={errors("townshipCodes") ? "townships-error" : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-700">抽查乡镇</legend>
            <div className="flex flex-wrap gap-x-4">
              {townships.map((township) => (
                <label key={township.code} className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="checkbox" name="townshipCodes" value={township.code} className="h-5 w-5 accent-brand-700" />
                  {township.name}
                </label>
              ))}
            </div>
            {errors("townshipCodes") ? (
              <p id="townships-error" className="mt-1 text-sm text-red-600">
                {errors("townshipCodes")!.join("；")}
              </p>
            ) : null}
          </fieldset>
        ) : null}
      </Section>

      <Section title="样本量（每个乡镇）">
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">确定方式</legend>
          <div className="flex flex-wrap gap-x-4">
            {(
              [
                ["COUNT", "每乡镇固定户数"],
                ["SHARE", "按比例（‰），可设最少户数"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="sizeKind"
                  value={value}
                  checked={sizeKind === value}
                  onChange={() => setSizeKind(value)}
                  className="h-5 w-5 accent-brand-700"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {sizeKind === "COUNT" ? (
          <TextField name="perTownship" label="每乡镇抽查户数" required inputMode="numeric" maxLength={5} state={state} hint="超过乡镇总体户数时全部抽取" />
        ) : (
          <>
            <TextField
              name="permille"
              label="抽查比例（‰）"
              required
              inputMode="numeric"
              maxLength={4}
              state={state}
              hint="向上取整，如 45 户按 100‰ 抽 5 户"
            />
            <TextField name="minimum" label="每乡镇最少户数" inputMode="numeric" maxLength={5} state={state} />
          </>
        )}
        <p className="text-xs text-slate-500 sm:col-span-2">未建档户名单按同样的规则逐乡镇抽取。</p>
      </Section>

      <Section title="未建档户名单（可选）">
        <Field name="listed" label="每行一户" state={state} hint={`格式：${lineFormat}。例：杨柳村,王某某,4,邻居反映收入低`} className="sm:col-span-2">
          {(props) => <textarea {...props} rows={5} className={inputClass} placeholder="村代码或村名,户主姓名,人数,备注" />}
        </Field>
      </Section>

      <Section title="公开随机数">
        <TextField
          name="publicSource"
          label="公开随机数来源"
          required
          state={state}
          maxLength={200}
          className="sm:col-span-2"
          hint="在建立轮次之后才公布的数，例如“体育彩票第 2026140 期开奖号码”。建立后名单即冻结，待该数公布后再填入并抽取。"
        />
      </Section>

      <FormMessage state={state} />
      <SubmitButton pending={pending} className="w-full sm:w-auto">
        建立轮次并冻结名单
      </SubmitButton>
    </form>
  );
}
