import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BasicInfo, IncomeYear, insuranceSummary, memberStatusText, memberSummary, relationText } from "@/components/households/archive-view";
import { PrintButton } from "@/components/ui/print-button";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { isUuid, orNotFound } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "一户一档（打印）" };

/** The paper archive: A4, masked ID numbers, every section of the 一户一档 page. */
export default async function PrintHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.read");
  const archive = await orNotFound(() => getHouseholdArchive(actor, id));
  const { household, members, incomes, attachments } = archive;
  const head = members.find((member) => member.relation === "HEAD" && member.status === "PRESENT");
  return (
    <article className="mx-auto max-w-[210mm] bg-white p-6 text-[13px] leading-relaxed print:p-0" data-testid="print-archive">
      <div className="no-print mb-4 flex justify-end">
        <PrintButton />
      </div>
      <header className="mb-4 border-b-2 border-slate-900 pb-2 text-center">
        <h1 className="text-xl font-bold tracking-widest">建档立卡贫困户一户一档</h1>
        <p className="mt-1 text-xs">
          户编号 {household.householdNo} · 户主 {head?.name ?? "—"} · {household.township.name}
          {household.village.name} · 打印时间 {formatDateTime(new Date())} · 打印人 {actor.displayName}
        </p>
      </header>
      <section className="mb-4 break-inside-avoid">
        <h2 className="mb-1 border-l-4 border-slate-800 pl-2 font-bold">一、户基本信息</h2>
        <BasicInfo archive={archive} />
      </section>
      <section className="mb-4 break-inside-avoid">
        <h2 className="mb-1 border-l-4 border-slate-800 pl-2 font-bold">二、家庭成员（在户 {archive.presentCount} 人）</h2>
        <table className="w-full border-collapse text-xs">
          <thead>
            <tr>
              {["姓名", "关系", "身份证号", "性别", "出生日期", "情况", "保障", "状态"].map((title) => (
                <th key={title} className="border border-slate-400 px-1 py-0.5 text-left">
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td className="border border-slate-400 px-1 py-0.5">{member.name}</td>
                <td className="border border-slate-400 px-1 py-0.5">{relationText(member)}</td>
                <td className="border border-slate-400 px-1 py-0.5 font-mono">{member.idNumberMasked}</td>
                <td className="border border-slate-400 px-1 py-0.5">{member.gender === "MALE" ? "男" : "女"}</td>
                <td className="border border-slate-400 px-1 py-0.5">{member.birthDate}</td>
                <td className="border border-slate-400 px-1 py-0.5">{memberSummary(member)}</td>
                <td className="border border-slate-400 px-1 py-0.5">{insuranceSummary(member)}</td>
                <td className="border border-slate-400 px-1 py-0.5">{memberStatusText(member)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="mb-4 break-inside-avoid space-y-2">
        <h2 className="mb-1 border-l-4 border-slate-800 pl-2 font-bold">三、收入情况</h2>
        {incomes.length ? incomes.map((income) => <IncomeYear key={income.record.year} income={income} />) : <p>尚未登记收入</p>}
      </section>
      <section className="mb-4 break-inside-avoid">
        <h2 className="mb-1 border-l-4 border-slate-800 pl-2 font-bold">四、佐证材料目录</h2>
        {attachments.length ? (
          <ol className="list-decimal pl-6 text-xs">
            {attachments.map((attachment) => (
              <li key={attachment.id}>
                【{attachment.category}】{attachment.originalName}（{attachment.uploaderName}，{formatDateTime(attachment.uploadedAt)}）
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-xs">无</p>
        )}
      </section>
      <footer className="mt-8 grid grid-cols-3 gap-6 text-xs">
        {["户主签字", "帮扶责任人签字", "村两委（盖章）"].map((title) => (
          <div key={title}>
            {title}：<span className="inline-block w-28 border-b border-slate-700" />
            <p className="mt-3">
              日期：
              <span className="inline-block w-24 border-b border-slate-700" />
            </p>
          </div>
        ))}
      </footer>
    </article>
  );
}
