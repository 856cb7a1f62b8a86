import type { CriterionResult } from "@/lib/exits/criterion";
import type { ExitIncome } from "@/lib/exits/household/content";
import type { CoverageView } from "@/lib/exits/household/presentation";
import { formatDateTime } from "@/lib/dates";
import { formatFen } from "@/lib/income/money";

/** Display parts of the 退出核验表, shared by the sheet page, the 入户核验 page and the print layout. */

export function MetBadge({ met, yes = "达标", no = "未达标" }: { met: boolean; yes?: string; no?: string }) {
  return met ? (
    <span className="inline-block shrink-0 rounded bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 print:border print:border-slate-500">
      ✓ {yes}
    </span>
  ) : (
    <span className="inline-block shrink-0 rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 print:border print:border-slate-500">✗ {no}</span>
  );
}

const STATE_STYLE: Record<string, string> = {
  DONE: "bg-green-50 text-green-800 border-green-200",
  INVALID: "bg-amber-50 text-amber-900 border-amber-300",
  PENDING: "bg-blue-50 text-blue-800 border-blue-200",
  WAITING: "bg-slate-50 text-slate-500 border-slate-200",
};

export function StepStateBadge({ state, label }: { state: string; label: string }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${STATE_STYLE[state] ?? ""}`}>{label}</span>;
}

const SHEET_STATUS_STYLE: Record<string, string> = {
  IN_PROGRESS: "bg-blue-50 text-blue-800",
  REJECTED: "bg-amber-50 text-amber-900",
  APPROVED: "bg-green-50 text-green-800",
};

export function SheetStatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge font-medium ${SHEET_STATUS_STYLE[status] ?? "bg-slate-100"}`}>{label}</span>;
}

