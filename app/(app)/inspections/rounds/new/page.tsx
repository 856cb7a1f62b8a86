import type { Metadata } from "next";
import Link from "next/link";
import { RoundForm } from "@/components/inspections/sampling/round-form";
import { requirePage } from "@/lib/auth/page-guard";
import { roundFormOptions } from "@/lib/inspections/rounds/queries";
import { LISTED_LINE_FORMAT } from "@/lib/inspections/rounds/rules";
import { createSamplingRoundAction } from "../actions";

export const metadata: Metadata = { title: "新建抽查轮次" };

export default async function NewRoundPage() {
  const actor = await requirePage("sampling.manage");
  const options = await roundFormOptions(actor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/inspections/rounds" className="text-sm text-brand-700 underline">
        ← 抽查轮次
      </Link>
      <h1 className="text-xl font-semibold">新建抽查轮次</h1>
      <p className="text-sm text-slate-600">
        第一步：建立轮次，系统冻结总体名单并公布其哈希值。第二步：待公开随机数（如彩票开奖号码）公布后，在轮次页面填入并抽取样本。名单先于随机数确定，双方都无法事后挑选。
      </p>
      <RoundForm action={createSamplingRoundAction} townships={options.townships} years={options.years} lineFormat={LISTED_LINE_FORMAT} />
    </div>
  );
}
