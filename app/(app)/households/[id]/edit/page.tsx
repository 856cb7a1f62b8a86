import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HouseholdForm } from "@/components/households/household-form";
import { QualitySavedNotice } from "@/components/quality/saved-notice";
import { FieldNotesProvider } from "@/components/ui/form";
import { requirePage } from "@/lib/auth/page-guard";
import { formQualityNotes, HOUSEHOLD_FORM, HOUSEHOLD_LEVELS } from "@/lib/data-quality/on-save";
import { villagesWithHelpers } from "@/lib/households/form-options";
import { getHouseholdForEdit } from "@/lib/households/get-household-for-edit";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { updateHouseholdAction } from "../../actions";

export const metadata: Metadata = { title: "编辑户信息" };

export default async function EditHouseholdPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.write");
  const household = await orNotFound(() => getHouseholdForEdit(actor, id));
  const villages = await villagesWithHelpers(actor, household.villageCode);
  const notes = await formQualityNotes(actor, id, { levels: HOUSEHOLD_LEVELS }, HOUSEHOLD_FORM);
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
      <QualitySavedNotice saved={saved === "quality"} notes={notes} />
      <FieldNotesProvider notes={notes}>
        <HouseholdForm
          action={updateHouseholdAction}
          villages={villages}
          defaults={household}
          edit={{ householdId: id, version: household.version, villageCode: household.villageCode }}
        />
      </FieldNotesProvider>
    </div>
  );
}
