import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { ActivityLog } from "@/components/ui/activity-log";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { getTargetBoard, targetHistory, type ReductionTargetFigures, type TargetRow, type TownshipTargetRow } from "@/lib/dashboard/targets";
import { formatDateTime } from "@/lib/dates";
import { clearReductionTargetAction, saveReductionTargetAction } from "./actions";
import { TargetForm } from "./target-form";

export const metadata: Metadata = { title: "年度减贫任务" };

type Search = { year?: string; history?: string };

const figures = (target: { households: number; people: number }) => `${target.households} 户 ${target.people} 人`;

export default async function ReductionTargetsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("dashboard.read");
  const search = await searchParams;
  const board = await getTargetBoard(actor, search.year);
  const edits = can(actor, "target.manage");
  const rows = [...board.townships.flatMap((township) => [township, ...township.villages]), ...board.villagesOnly];
  // Only a region listed on this page (so within the reader's scope) has its history loaded.
  const historyRegion = rows.find((row) => row.code === search.history);
  const history = historyRegion ? await targetHistory(actor, historyRegion.code, board.year) : null;
  const context: RowContext = { year: board.year, edits, history: historyRegion ? { code: historyRegion.code, entries: history ?? [] } : null };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">年度减贫任务</h1>
          <p className="mt-1 text-sm text-slate-600">
            县扶贫办向各乡镇下达当年计划脱贫的户数和人数，可细化到村；各村任务合计不能超过所在乡镇的任务。挂图作战按此显示完成进度。
          </p>
        </div>
        <form className="flex items-end gap-2" aria-label="选择年度">
          <select name="year" defaultValue={board.year} aria-label="年度" className={`${inputClass} w-28`}>
            {board.years.map((year) => (
              <option key={year} value={year}>
                {year}年
              </option>
            ))}
          </select>
          <button className="min-h-11 whitespace-nowrap rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查看</button>
        </form>
      </div>

      {board.countyTotal ? (
        <section className="rounded-lg border border-brand-100 bg-brand-50 p-4" aria-label="全县任务" data-testid="county-target">
          <h2 className="text-sm font-medium text-slate-700">{board.year}年度全县减贫任务（各乡镇任务之和）</h2>
          <p className="mt-1 text-2xl font-semibold text-slate-900">{figures(board.countyTotal)}</p>
          <p className="mt-1 text-sm text-slate-600">
            已下达 {board.countyTotal.townshipsSet} / {board.countyTotal.townships} 个乡镇
          </p>
        </section>
      ) : null}

      {board.hasTargets ? null : (
        <EmptyState>
          本年度尚未下达减贫任务
          {edits ? <span className="mt-1 block text-sm">在下方为各乡镇（村）填写计划脱贫户数和人数后点“下达”。</span> : null}
        </EmptyState>
      )}

      {board.townships.length || board.villagesOnly.length ? (
        <div className="space-y-3">
          {board.townships.map((township) => (
            <TownshipCard key={township.code} township={township} context={context} />
          ))}
          {board.villagesOnly.length ? (
            <section className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {board.villagesOnly.map((village) => (
                <RegionRow key={village.code} row={village} context={context} />
              ))}
            </section>
          ) : null}
        </div>
      ) : (
        <EmptyState>您的管辖范围内没有乡镇或村</EmptyState>
      )}
    </div>
  );
}

type RowContext = { year: number; edits: boolean; history: { code: string; entries: Awaited<ReturnType<typeof targetHistory>> } | null };

function TownshipCard({ township, context }: { township: TownshipTargetRow; context: RowContext }) {
  const { villageTotal, target } = township;
  const remaining = target ? { households: target.households - villageTotal.households, people: target.people - villageTotal.people } : null;
  const opened = context.history !== null && township.villages.some((village) => village.code === context.history?.code);
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-label={township.name} data-testid={`township-${township.code}`}>
      <RegionRow row={township} context={context} heading />
      {township.villages.length ? (
        <details className="border-t border-slate-100" open={opened}>
          <summary className="cursor-pointer px-4 py-3 text-sm text-brand-700">
            各村任务（已下达 {villageTotal.villagesSet} / {township.villages.length} 个村，合计 {figures(villageTotal)}
            {remaining ? `，尚未分解到村 ${figures(remaining)}` : ""}）
          </summary>
          <div className="divide-y divide-slate-100 border-t border-slate-100 bg-slate-50/50">
            {township.villages.map((village) => (
              <RegionRow key={village.code} row={village} context={context} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}

function LastChange({ target }: { target: ReductionTargetFigures }) {
  return (
    <span className="text-xs text-slate-500">
      {target.updatedByName || "（未知用户）"} 于 {formatDateTime(target.updatedAt)} 设定
    </span>
  );
}

function RegionRow({ row, context, heading = false }: { row: TargetRow; context: RowContext; heading?: boolean }) {
  const { target } = row;
  const showsHistory = context.history?.code === row.code;
  const historyHref = showsHistory
    ? `/dashboard/targets?year=${context.year}`
    : `/dashboard/targets?year=${context.year}&history=${row.code}#history-${row.code}`;
  const Title = heading ? "h2" : "h3";
  return (
    <div className={`space-y-2 ${heading ? "p-4" : "px-4 py-3"}`} data-testid={`target-${row.code}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Title className={heading ? "font-semibold" : "text-sm font-medium"}>{row.name}</Title>
        <p className="text-sm">{target ? <span className="font-medium">{figures(target)}</span> : <span className="text-slate-500">未下达</span>}</p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        {target ? <LastChange target={target} /> : <span />}
        <Link href={historyHref} scroll={!showsHistory} className="text-xs text-brand-700 underline">
          {showsHistory ? "收起变更记录" : "变更记录"}
        </Link>
      </div>
      {context.edits ? (
        <div className="space-y-2">
          <TargetForm action={saveReductionTargetAction} region={{ code: row.code, name: row.name }} year={context.year} target={target} />
          {target ? (
            <ActionForm
              action={clearReductionTargetAction}
              hidden={{ regionCode: row.code, year: context.year, version: target.version }}
              label="撤销任务"
              tone="danger"
              confirmText={`确定撤销${row.name}${context.year}年度的减贫任务（${figures(target)}）吗？撤销会记入变更记录。`}
            />
          ) : null}
        </div>
      ) : null}
      {showsHistory ? (
        <div id={`history-${row.code}`} className="rounded-md border border-slate-200 bg-white p-3">
          <h4 className="mb-2 text-sm font-medium">
            {row.name}
            {context.year}年度任务变更记录
          </h4>
          <ActivityLog entries={context.history?.entries ?? []} testId={`history-log-${row.code}`} />
        </div>
      ) : null}
    </div>
  );
}
