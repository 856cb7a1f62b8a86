import Link from "next/link";

/** Missing and out-of-scope records look the same (ids leak nothing). */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">页面不存在</h1>
      <p className="mt-2 text-sm text-slate-600">该记录不存在，或不在您的管辖范围内。</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        返回首页
      </Link>
    </div>
  );
}
