import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChangeHeadForm, EndMembershipForm, MemberForm } from "@/components/households/member-form";
import { QualitySavedNotice } from "@/components/quality/saved-notice";
import { FieldNotesProvider } from "@/components/ui/form";
import { requirePage } from "@/lib/auth/page-guard";
import { formQualityNotes, MEMBER_FORM } from "@/lib/data-quality/on-save";
import { getMemberForEdit } from "@/lib/households/get-household-for-edit";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { changeHeadAction, endMembershipAction, updateMemberAction } from "../../../actions";

export const metadata: Metadata = { title: "修改家庭成员" };

export default async function MemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; memberId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { id, memberId } = await params;
  const { saved } = await searchParams;
  if (!isUuid(id) || !isUuid(memberId)) notFound();
  const actor = await requirePage("household.write");
  const member = await orNotFound(() => getMemberForEdit(actor, id, memberId));
  if (member.status !== "PRESENT") notFound();
  const notes = await formQualityNotes(actor, id, { memberId }, MEMBER_FORM);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">修改家庭成员：{member.name}</h1>
        <Link href={`/households/${id}`} className="text-sm text-brand-700 underline">
          返回户档
        </Link>
      </div>
      <QualitySavedNotice saved={saved === "quality"} notes={notes} />
      <FieldNotesProvider notes={notes}>
        <MemberForm action={updateMemberAction} householdId={id} member={member} />
      </FieldNotesProvider>
      {member.relation !== "HEAD" ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">设为户主</h2>
          <p className="mb-3 text-sm text-slate-600">户主去世、迁出或更换时使用：此人成为户主，原户主改为所选关系。</p>
          <ChangeHeadForm action={changeHeadAction} householdId={id} member={member} />
        </section>
      ) : null}
      {member.relation !== "HEAD" ? (
        <section className="rounded-lg border border-red-200 bg-white p-4">
          <h2 className="mb-2 font-semibold text-red-800">成员减少（死亡或迁出）</h2>
          <p className="mb-3 text-sm text-slate-600">成员不会被删除：档案保留，并记录减少原因和日期。</p>
          <EndMembershipForm action={endMembershipAction} householdId={id} member={member} />
        </section>
      ) : null}
    </div>
  );
}