/** Each criterion met / not met, with the reason and the data behind it. */
export function CriteriaList({ criteria, compact = false }: { criteria: CriterionResult<string>[]; compact?: boolean }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="退出标准核验结果" data-testid="criteria">
      {criteria.map((criterion) => (
        <li key={criterion.code} className={`${compact ? "py-1.5" : "py-3"} break-inside-avoid print:py-1`} data-testid={`criterion-${criterion.code}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium print:text-sm">{criterion.label}</span>
            <MetBadge met={criterion.met} />
          </div>
          <p className={`mt-1 text-sm print:mt-0 print:text-xs ${criterion.met ? "text-slate-700" : "font-medium text-red-700"}`}>{criterion.reason}</p>
          {criterion.facts.length ? (
            <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
              {criterion.facts.map((fact, index) => (
                <div key={`${fact.label}-${index}`} className="flex gap-1">
                  <dt className="text-slate-500">{fact.label}：</dt>
                  <dd>{fact.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * 人均纯收入 = (工资性 + 生产经营性 − 生产经营性支出 + 财产性 + 转移性) ÷ 在户人口, with every figure.
 * `compact` (the printed sheet): the same rows two to a line, in a smaller type.
 */
export function IncomeCalculation({
  income,
  year,
  lineFen,
  compact = false,
}: {
  income: ExitIncome | null;
  year: number;
  lineFen: number | null;
  compact?: boolean;
}) {
  if (!income) {
    return <p className="text-sm text-red-700">该户没有{year}年度的收入记录，无法计算人均纯收入。</p>;
  }
  const c = income.components;
  const t = c.transfer;
  const yuan = (fen: number) => `${formatFen(fen)} 元`;
  const rows: [string, string][] = [
    ["工资性收入", yuan(c.wageFen)],
    ["生产经营性收入", yuan(c.businessIncomeFen)],
    ["生产经营性支出", c.businessExpenseFen === 0 ? yuan(0) : `−${yuan(c.businessExpenseFen)}`],
    ["财产性收入", yuan(c.propertyFen)],
    [
      "转移性收入",
      `${yuan(income.result.transferFen)}（低保金 ${formatFen(t.minimumLivingFen)}、特困供养金 ${formatFen(t.extremePovertySupportFen)}、养老金 ${formatFen(t.pensionFen)}、计划生育金 ${formatFen(t.familyPlanningFen)}、生态补偿金 ${formatFen(t.ecologicalCompensationFen)}、其他 ${formatFen(t.otherTransferFen)}）`,
    ],
    ["家庭纯收入", yuan(income.result.netIncomeFen)],
    ["在户人口", `${income.presentMembers} 人`],
    ["人均纯收入", income.result.perCapitaFen === null ? "无法计算" : yuan(income.result.perCapitaFen)],
    [`${year}年度贫困线`, lineFen === null ? "未设置" : `${yuan(lineFen)}/人·年`],
    ["政策性收入占比", income.result.policyShare.percent ?? "—"],
  ];
  if (compact) {
    const [transferRow] = rows.splice(4, 1);
    const pairs = Array.from({ length: Math.ceil(rows.length / 2) }, (_, index) => rows.slice(index * 2, index * 2 + 2));
    const th = "border border-slate-500 bg-slate-50 px-1.5 py-0.5 text-left font-normal whitespace-nowrap";
    const td = "border border-slate-500 px-1.5 py-0.5";
    return (
      <div className="space-y-1 text-[11px]" data-testid="income-calculation">
        <table className="w-full border-collapse">
          <tbody>
            {pairs.map((pair) => (
              <tr key={pair[0][0]}>
                {pair.flatMap(([label, value]) => [
                  <th key={`${label}-label`} scope="row" className={th}>
                    {label}
                  </th>,
                  <td key={`${label}-value`} className={td} colSpan={pair.length === 1 ? 3 : 1}>
                    {value}
                  </td>,
                ])}
              </tr>
            ))}
            <tr>
              <th scope="row" className={th}>
                {transferRow[0]}
              </th>
              <td className={td} colSpan={3}>
                {transferRow[1]}
              </td>
            </tr>
          </tbody>
        </table>
        <p className="font-mono text-[10px] leading-snug">{income.result.formula}</p>
        <p className="font-medium">{income.comparison.message}</p>
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm print:space-y-1 print:text-xs" data-testid="income-calculation">
      <table className="w-full border-collapse text-sm print:text-xs">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className="border-b border-slate-100">
              <th scope="row" className="w-36 py-1 pr-2 text-left font-normal text-slate-500 print:w-28 print:py-0">
                {label}
              </th>
              <td className="py-1 print:py-0">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="rounded bg-slate-50 p-2 font-mono text-xs leading-relaxed text-slate-700 print:bg-white">{income.result.formula}</p>
      <p className={income.comparison.status === "ABOVE" ? "text-green-800" : "font-medium text-red-700"}>{income.comparison.message}</p>
    </div>
  );
}

export function CoverageList({ coverage, compact = false }: { coverage: CoverageView[]; compact?: boolean }) {
  if (coverage.length === 0) return <p className="text-sm text-slate-500">未登记致贫原因</p>;
  return (
    <ul className={compact ? "space-y-0.5 text-[11px]" : "space-y-1.5 text-sm"} data-testid="exit-coverage">
      {coverage.map((row) => (
        <li key={row.cause} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">
            {row.causeLabel}
            {row.primary ? <span className="ml-1 text-xs text-slate-500">（主要）</span> : null}
          </span>
          {row.covered ? (
            <span className="rounded bg-green-50 px-2 py-0.5 text-green-800">
              已覆盖：{row.coveredBy.map((measure) => `${measure.categoryLabel}·${measure.item}（${measure.statusLabel}）`).join("、")}
            </span>
          ) : (
            <span className="rounded bg-red-50 px-2 py-0.5 font-medium text-red-700">未覆盖：尚无对应的帮扶措施</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export type StepRow = {
  step: string;
  label: string;
  state: string;
  stateLabel: string;
  signature: { name: string; roleLabel: string; signedAt: Date } | null;
};

/** The chain: each step with its state (已完成 / 已失效 / 待办理 / 未开始) and who acted when. */
export function ChainSteps({ steps, label = "退出程序" }: { steps: StepRow[]; label?: string }) {
  return (
    <ol className="space-y-2 print:space-y-0.5" aria-label={label} data-testid="chain">
      {steps.map((step, index) => (
        <li
          key={step.step}
          className="flex flex-wrap items-center gap-2 rounded-md border border-slate-100 px-3 py-2 text-sm break-inside-avoid print:py-0.5 print:text-xs"
          data-testid={`step-${step.step}`}
        >
          <span className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-800 text-xs text-white">{index + 1}</span>
          <span className="min-w-28 font-medium">{step.label}</span>
          <StepStateBadge state={step.state} label={step.stateLabel} />
          {step.signature ? (
            <span className={`text-xs ${step.state === "INVALID" ? "text-amber-900 line-through decoration-amber-600" : "text-slate-600"}`}>
              {step.signature.name}（{step.signature.roleLabel}） {formatDateTime(step.signature.signedAt)}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const SIGNATURE_STATE: Record<string, { label: string; style: string }> = {
  VALID: { label: "有效", style: "text-green-800" },
  INVALID: { label: "已失效", style: "text-amber-900 font-medium" },
  SUPERSEDED: { label: "已失效（已重新签署）", style: "text-slate-500" },
  EARLIER_ROUND: { label: "上一轮（已退回）", style: "text-slate-500" },
};

export type SignatureRow = {
  id: string;
  round: number;
  stepLabel: string;
  name: string;
  roleLabel: string;
  signedAt: Date;
  opinion: string | null;
  state: string;
  hashShort?: string;
};

/** Every signature and recorded step of every round: name, role, time, opinion, validity. */
export function SignatureTable({ signatures, showHash = false }: { signatures: SignatureRow[]; showHash?: boolean }) {
  if (signatures.length === 0) return <p className="text-sm text-slate-500">暂无签字记录</p>;
  // By the width it is given, not the screen's: beside the review checklist the table would squeeze the opinions into a column of single characters.
  return (
    <div className="@container">
      <ul className="space-y-2 @xl:hidden print:hidden" aria-label="签字记录（列表）">
        {signatures.map((row) => {
          const state = SIGNATURE_STATE[row.state] ?? { label: row.state, style: "" };
          return (
            <li key={row.id} className="rounded-md border border-slate-100 px-3 py-2 text-sm">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{row.stepLabel}</span>
                <span className={`text-xs ${state.style}`}>{state.label}</span>
              </p>
              <p className="text-slate-700">
                {row.name}（{row.roleLabel}） · 第{row.round}轮
              </p>
              <p className="text-xs text-slate-500">{formatDateTime(row.signedAt)}</p>
              {row.opinion ? <p className="mt-1 text-slate-700">{row.opinion}</p> : null}
            </li>
          );
        })}
      </ul>
      <div className="hidden overflow-x-auto @xl:block print:block">
        <table className="min-w-full border-collapse text-sm print:text-xs" aria-label="签字记录" data-testid="signatures">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="border-b border-slate-200 px-2 py-1">轮次</th>
              <th className="border-b border-slate-200 px-2 py-1">环节</th>
              <th className="border-b border-slate-200 px-2 py-1">签字人</th>
              <th className="border-b border-slate-200 px-2 py-1">角色</th>
              <th className="border-b border-slate-200 px-2 py-1">时间</th>
              <th className="border-b border-slate-200 px-2 py-1">意见</th>
              <th className="border-b border-slate-200 px-2 py-1">状态</th>
              {showHash ? <th className="border-b border-slate-200 px-2 py-1">内容指纹</th> : null}
            </tr>
          </thead>
          <tbody>
            {signatures.map((row) => {
              const state = SIGNATURE_STATE[row.state] ?? { label: row.state, style: "" };
              return (
                <tr key={row.id} className="border-b border-slate-100 align-top">
                  <td className="px-2 py-1 whitespace-nowrap">第{row.round}轮</td>
                  <td className="px-2 py-1 whitespace-nowrap">{row.stepLabel}</td>
                  <td className="px-2 py-1 whitespace-nowrap font-medium">{row.name}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{row.roleLabel}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{formatDateTime(row.signedAt)}</td>
                  <td className="px-2 py-1">{row.opinion ?? ""}</td>
                  <td className={`px-2 py-1 whitespace-nowrap ${state.style}`}>{state.label}</td>
                  {showHash ? <td className="px-2 py-1 font-mono text-xs">{row.hashShort}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function Card({ title, children, id, className = "" }: { title: string; children: React.ReactNode; id?: string; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 print:rounded-none print:border-0 print:p-0 ${className}`} aria-labelledby={id}>
      <h2 id={id} className="print-heading mb-3 font-semibold print:mb-1 print:border-b print:border-slate-400 print:text-sm">
        {title}
      </h2>
      {children}
    </section>
  );
}
