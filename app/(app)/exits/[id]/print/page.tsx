import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { CoverageList, IncomeCalculation } from "@/components/exits/sheet-sections";
import { PrintButton } from "@/components/ui/print-button";
import { PrintPageStyle } from "@/components/ui/print-page-style";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { getExitSheet } from "@/lib/exits/household/get-exit-sheet";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { SignatureBlank } from "@/components/ui/signature-blank";

export const metadata: Metadata = { title: "脱贫退出核验表（打印）" };

const HANDWRITTEN = ["户主签字（按手印）", "帮扶责任人", "村两委（盖章）", "驻村工作队", "乡镇人民政府（盖章）", "县扶贫办（盖章）"];

const cell = "border border-slate-500 px-1.5 py-0.5 align-top";
const heading = "print-heading mb-1 border-l-4 border-black pl-2 font-bold";

/**
 * The paper 贫困户脱贫退出核验表: A4, criteria with data, income, every signature, blanks for handwriting, QR code.
 * Laid out to fit two pages for a household of ordinary size: tables in small type, the income figures two to a
 * line, sections that may run onto the next page with their rows and the handwritten signatures kept whole.
 */
export default async function PrintExitSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("exit.read");
  const view = await orNotFound(() => getExitSheet(actor, id));
  const { sheet, household } = view;
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost";
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${host}`;
  const verifyUrl = `${origin}/exits/verify/${sheet.verificationCode}?h=${view.hash}`;
  const qr = await QRCode.toString(verifyUrl, { type: "svg", margin: 1, width: 96, errorCorrectionLevel: "M" });
  const currentRound = view.signatures.filter((row) => row.round === sheet.round);
  return (
    <article className="print-doc mx-auto max-w-[210mm] bg-white p-4 text-[12px] leading-snug text-black sm:p-6 print:p-0" data-testid="print-exit-sheet">
      <PrintPageStyle
        header={`贫困户脱贫退出核验表 · 户编号 ${household.householdNo}`}
        headerRight={`核验码 ${sheet.verificationCode} · 内容指纹 ${view.hashShort}`}
      />
      <div className="no-print mb-4 flex justify-end">
        <PrintButton label="打印核验表" />
      </div>
      <header className="mb-2 flex items-start justify-between gap-4 border-b-2 border-black pb-1">
        <div>
          <h1 className="text-xl font-bold tracking-widest">贫困户脱贫退出核验表</h1>
          <p className="mt-1">
            {household.townshipName}
            {household.villageName} · 户编号 {household.householdNo} · 户主 {household.headName ?? "—"} · 评估年度 {sheet.assessmentYear} · 帮扶责任人{" "}
            {household.helperName}
          </p>
          <p>
            状态：{sheet.statusLabel} · 第{sheet.round}轮 · 核验码{" "}
            <span className="font-mono text-base font-bold" data-testid="print-code">
              {sheet.verificationCode}
            </span>{" "}
            · 内容指纹 <span className="font-mono">{view.hashShort}</span>
          </p>
        </div>
        <figure className="shrink-0 text-center">
          <div className="h-24 w-24" data-testid="qr-code" aria-label="核验二维码" role="img" dangerouslySetInnerHTML={{ __html: qr }} />
          <figcaption className="text-[10px]">扫码核验</figcaption>
        </figure>
      </header>

      <section className="mb-2">
        <h2 className={heading}>一、家庭成员（{view.members.filter((member) => member.present).length} 人在户）</h2>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]">
            <thead>
              <tr>
                {["姓名", "关系", "身份证号", "性别", "年龄", "医疗保险", "状态"].map((title) => (
                  <th key={title} className={`${cell} text-left`}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.members.map((member) => (
                <tr key={member.id}>
                  <td className={cell}>{member.name}</td>
                  <td className={cell}>{member.relationLabel}</td>
                  <td className={`${cell} font-mono`}>{member.idNumberMasked}</td>
                  <td className={cell}>{member.gender}</td>
                  <td className={cell}>{member.age ?? "—"}</td>
                  <td className={cell}>{member.insured ? "基本医保、大病保险" : "未全部参保"}</td>
                  <td className={cell}>{member.present ? "在户" : "不在户"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mb-2">
        <h2 className={heading}>二、两不愁三保障核验（年龄按 {view.asOf} 计算）</h2>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]" data-testid="print-criteria">
            <thead>
              <tr>
                <th className={`${cell} w-28 text-left`}>标准</th>
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

      <section className="mb-2">
        <h2 className={heading}>三、收入核算（{sheet.assessmentYear}年度）</h2>
        <IncomeCalculation income={view.income} year={sheet.assessmentYear} lineFen={view.povertyLineFen} compact />
      </section>

      <section className="mb-2">
        <h2 className={heading}>四、因户施策</h2>
        <CoverageList coverage={view.coverage} compact />
      </section>

      <section className="mb-2">
        <h2 className={heading}>五、退出程序与系统签字</h2>
        {sheet.review ? (
          <p className="mb-1">
            村两委民主评议：{sheet.review.date}，参会 {sheet.review.present} 人，评议结果：{sheet.review.result}
          </p>
        ) : null}
        {sheet.notice ? (
          <p className="mb-1">
            村内公示：{sheet.notice.postedOn} 张贴{sheet.notice.closedOn ? `，${sheet.notice.closedOn} 结束` : "，公示中"}；异议{" "}
            {view.objections.filter((objection) => objection.round === sheet.round).length} 条
          </p>
        ) : null}
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full min-w-[560px] border-collapse print:min-w-0 text-[11px]" data-testid="print-signatures">
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
                const row = currentRound.filter((signature) => signature.step === step.step).at(-1);
                return (
                  <tr key={step.step}>
                    <td className={`${cell} whitespace-nowrap`}>{step.label}</td>
                    <td className={`${cell} whitespace-nowrap`}>{row?.name ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>{row?.roleLabel ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>{row ? formatDateTime(row.signedAt) : ""}</td>
                    <td className={cell}>{row?.opinion ?? ""}</td>
                    <td className={`${cell} whitespace-nowrap`}>{step.stateLabel}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="print-keep mb-2 pt-1">
        <h2 className={heading}>六、签字（手写）</h2>
        <div className="grid grid-cols-2 gap-x-8 gap-y-3 sm:grid-cols-3 print:grid-cols-3" data-testid="handwritten">
          {HANDWRITTEN.map((title) => (
            <SignatureBlank key={title} title={title} />
          ))}
        </div>
      </section>

      <footer className="print-keep mt-3 border-t border-black pt-1 text-[10px]">
        打印时间 {formatDateTime(new Date())} · 打印人 {actor.displayName} · 查验：扫描右上角二维码，或登录系统在“退出核验”中输入核验码 {sheet.verificationCode}{" "}
        并核对内容指纹 {view.hashShort}
      </footer>
    </article>
  );
}
