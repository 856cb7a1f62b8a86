import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center">
        <h1 className="text-lg font-semibold">页面不存在</h1>
        <p className="mt-2 text-sm text-slate-600">您访问的页面不存在，或不在您的管辖范围内。</p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          返回首页
        </Link>
      </div>
    </main>
  );
}
