import type { Metadata } from "next";
import Link from "next/link";
import { RaiseFindingForm } from "@/components/inspections/findings/finding-forms";
import { requirePage } from "@/lib/auth/page-guard";
import { getRaiseFindingForm } from "@/lib/inspections/findings/queries";
import { raiseFindingAction } from "../actions";

export const metadata: Metadata = { title: "登记督查问题" };

export default async function NewFindingPage() {
  const actor = await requirePage("finding.raise");
  const form = await getRaiseFindingForm(actor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/inspections/findings" className="hover:underline">
            问题清单
          </Link>{" "}
          / 登记问题
        </p>
        <h1 className="text-xl font-semibold">登记督查问题</h1>
        <p className="mt-1 text-sm text-slate-600">问题所在乡镇、村的干部将看到该问题并提交整改报告；到期未销号的问题列入逾期清单。</p>
      </div>
      <RaiseFindingForm
        action={raiseFindingAction}
        categories={form.categories.map((category) => ({ value: category.code, label: category.name }))}
        regions={form.regions.map((region) => ({ value: region.code, label: region.label }))}
        today={form.today}
      />
    </div>
  );
}
