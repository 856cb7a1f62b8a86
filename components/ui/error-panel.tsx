"use client";

import Link from "next/link";
import { useEffect } from "react";

/**
 * What a user sees when a page fails to render (a database outage, a bug): Chinese, with a
 * retry and the reference Next gives the error so support can find it in the server log.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto my-10 max-w-md rounded-lg border border-amber-300 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">页面暂时无法显示</h1>
      <p className="mt-2 text-sm text-slate-600">系统暂时无法完成请求（可能是数据库暂时无法连接）。您填写的内容没有提交，请稍后重试。</p>
      {error.digest ? <p className="mt-2 text-xs text-slate-500">参考号：{error.digest}</p> : null}
      <div className="mt-4 flex justify-center gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-800">
          重试
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-5 py-2 text-slate-700">
          返回首页
        </Link>
      </div>
    </div>
  );
}
