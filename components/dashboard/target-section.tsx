import { OPEN_SHEET_STAGES, SHEET_STAGE, stageFigure } from "@/lib/dashboard/figures";
import { valueOf, type RegionSummary } from "@/lib/dashboard/queries";
import { targetProgress, type Progress } from "@/lib/dashboard/rules";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { Section } from "./section";

function ProgressBar({ label, progress, unit }: { label: string; progress: Progress; unit: string }) {
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span className="text-slate-600">{label}</span>
        <span className="tabular-nums">
          <strong>{progress.achieved.toLocaleString("zh-CN")}</strong> / {progress.target.toLocaleString("zh-CN")} {unit}（{progress.percentText}）
        </span>
      </div>
      <div
        className="mt-1 h-3 overflow-hidden rounded-full border border-slate-300 bg-slate-100 print:border-slate-600"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.barPercent}
      >
        <div className={`h-full ${progress.met ? "bg-emerald-700" : "bg-brand-600"} print:bg-slate-700`} style={{ width: `${progress.barPercent}%` }} />
      </div>
      <p className="mt-0.5 text-xs text-slate-500">{progress.met ? "已完成任务" : `还差 ${progress.remaining.toLocaleString("zh-CN")} ${unit}`}</p>
    </div>
  );
}

/** 年度减贫任务: exits of the year against the target, and the exit sheets still on their way this year. */
export function TargetSection({ region, context }: { region: RegionSummary; context: ViewContext }) {
  const exited = valueOf(region.figures, "exitedInYear");
  const progress = targetProgress(region.target, { households: exited.households, people: exited.people });
  const inProgress = OPEN_SHEET_STAGES.reduce((sum, stage) => sum + valueOf(region.figures, stageFigure(stage)).households, 0);
  return (
    <Section title={`${context.year}年减贫任务`} id="target">
      {progress.kind === "none" ? (
        <p className="text-sm text-amber-700">{region.level === "COUNTY" ? "各乡镇均未下达本年度减贫任务" : "未下达本年度减贫任务"}</p>
      ) : (
        <div className="space-y-3">
          <ProgressBar label="脱贫户数" progress={progress.households} unit="户" />
          <ProgressBar label="脱贫人数" progress={progress.people} unit="人" />
          {region.level === "COUNTY" && region.targetsMissing > 0 ? (
            <p className="text-xs text-amber-700">另有 {region.targetsMissing} 个乡镇未下达任务，未计入。</p>
          ) : null}
        </div>
      )}
      <h3 className="mt-4 text-sm font-medium text-slate-700">本年度退出核验表办理进度</h3>
      <ol className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="pipeline">
        {[...OPEN_SHEET_STAGES, "APPROVED" as const].map((stage) => (
          <li key={stage} className="rounded-md border border-slate-200 px-2 py-1.5 print:border-slate-400">
            <span className="block text-xs text-slate-500">{stage === "APPROVED" ? "已审定" : `待${SHEET_STAGE[stage]}`}</span>
            <FigureLink
              href={context.href(stageFigure(stage), region)}
              value={valueOf(region.figures, stageFigure(stage)).households}
              unit="份"
              label={SHEET_STAGE[stage]}
            />
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500">
        在办 {inProgress.toLocaleString("zh-CN")} 份核验表若于年内审定，将计入本年度脱贫；已退回{" "}
        <FigureLink
          href={context.href(stageFigure("REJECTED"), region)}
          value={valueOf(region.figures, stageFigure("REJECTED")).households}
          unit="份"
          label="已退回"
        />
        。
      </p>
    </Section>
  );
}
