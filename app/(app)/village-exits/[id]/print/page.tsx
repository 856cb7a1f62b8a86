import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { PrintPageStyle } from "@/components/ui/print-page-style";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { getVillageExitSheet } from "@/lib/exits/village/get-village-exit-sheet";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { SignatureBlank } from "@/components/ui/signature-blank";

export const metadata: Metadata = { title: "贫困村退出核验表（打印）" };

const cell = "border border-slate-500 px-1.5 py-0.5 align-top";
const heading = "print-heading mt-3 mb-1 border-l-4 border-black pl-2 font-bold";

/** Who signs the paper by hand: the township proposes, the county office approves, the 包片 county leader signs (docs/domain.md §8). */
const HANDWRITTEN = ["村两委（盖章）", "乡镇人民政府（盖章）", "县扶贫办（盖章）", "包片县级领导"];

/**
 * The paper 贫困村退出核验表: incidence with its figures, the village conditions, every step of the
 * chain with its signature, the evidence list and the blanks for handwritten signatures, on A4.
 * The same view as the sheet page (lib/exits/village/get-village-exit-sheet.ts), so scope and
 * figures are the page's.
 */
export default async function PrintVillageExitSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("villageExit.read");
  const view = await orNotFound(() => getVillageExitSheet(actor, id));
  const { sheet } = view;
  const place = `${sheet.townshipName}${sheet.villageName}`;
  const incidence = view.incidence?.display ?? "无法计算（未填报农村户籍人口）";
  const currentRound = view.signatures.filter((row) => row.round === sheet.round);
  return (
    <article className="print-doc mx-auto max-w-[210mm] bg-white p-4 text-[12px] leading-snug text-black sm:p-6 print:p-0" data-testid="print-village-sheet">
      <PrintPageStyle header={`贫困村退出核验表 · ${place}`} headerRight={`${sheet.assessmentYear}年度 · 内容指纹 ${view.hashShort}`} />
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-2">
        <Link href={`/village-exits/${sheet.id}`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          返回核验表
        </Link>
        <PrintButton label="打印核验表" />
      </div>
      <header className="mb-2 border-b-2 border-black pb-1">
        <h1 className="text-xl font-bold tracking-widest">贫困村退出核验表</h1>
        <p className="mt-1">
          {place}（区划代码 <span className="font-mono">{sheet.villageCode}</span>） · 评估年度 {sheet.assessmentYear} · 状态：{sheet.statusLabel} · 第
          {sheet.round}轮
        </p>
        <p>
          包片县级领导：{view.responsibleLeaders.length ? view.responsibleLeaders.join("、") : "未指定"} · 内容指纹{" "}
          <span className="font-mono">{view.hashShort}</span>
          {sheet.status === "APPROVED" && sheet.exitedAt ? ` · ${formatDateTime(sheet.exitedAt)} 公告出列` : ""}
        </p>
      </header>

      <section>
        <h2 className={heading}>一、贫困发生率</h2>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]" data-testid="print-incidence">
            <thead>
              <tr>
                {["剩余贫困人口", "农村户籍人口", "贫困发生率", "出列标准", "结论"].map((title) => (
                  <th key={title} className={`${cell} text-left`}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className={cell}>{view.remaining} 人</td>
                <td className={cell}>{view.population ? `${view.population.ruralPopulation} 人` : "未填报"}</td>
                <td className={cell}>{incidence}</td>
                <td className={cell}>低于 {view.threshold}</td>
                <td className={`${cell} font-bold`}>{view.criteria[0]?.met ? "达标" : "未达标"}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="mt-0.5 text-[10px]">贫困发生率 = 剩余贫困人口（本村在档、返贫户的在户成员）÷ 农村户籍人口（乡镇按年度填报）。</p>
      </section>

      <section>
        <h2 className={heading}>二、出列条件核验（{view.allMet ? "全部达标" : "未全部达标"}）</h2>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]" data-testid="print-village-criteria">
            <thead>
              <tr>
                <th className={`${cell} w-32 text-left`}>条件</th>
                <th className={`${cell} w-14 text-left`}>结论</th>
                <th className={`${cell} text-left`}>依据与数据</th>
              </tr>
            </thead>
            <tbody>
              {view.criteria.map((criterion) => (
                <tr key={criterion.code}>
                  <td className={cell}>{criterion.label}</td>
                  <td className={`${cell} font-bold`}>{criterion.met ? "达标" : "未达标"}</td>
                  <td className={cell}>
                    {criterion.reason}
                    {criterion.facts.length ? (
                      <span className="text-[10px] text-slate-800">（{criterion.facts.map((fact) => `${fact.label}：${fact.value}`).join("；")}）</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section>
        <h2 className={heading}>三、出列程序与系统签字</h2>
        <p className="mb-1">
          乡镇内公示：{sheet.notice ? `${sheet.notice.postedOn} 至 ${sheet.notice.endedOn ?? "—"}` : "尚未登记"}
          {sheet.status === "REJECTED" && sheet.rejectedReason ? `；已退回乡镇：${sheet.rejectedReason}` : ""}
        </p>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]" data-testid="print-village-signatures">
            <thead>
              <tr>
                {["环节", "签字人", "角色", "时间", "意见", "状态"].map((title) => (
                  <th key={title} className={`${cell} text-left`}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.chain.steps.map((step) => {
                const row = currentRound.filter((signature) => signature.stepLabel === step.label).at(-1);
                return (
                  <tr key={step.step}>
                    <td className={`${cell} whitespace-nowrap`}>{step.label}</td>
                    <td className={`${cell} whitespace-nowrap`}>{row?.name ?? step.signature?.name ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>{row?.roleLabel ?? step.signature?.roleLabel ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {row ? formatDateTime(row.signedAt) : step.signature ? formatDateTime(step.signature.signedAt) : ""}
                    </td>
                    <td className={cell}>{row?.opinion ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>{step.stateLabel}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="mt-0.5 text-[10px]">县扶贫办审定与包片县级领导签字在公示后办理，先后不限；两者都有效、全部条件达标后方可公告出列。</p>
      </section>

      <section>
        <h2 className={heading}>四、佐证材料目录</h2>
        {view.evidence.length ? (
          <ol className="list-decimal pl-6 text-[11px]">
            {view.evidence.map((row) => (
              <li key={row.id}>
                【{row.conditionLabel}】{row.originalName}（{row.uploaderName}，{formatDateTime(row.uploadedAt)}）
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-[11px]">无</p>
        )}
      </section>

      <section className="print-keep pt-1" data-testid="village-handwritten">
        <h2 className={heading}>五、签字（手写）</h2>
        <div className="grid grid-cols-2 gap-x-10 gap-y-4">
          {HANDWRITTEN.map((title) => (
            <SignatureBlank key={title} title={title} />
          ))}
        </div>
      </section>

      <footer className="print-keep mt-4 border-t border-black pt-1 text-[10px]">
        打印时间 {formatDateTime(new Date())} · 打印人 {actor.displayName} · 内容指纹 {view.hashShort}
        ：签字后村级条件、人口或佐证材料有变化时，系统中的签字显示为“已失效”
      </footer>
    </article>
  );
}
