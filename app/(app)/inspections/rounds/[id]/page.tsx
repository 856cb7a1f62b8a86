import type { Metadata } from "next";
import Link from "next/link";
import { DrawForm } from "@/components/inspections/sampling/draw-form";
import { PickStatus } from "@/components/inspections/sampling/pick-status";
import { PrintButton } from "@/components/ui/print-button";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { SAMPLE_KIND } from "@/lib/domain/codes";
import { getSamplingRound, verifySamplingRound, type PickView, type RoundVerification } from "@/lib/inspections/rounds/queries";
import { drawSamplingRoundAction } from "../actions";

export const metadata: Metadata = { title: "抽查轮次" };

function Hash({ value }: { value: string }) {
  return <code className="break-all font-mono text-xs text-slate-700">{value}</code>;
}

function Verification({ result, names }: { result: RoundVerification; names: Map<string, string> }) {
  if (result.ok) {
    return (
      <div className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900" data-testid="verify-result" role="status">
        <p className="font-semibold">一致</p>
        <p className="text-sm">按冻结名单和公开随机数重新计算的哈希值、种子和抽取顺序（含替换户）与记录的样本完全一致。</p>
      </div>
    );
  }
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900" data-testid="verify-result" role="status">
      <p className="font-semibold">不一致</p>
      {result.strata
        .filter((stratum) => !stratum.ok)
        .map((stratum) => (
          <div key={stratum.kind} className="mt-2 text-sm">
            <p>
              {SAMPLE_KIND.label(stratum.kind)}：{stratum.populationHashMatches ? "名单哈希一致" : "名单哈希不一致（冻结名单被改动）"}；
              {stratum.seedMatches ? "种子一致" : "种子不一致"}；差异 {stratum.differences.length} 处
            </p>
            <ul className="list-disc pl-5">
              {stratum.differences.slice(0, 50).map((difference) => (
                <li key={`${difference.townshipCode}-${difference.ordinal}-${difference.recordedHouseholdId}`}>
                  {names.get(difference.townshipCode) ?? difference.townshipCode} 第 {difference.ordinal} 位：应为{" "}
                  {names.get(difference.expectedHouseholdId ?? "") ?? "（无）"}，记录为 {names.get(difference.recordedHouseholdId ?? "") ?? "（无）"}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

export default async function RoundPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ verify?: string; township?: string }>;
}) {
  const actor = await requirePage("inspection.read");
  const { id } = await params;
  const search = await searchParams;
  const round = await getSamplingRound(actor, id);
  const verification = round.publicValue && search.verify ? await verifySamplingRound(actor, round.id) : null;
  const names = new Map<string, string>([
    ...round.strata.flatMap((stratum) => stratum.townships.map((township) => [township.code, township.name] as [string, string])),
    ...round.picks.map((pick) => [pick.entryId, pick.label] as [string, string]),
  ]);
  const checks = can(actor, "fieldCheck.write");
  const sampledTownships = [...new Map(round.strata.flatMap((stratum) => stratum.townships).map((township) => [township.code, township.name])).entries()];
  const townshipFilter = sampledTownships.some(([code]) => code === search.township) ? search.township : undefined;
  const checked = round.picks.filter((pick) => pick.check).length;

  return (
    <div className="space-y-5">
      <Link href="/inspections/rounds" className="no-print text-sm text-brand-700 underline">
        ← 抽查轮次
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{round.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {round.publicValue ? `已抽取 · 已核查 ${checked} / ${round.picks.length} 户（含替换户）` : "待抽取：名单已冻结，等待公开随机数"}
          </p>
        </div>
        <div className="no-print">
          <PrintButton />
        </div>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="轮次定义">
        <h2 className="mb-2 font-semibold">轮次定义</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">抽查总体</dt>
            <dd>
              {round.populationYear}年脱贫的建档立卡户{round.strata.some((s) => s.kind === "LISTED") ? "；未建档户名单" : ""}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">抽查范围</dt>
            <dd>{round.wholeCounty ? "全县" : round.townships.map((township) => township.name).join("、")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">样本量</dt>
            <dd>{round.sizeRule}</dd>
          </div>
          <div>
            <dt className="text-slate-500">公开随机数来源</dt>
            <dd>{round.publicSource}</dd>
          </div>
          <div>
            <dt className="text-slate-500">建立</dt>
            <dd>
              {round.creatorName} · {formatDateTime(round.createdAt)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">抽样算法</dt>
            <dd>
              <code className="text-xs">{round.algorithm}</code>（SHA-256 种子 + Fisher–Yates 洗牌，逐乡镇独立）
            </dd>
          </div>
        </dl>
      </section>

      <section className="space-y-3" aria-label="冻结的总体名单">
        <h2 className="font-semibold">冻结的总体名单</h2>
        {round.strata.map((stratum) => (
          <div key={stratum.kind} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`stratum-${stratum.kind}`}>
            <h3 className="font-medium">
              {SAMPLE_KIND.label(stratum.kind)}：{stratum.populationCount} 户
            </h3>
            <p className="mt-1 text-sm">
              名单哈希（SHA-256）：
              <Hash value={stratum.populationHash} />
            </p>
            {stratum.seed ? (
              <p className="mt-1 text-sm">
                随机种子：
                <Hash value={stratum.seed} />
              </p>
            ) : null}
            <div className="mt-2 overflow-x-auto">
              <table className="w-full min-w-[32rem] text-left text-sm">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1 pr-3 font-normal">乡镇</th>
                    <th className="py-1 pr-3 font-normal">总体户数</th>
                    <th className="py-1 pr-3 font-normal">应抽户数</th>
                    <th className="py-1 pr-3 font-normal">乡镇名单哈希</th>
                  </tr>
                </thead>
                <tbody>
                  {stratum.townships.map((township) => (
                    <tr key={township.code} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3 whitespace-nowrap">{township.name}</td>
                      <td className="py-1 pr-3">{township.count}</td>
                      <td className="py-1 pr-3">{township.sampleSize}</td>
                      <td className="py-1 pr-3">
                        <Hash value={township.hash} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      {round.publicValue ? (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="抽取">
          <h2 className="font-semibold">抽取</h2>
          <p className="text-sm">
            公开随机数：<span className="font-mono font-medium">{round.publicValue}</span>（{round.publicSource}）· {round.drawerName} 于{" "}
            {round.drawnAt ? formatDateTime(round.drawnAt) : ""} 抽取
          </p>
          <p className="text-sm text-slate-600">
            种子 = SHA-256(公开随机数, 轮次编号 {round.id}, 名单哈希)。样本抽取后不可更改；无法入户的户按抽取顺序替换，并注明理由。
          </p>
          <div className="no-print">
            <Link
              href={`/inspections/rounds/${round.id}?verify=1#verify`}
              scroll={false}
              className="inline-flex min-h-11 items-center rounded-md bg-slate-800 px-4 text-sm font-medium text-white hover:bg-slate-900"
            >
              重新抽取验证
            </Link>
          </div>
          <div id="verify">{verification ? <Verification result={verification} names={names} /> : null}</div>
        </section>
      ) : can(actor, "sampling.manage") ? (
        <section className="rounded-lg border border-brand-100 bg-brand-50 p-4" aria-label="抽取样本">
          <h2 className="mb-2 font-semibold">抽取样本</h2>
          <p className="mb-3 text-sm text-slate-600">请在“{round.publicSource}”公布后填写。抽取只能进行一次。</p>
          <DrawForm action={drawSamplingRoundAction} roundId={round.id} version={round.version} publicSource={round.publicSource} />
        </section>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">尚未抽取样本。</p>
      )}

      {round.publicValue && sampledTownships.length > 1 ? (
        <form className="no-print flex flex-wrap items-end gap-2" aria-label="按乡镇查看样本">
          <select name="township" defaultValue={townshipFilter ?? ""} aria-label="乡镇" className={`${inputClass} w-44`}>
            <option value="">全部乡镇</option>
            {sampledTownships.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <button className="min-h-11 whitespace-nowrap rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查看样本</button>
        </form>
      ) : null}
      {round.publicValue
        ? round.strata.map((stratum) => (
            <section key={stratum.kind} className="space-y-2" aria-label={`样本：${SAMPLE_KIND.label(stratum.kind)}`}>
              <h2 className="font-semibold">样本：{SAMPLE_KIND.label(stratum.kind)}</h2>
              {stratum.townships
                .filter((candidate) => !townshipFilter || candidate.code === townshipFilter)
                .map((township) => {
                  const picks = round.picks.filter((pick) => pick.kind === stratum.kind && pick.townshipCode === township.code);
                  if (picks.length === 0) return null;
                  return (
                    <div key={township.code} className="rounded-lg border border-slate-200 bg-white" data-testid={`sample-${stratum.kind}-${township.code}`}>
                      <h3 className="border-b border-slate-100 px-4 py-2 text-sm font-medium">
                        {township.name}（抽中 {picks.length} 户，含替换）
                      </h3>
                      <ul className="divide-y divide-slate-100">
                        {picks.map((pick) => (
                          <PickRow key={pick.entryId} roundId={round.id} pick={pick} checks={checks} />
                        ))}
                      </ul>
                    </div>
                  );
                })}
            </section>
          ))
        : null}
    </div>
  );
}

function PickRow({ roundId, pick, checks }: { roundId: string; pick: PickView; checks: boolean }) {
  const href = `/inspections/rounds/${roundId}/checks/${pick.kind}/${pick.entryId}`;
  const open = !pick.check && !pick.replacedBy;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3" data-testid="pick-row">
      <div className="min-w-0">
        <p className="text-sm">
          <span className="mr-2 inline-block min-w-8 rounded bg-slate-100 px-1.5 text-center text-xs text-slate-600">#{pick.ordinal}</span>
          <span className="font-medium">{pick.label}</span>
          <span className="ml-2 text-slate-500">{pick.villageName}</span>
        </p>
        {pick.replacesEntryId ? (
          <p className="mt-1 text-xs text-amber-900">
            替换 {pick.replacesLabel}，理由：{pick.replacementReason}
          </p>
        ) : null}
        <div className="mt-1">
          <PickStatus pick={pick} />
        </div>
      </div>
      <Link
        href={href}
        className={`no-print inline-flex min-h-11 items-center rounded-md px-4 text-sm ${open && checks ? "bg-brand-700 font-medium text-white hover:bg-brand-800" : "border border-slate-300 bg-white hover:border-brand-600"}`}
      >
        {open && checks ? "入户核查" : "查看"}
      </Link>
    </li>
  );
}
