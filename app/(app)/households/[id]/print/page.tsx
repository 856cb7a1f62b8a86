import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BasicInfo } from "@/components/households/archive-view";
import {
  AttachmentsSection,
  CausesSection,
  ExitSection,
  HelperSection,
  IncomeSection,
  MeasuresSection,
  MembersTable,
  PlansSection,
  SectionTitle,
  VisitsSection,
} from "@/components/households/print/handbook";
import { PrintButton } from "@/components/ui/print-button";
import { PrintPageStyle } from "@/components/ui/print-page-style";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { getHouseholdHandbook } from "@/lib/households/get-household-handbook";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { SignatureBlank } from "@/components/ui/signature-blank";

export const metadata: Metadata = { title: "扶贫手册（一户一档）打印" };

/**
 * The printed 扶贫手册 (一户一档): what the paper handbook holds, on A4, with 户编号 and page
 * numbers on every page. Scoped like the household page; ID numbers masked (decision 009).
 */
export default async function PrintHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.read");
  const handbook = await orNotFound(() => getHouseholdHandbook(actor, id));
  const { household, members } = handbook;
  const head = members.find((member) => member.relation === "HEAD" && member.status === "PRESENT");
  const place = `${household.township.name}${household.village.name}`;
  return (
    <article className="print-doc mx-auto max-w-[210mm] bg-white p-4 text-[12px] leading-relaxed text-black sm:p-6 print:p-0" data-testid="print-archive">
      <PrintPageStyle header={`扶贫手册 · 户编号 ${household.householdNo}`} headerRight={`户主 ${head?.name ?? "—"} · ${place}`} />
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-2">
        <Link href={`/households/${household.id}`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          返回户档
        </Link>
        <PrintButton label="打印扶贫手册" />
      </div>
      <header className="mb-2 border-b-2 border-slate-900 pb-2 text-center">
        <h1 className="text-xl font-bold tracking-widest">扶贫手册</h1>
        <p className="text-sm">建档立卡贫困户一户一档</p>
        <p className="mt-1 text-[11px]">
          户编号 <span className="font-mono">{household.householdNo}</span> · 户主 {head?.name ?? "—"} · {place} · 在户 {handbook.presentCount} 人
        </p>
        <p className="text-[10.5px] text-slate-700">
          打印时间 {formatDateTime(new Date())} · 打印人 {actor.displayName} · 身份证号已部分隐藏
        </p>
      </header>

      <section>
        <SectionTitle>一、户基本情况</SectionTitle>
        <div className="print-dl">
          <BasicInfo archive={handbook} />
        </div>
      </section>
      <section>
        <SectionTitle>二、家庭成员（在户 {handbook.presentCount} 人）</SectionTitle>
        <MembersTable handbook={handbook} />
      </section>
      <section>
        <SectionTitle>三、致贫原因与因户施策</SectionTitle>
        <CausesSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>四、帮扶责任人</SectionTitle>
        <HelperSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>五、家庭收入（按年度）</SectionTitle>
        <IncomeSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>六、脱贫计划</SectionTitle>
        <PlansSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>七、帮扶措施及成效</SectionTitle>
        <MeasuresSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>八、走访记录</SectionTitle>
        <VisitsSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>九、脱贫退出</SectionTitle>
        <ExitSection handbook={handbook} />
      </section>
      <section>
        <SectionTitle>十、佐证材料目录</SectionTitle>
        <AttachmentsSection handbook={handbook} />
      </section>
      <footer className="print-keep mt-6 grid grid-cols-1 gap-4 text-[11.5px] sm:grid-cols-3 print:grid-cols-3" data-testid="handbook-signatures">
        {["户主签字（按手印）", "帮扶责任人签字", "村两委（盖章）"].map((title) => (
          <SignatureBlank key={title} title={title} lineClass="border-slate-700" />
        ))}
      </footer>
    </article>
  );
}
