import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConditionsForm } from "@/components/exits/village-forms";
import { requirePage } from "@/lib/auth/page-guard";
import { getVillageForNewSheet } from "@/lib/exits/village/find-village-exits";
import { formatFen } from "@/lib/income/money";
import { orNotFound } from "@/lib/page-helpers";
import { createVillageExitSheetAction } from "../actions";

export const metadata: Metadata = { title: "新建贫困村退出核验表" };

export default async function NewVillageExitPage({ searchParams }: { searchParams: Promise<{ village?: string; year?: string }> }) {
  const actor = await requirePage("villageExit.edit");
  const { village: code, year } = await searchParams;
  if (!code || !/^\d{12}$/.test(code) || !year || !/^\d{4}$/.test(year)) notFound();
  const village = await orNotFound(() => getVillageForNewSheet(actor, code));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm text-slate-500">
        <Link href="/village-exits" className="hover:underline">
          贫困村退出
        </Link>{" "}
        / 新建
      </p>
      <h1 className="text-xl font-semibold">
        {village.name} · {year}年度贫困村退出核验表
      </h1>
      <p className="text-sm text-slate-600">填写村级出列条件。保存后可上传佐证材料，再由乡镇提出出列。</p>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <ConditionsForm
          hidden={{ villageCode: village.code, assessmentYear: year }}
          submitLabel="保存并建立核验表"
          action={createVillageExitSheetAction}
          targetFen={formatFen(village.targetFen)}
        />
      </div>
    </div>
  );
}
