import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MemberForm } from "@/components/households/member-form";
import { requirePage } from "@/lib/auth/page-guard";
import { getHouseholdForEdit } from "@/lib/households/get-household-for-edit";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { addMemberAction } from "../../../actions";

export const metadata: Metadata = { title: "添加家庭成员" };

export default async function NewMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.write");
  const household = await orNotFound(() => getHouseholdForEdit(actor, id));
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">
          添加家庭成员 <span className="font-mono text-base text-slate-500">{household.householdNo}</span>
        </h1>
        <Link href={`/households/${id}`} className="text-sm text-brand-700 underline">
          返回户档
        </Link>
      </div>
      <MemberForm action={addMemberAction} householdId={id} />
    </div>
  );
}
