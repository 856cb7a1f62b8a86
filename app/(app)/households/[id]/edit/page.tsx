import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HouseholdForm } from "@/components/households/household-form";
import { requirePage } from "@/lib/auth/page-guard";
import { villagesWithHelpers } from "@/lib/households/form-options";
import { getHouseholdForEdit } from "@/lib/households/get-household-for-edit";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { updateHouseholdAction } from "../../actions";

export const metadata: Metadata = { title: "编辑户信息" };

export default async function EditHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.write");
  const household = await orNotFound(() => getHouseholdForEdit(actor, id));
  const villages = await villagesWithHelpers(actor, household.villageCode);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">
          编辑户信息 <span className="font-mono text-base text-slate-500">{household.householdNo}</span>
        </h1>
        <Link href={`/households/${id}`} className="text-sm text-brand-700 underline">
          返回户档
        </Link>
      </div>
      <HouseholdForm
        action={updateHouseholdAction}
        villages={villages}
        defaults={household}
        edit={{ householdId: id, version: household.version, villageCode: household.villageCode }}
      />
    </div>
  );
}
