import Link from "next/link";
import { SeverityBadge } from "@/components/quality/severity-badge";

type Props = { regionWord: string; hits: number; rules: { code: string; title: string; severity: "ERROR" | "SUSPECT"; hits: number }[] };

/** The home page's 疑点数据 card (issue 12 point 6): how many open hits in the user's region, the worst rules first. */
export function QualityHomeCard({ regionWord, hits, rules }: Props) {
  return (
    <section className="no-print rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="home-quality-title" data-testid="home-quality">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="home-quality-title" className="text-base font-semibold">
          {regionWord} <span className={hits ? "text-red-700" : "text-green-700"}>{hits}</span> 条待处理疑点
        </h2>
        <Link href="/quality" className="flex min-h-11 items-center text-sm text-brand-700 hover:underline">
          查看疑点清单
        </Link>
      </div>
      {rules.length ? (
        <ol className="mt-2 divide-y divide-slate-100 text-sm">
          {rules.map((rule) => (
            <li key={rule.code}>
              <Link href={`/quality?rule=${rule.code}`} className="flex min-h-11 items-center gap-2 hover:bg-slate-50">
                <SeverityBadge severity={rule.severity} />
                <span className="font-mono text-xs text-slate-500">{rule.code}</span>
                <span className="min-w-0 flex-1 truncate">{rule.title}</span>
                <span className="tabular-nums text-slate-700">{rule.hits} 条</span>
              </Link>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-2 text-sm text-slate-500">暂无待处理的疑点数据。</p>
      )}
    </section>
  );
}
