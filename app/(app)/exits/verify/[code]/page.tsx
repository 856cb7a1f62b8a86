import type { Metadata } from "next";
import Link from "next/link";
import { inputClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/page-guard";
import { verifyByCode } from "@/lib/exits/household/verify-by-code";
import { orNotFound } from "@/lib/page-helpers";

export const metadata: Metadata = { title: "核验表查验" };

/**
 * 扫码核验: the QR code of a printed sheet leads here with the content fingerprint it was
 * printed with; the page says whether the paper still matches the current record.
 */
export default async function VerifyPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ h?: string }> }) {
  const actor = await requirePage("exit.read");
  const { code } = await params;
  const { h } = await searchParams;
  const result = await orNotFound(() => verifyByCode(actor, decodeURIComponent(code), h ?? null));
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-xl font-semibold">纸质核验表查验</h1>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p>
          核验码 <span className="font-mono font-semibold">{result.verificationCode}</span>
        </p>
        <p>
          {result.headName ?? "（无户主）"} 户 · 户编号 <span className="font-mono">{result.householdNo}</span> · {result.townshipName}
          {result.villageName} · {result.assessmentYear}年度 · {result.statusLabel}
        </p>
        <p>
          当前记录的内容指纹：<span className="font-mono">{result.currentHashShort}</span>
        </p>
      </section>
      {result.matches === true ? (
        <p className="rounded-lg border-2 border-green-600 bg-green-50 p-4 text-lg font-semibold text-green-800" role="status" data-testid="verify-result">
          ✓ 与当前记录一致
        </p>
      ) : result.matches === false ? (
        <p className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-lg font-semibold text-amber-900" role="status" data-testid="verify-result">
          ✗ 已过期（内容已变化）：纸质核验表打印后，该户数据或核验表内容已有变化，请以系统当前记录为准。
        </p>
      ) : (
        <form className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-label="输入纸质表上的内容指纹">
          <label htmlFor="h" className="block text-sm font-medium">
            请输入纸质核验表上打印的内容指纹（12 位）
          </label>
          <input id="h" name="h" maxLength={64} className={`${inputClass} font-mono`} />
          <button className="min-h-10 rounded-md bg-slate-800 px-4 text-sm text-white">核对</button>
        </form>
      )}
      <Link href={`/exits/${result.sheetId}`} className="inline-block text-sm text-brand-700 underline">
        查看核验表
      </Link>
    </div>
  );
}
