import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProposeForm, ReturnToPovertyForm } from "@/components/exits/sheet-forms";
import { Card, CoverageList, CriteriaList, IncomeCalculation, SheetStatusBadge } from "@/components/exits/sheet-sections";
import { inputClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/page-guard";
import { HOUSEHOLD_STATUS, POVERTY_CAUSE, type HouseholdStatus } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { getExitPreview } from "@/lib/exits/household/get-exit-preview";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { openExitSheetAction, returnToPovertyAction } from "../../../exits/actions";

export const metadata: Metadata = { title: "入户核验与提出退出" };

/** 入户核验: the six criteria on the archive's current data, then 提出脱贫退出 (or 返贫 for an exited household). */
export default async function HouseholdExitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ year?: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("exit.read");
  const preview = await orNotFound(async () => getExitPreview(actor, id, (await searchParams).year));
  const { household } = preview;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`/households/${household.id}`} className="hover:underline">
            户档
          </Link>{" "}
          / 入户核验
        </p>
        <h1 className="text-xl font-semibold">
          {household.headName ?? "（无户主）"} 户 · 入户核验与脱贫退出{" "}
          <span className="ml-1 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal" data-testid="household-status">
            {HOUSEHOLD_STATUS.label(household.status as HouseholdStatus)}
            {household.exitYear && household.status === "EXITED" ? `（${household.exitYear}年）` : ""}
          </span>
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          户编号 <span className="font-mono">{household.householdNo}</span> · {household.townshipName}
          {household.villageName} · 帮扶责任人 {household.helperName}
        </p>
      </div>

      {preview.sheets.length ? (
        <Card title="本户的退出核验表" id="sheets-title">
          <ul className="space-y-1 text-sm" data-testid="household-sheets">
            {preview.sheets.map((sheet) => (
              <li key={sheet.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/exits/${sheet.id}`} className="font-medium text-brand-700 underline">
                  {sheet.assessmentYear}年度核验表
                </Link>
                <SheetStatusBadge status={sheet.status} label={sheet.statusLabel} />
                <span className="text-xs text-slate-500">第{sheet.round}轮</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <form className="flex flex-wrap items-end gap-2" aria-label="选择评估年度">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">评估年度</span>
          <select name="year" defaultValue={preview.year} className={`${inputClass} w-32`}>
            {preview.years.map((year) => (
              <option key={year} value={year}>
                {year}年{preview.lineYears.includes(year) ? "" : "（未设贫困线）"}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">核验</button>
      </form>

      {preview.povertyLineFen === null ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="no-poverty-line">
          {preview.year}年度尚未设置贫困线，无法判断收入是否达标（下面“收入达标”一项因此显示未达标）。请县扶贫办在“系统设置”中设置该年度贫困线
          {preview.latestLineYear ? (
            <>
              ，或改选已设贫困线的年度：
              <Link href={`/households/${household.id}/exit?year=${preview.latestLineYear}`} className="font-medium text-brand-700 underline">
                {preview.latestLineYear}年
              </Link>
            </>
          ) : null}
          。
        </p>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={`两不愁三保障核验（${preview.year}年度，${preview.allMet ? "全部达标" : "未全部达标"}）`} id="criteria-title">
          <p className="mb-1 text-xs text-slate-500">
            按户档当前数据逐项计算；年龄按 {preview.asOf} 计算。内容指纹{" "}
            <span className="font-mono" data-testid="content-hash" data-hash={preview.hash}>
              {preview.hashShort}
            </span>
          </p>
          <CriteriaList criteria={preview.criteria} />
        </Card>
        <div className="space-y-4">
          <Card title={`收入核算（${preview.year}年度）`} id="income-title">
            <IncomeCalculation income={preview.income} year={preview.year} lineFen={preview.povertyLineFen} />
          </Card>
          <Card title="因户施策：致贫原因覆盖情况" id="coverage-title">
            <CoverageList coverage={preview.coverage} />
          </Card>
        </div>
      </div>

      {preview.mayPropose ? (
        <Card title="提出脱贫退出" id="propose-title" className="border-brand-100">
          <p className="mb-3 text-sm text-slate-600">
            两不愁三保障全部达标。提出后依次进行：村两委民主评议 → 驻村工作队核实 → 贫困户认可 → 村内公示 → 乡镇审核 → 县扶贫办审定。
          </p>
          <ProposeForm householdId={household.id} year={preview.year} action={openExitSheetAction} />
        </Card>
      ) : preview.proposeBlocked ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="propose-blocked">
          不能提出脱贫退出：{preview.proposeBlocked}
        </p>
      ) : null}

      {preview.mayReturnToPoverty ? (
        <Card title="返贫" id="return-title">
          <p className="mb-3 text-sm text-slate-600">已脱贫户因病、因灾等原因返贫的，登记返贫原因和新的致贫原因，重新纳入帮扶（户档和原核验表保留）。</p>
          <ReturnToPovertyForm
            householdId={household.id}
            version={household.version}
            primaryCause={preview.primaryCause}
            otherCauses={preview.otherCauses}
            causes={optionsOf(POVERTY_CAUSE)}
            action={returnToPovertyAction}
          />
        </Card>
      ) : null}
    </div>
  );
}
