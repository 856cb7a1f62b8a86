import Link from "next/link";
import { inputClass } from "@/components/ui/styles";

/**
 * A code that matches no sheet the user may see. Out of scope answers exactly like missing, so the
 * words are the same for both: the code is not valid (never "页面不存在", which reads as a broken link).
 */
export default function InvalidCode() {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-xl font-semibold">纸质核验表查验</h1>
      <section className="space-y-3 rounded-lg border-2 border-red-600 bg-red-50 p-4" role="alert" data-testid="verify-invalid">
        <p className="text-lg font-semibold text-red-800">核验码无效</p>
        <p className="text-sm text-red-900">没有找到与这个核验码对应的退出核验表（或不在您的管辖范围内）。请对照纸质核验表上打印的核验码逐位核对后重新输入。</p>
      </section>
      <form action="/exits/verify" className="flex flex-wrap gap-2 rounded-lg border border-slate-200 bg-white p-4" role="search" aria-label="核验码查询">
        <label htmlFor="verify-code" className="w-full text-sm font-medium">
          核验码
        </label>
        <input
          id="verify-code"
          name="code"
          maxLength={20}
          autoCapitalize="characters"
          autoComplete="off"
          className={`${inputClass} max-w-xs flex-1 font-mono`}
        />
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查验</button>
      </form>
      <Link href="/exits" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        返回退出核验
      </Link>
    </div>
  );
}
