import { insuranceSummary, memberStatusText, memberSummary, relationText } from "@/components/households/archive-view";
import { formatDateTime } from "@/lib/dates";
import {
  FUNDING_SOURCE,
  HOUSEHOLD_STATUS,
  MEASURE_CATEGORY,
  MEASURE_STATUS,
  POVERTY_CAUSE,
  type FundingSourceCode,
  type HouseholdStatus,
  type MeasureCategory,
  type MeasureStatus,
  type PovertyCause,
} from "@/lib/domain/codes";
import type { HouseholdHandbook } from "@/lib/households/get-household-handbook";
import { formatFen } from "@/lib/income/money";

/**
 * The sections of the printed 扶贫手册 (一户一档), in the order of the paper handbook. Every figure
 * comes from the handbook query as the screens show it (income from lib/income/rules.ts); this
 * file only lays it out for A4: bordered tables whose header row repeats on each page, rows that
 * are never cut (app/globals.css, `.print-doc`).
 */

const cell = "border border-slate-400 px-1 py-0.5 align-top";
const yuan = (fen: number) => `${formatFen(fen)}`;

export function SectionTitle({ children }: { children: React.ReactNode }) {
  return <h2 className="print-heading mt-4 mb-1 border-l-4 border-slate-800 pl-2 text-[13px] font-bold">{children}</h2>;
}

/** A bordered table; its header row repeats at the top of each page the table runs onto. */
export function PrintTable({
  columns,
  rows,
  label,
  testId,
  widths = [],
}: {
  columns: string[];
  rows: React.ReactNode[][];
  label: string;
  testId?: string;
  widths?: string[];
}) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="w-full min-w-[600px] border-collapse text-[11px] leading-snug print:min-w-0" aria-label={label} data-testid={testId}>
        <thead>
          <tr className="bg-slate-100 print:bg-slate-100">
            {columns.map((title, index) => (
              <th key={title} scope="col" className={`${cell} text-left font-medium ${widths[index] ?? ""}`}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((value, column) => (
                <td key={column} className={cell}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Empty = ({ children }: { children: React.ReactNode }) => <p className="text-[11px] text-slate-700">{children}</p>;

export function MembersTable({ handbook }: { handbook: HouseholdHandbook }) {
  return (
    <PrintTable
      label="家庭成员"
      testId="handbook-members"
      columns={["姓名", "关系", "身份证号", "性别", "出生日期", "文化、健康、劳动力、务工", "保障", "状态"]}
      widths={["w-14", "w-10", "w-36", "w-8", "w-20", "", "w-28", "w-14"]}
      rows={handbook.members.map((member) => [
        member.name,
        relationText(member),
        <span key="id" className="font-mono">
          {member.idNumberMasked}
        </span>,
        member.gender === "MALE" ? "男" : "女",
        member.birthDate,
        memberSummary(member),
        insuranceSummary(member),
        memberStatusText(member),
      ])}
    />
  );
}

/** 致贫原因 and whether each has a fitting measure under way (the coverage rule of lib/measures/rules.ts). */
export function CausesSection({ handbook }: { handbook: HouseholdHandbook }) {
  const { household, coverage, catchAll } = handbook;
  return (
    <div className="space-y-1 text-[11.5px]" data-testid="handbook-causes">
      <p>
        主要致贫原因：<strong>{POVERTY_CAUSE.label(household.primaryCause as PovertyCause)}</strong>；其他致贫原因：
        {household.otherCauses.length ? household.otherCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、") : "无"}
      </p>
      <PrintTable
        label="致贫原因与帮扶措施覆盖"
        columns={["致贫原因", "因户施策（实施中或已完成的适配措施）"]}
        widths={["w-28", ""]}
        rows={coverage.map((entry) => [
          POVERTY_CAUSE.label(entry.cause as PovertyCause),
          entry.covered
            ? `已覆盖：${entry.coveredBy.map((measure) => `${measure.item}（${MEASURE_STATUS.label(measure.status as MeasureStatus)}）`).join("、")}`
            : "未覆盖：尚无实施中或已完成的适配措施",
        ])}
      />
      {catchAll.length ? (
        <ul className="list-disc pl-5">
          {catchAll.map((flag) => (
            <li key={flag.id}>{flag.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function HelperSection({ handbook }: { handbook: HouseholdHandbook }) {
  const { helper } = handbook.household;
  return (
    <div className="space-y-1 text-[11.5px]" data-testid="handbook-helper">
      <p>
        帮扶责任人：<strong>{helper.displayName}</strong> · 联系电话：{helper.phone ?? "未登记"}
      </p>
      {handbook.assignments.length ? (
        <PrintTable
          label="帮扶责任人更换记录"
          columns={["更换时间", "原帮扶责任人", "新帮扶责任人", "原因", "经办人"]}
          widths={["w-32", "w-20", "w-20", "", "w-16"]}
          rows={handbook.assignments.map((row) => [formatDateTime(row.at), row.from, row.to, row.reason, row.by])}
        />
      ) : (
        <Empty>自建档以来未更换帮扶责任人。</Empty>
      )}
    </div>
  );
}

/** Each year's income, its parts, and the calculation exactly as lib/income/rules.ts#computeIncome wrote it. */
export function IncomeSection({ handbook }: { handbook: HouseholdHandbook }) {
  if (handbook.incomes.length === 0) return <Empty>尚未登记收入。</Empty>;
  return (
    <div className="space-y-1" data-testid="handbook-income">
      <PrintTable
        label="年度收入"
        columns={["年度", "工资性", "生产经营性", "经营支出", "财产性", "转移性", "家庭纯收入", "在户人口", "人均纯收入", "贫困线", "政策性收入占比"]}
        rows={handbook.incomes.map(({ record, result, lineFen }) => [
          `${record.year}`,
          yuan(record.wageFen),
          yuan(record.businessIncomeFen),
          record.businessExpenseFen === 0 ? "0.00" : `−${yuan(record.businessExpenseFen)}`,
          yuan(record.propertyFen),
          yuan(result.transferFen),
          yuan(result.netIncomeFen),
          `${handbook.presentCount}`,
          result.perCapitaFen === null ? "—" : yuan(result.perCapitaFen),
          lineFen === null ? "未设置" : yuan(lineFen),
          result.policyShare.percent ?? "—",
        ])}
      />
      <p className="text-[10px] text-slate-700">金额单位：元。转移性收入含低保金、特困供养金、养老金、计划生育金、生态补偿金和其他转移性收入。</p>
      <ol className="space-y-0.5 text-[10.5px]">
        {handbook.incomes.map(({ record, result, comparison }) => (
          <li key={record.year} className="break-inside-avoid">
            <span className="font-medium">{record.year} 年：</span>
            <span className="font-mono">{result.formula}</span>；{comparison.message}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function PlansSection({ handbook }: { handbook: HouseholdHandbook }) {
  if (handbook.plans.length === 0) return <Empty>档案中尚无脱贫计划（帮扶责任人可在户档页“脱贫计划”中按年度制定）。本户的帮扶安排见下列帮扶措施。</Empty>;
  return (
    <PrintTable
      label="脱贫计划"
      testId="handbook-plans"
      columns={["年度", "目标人均纯收入（元）", "计划脱贫年度", "计划措施", "实际人均纯收入（元）"]}
      widths={["w-12", "w-24", "w-20", "", "w-32"]}
      rows={handbook.plans.map((plan) => [
        `${plan.year}`,
        yuan(plan.targetPerCapitaFen),
        `${plan.plannedExitYear}`,
        plan.plannedMeasures,
        plan.actualPerCapitaFen === null
          ? "该年度尚未登记收入"
          : `${yuan(plan.actualPerCapitaFen)}（${plan.actualPerCapitaFen >= plan.targetPerCapitaFen ? "已达到目标" : "未达到目标"}）`,
      ])}
    />
  );
}

export function MeasuresSection({ handbook }: { handbook: HouseholdHandbook }) {
  if (handbook.measures.length === 0) return <Empty>尚无帮扶措施。</Empty>;
  return (
    <div className="space-y-1">
      <PrintTable
        label="帮扶措施"
        testId="handbook-measures"
        columns={["类别 · 项目", "针对致贫原因", "起止日期", "金额（元）", "资金来源", "帮扶单位", "状态", "成效（增收，元）"]}
        widths={["", "w-20", "w-24", "w-16", "w-16", "w-24", "w-12", "w-20"]}
        rows={handbook.measures.map((measure) => [
          `${MEASURE_CATEGORY.label(measure.category as MeasureCategory)} · ${measure.item}`,
          measure.addressedCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、"),
          `${measure.startDate}${measure.endDate ? ` 至 ${measure.endDate}` : " 起"}`,
          yuan(measure.amountFen),
          FUNDING_SOURCE.label(measure.fundingSource as FundingSourceCode),
          measure.responsibleUnit,
          MEASURE_STATUS.label(measure.status as MeasureStatus),
          measure.outcomeFen === null ? "—" : yuan(measure.outcomeFen),
        ])}
      />
      <p className="text-[11px]">
        共 {handbook.measures.length} 项，资金合计 <strong>{formatFen(handbook.totalAmountFen)} 元</strong>。
      </p>
    </div>
  );
}

export function VisitsSection({ handbook }: { handbook: HouseholdHandbook }) {
  const { visits, visitTotal } = handbook;
  if (visits.length === 0) return <Empty>尚无走访记录。</Empty>;
  return (
    <div className="space-y-1">
      {visitTotal > visits.length ? (
        <p className="text-[11px]">
          共走访 {visitTotal} 次，以下为最近 {visits.length} 次。
        </p>
      ) : null}
      <PrintTable
        label="走访记录"
        testId="handbook-visits"
        columns={["日期", "走访人", "发现的情况", "采取的措施", "照片"]}
        widths={["w-20", "w-16", "", "", "w-12"]}
        rows={visits.map((visit) => [
          visit.visitedOn,
          visit.visitorName,
          visit.findings,
          visit.actions || "—",
          visit.photos.length ? `${visit.photos.length} 张` : "—",
        ])}
      />
    </div>
  );
}

export function ExitSection({ handbook }: { handbook: HouseholdHandbook }) {
  const { household, exitSheets } = handbook;
  const status = `${HOUSEHOLD_STATUS.label(household.status as HouseholdStatus)}${household.exitYear ? `（${household.exitYear} 年脱贫）` : ""}`;
  return (
    <div className="space-y-1 text-[11.5px]" data-testid="handbook-exit">
      <p>
        户的状态：<strong>{status}</strong>
      </p>
      {!handbook.exitVisible ? null : exitSheets.length ? (
        <PrintTable
          label="脱贫退出核验表"
          columns={["评估年度", "核验表状态", "当前环节", "轮次", "民主评议", "村内公示", "核验码"]}
          widths={["w-14", "w-16", "w-28", "w-10", "w-20", "", "w-20"]}
          rows={exitSheets.map((sheet) => [
            `${sheet.assessmentYear}`,
            sheet.statusLabel,
            sheet.currentStepLabel,
            `第${sheet.round}轮`,
            sheet.reviewDate ?? "—",
            sheet.noticePostedOn ? `${sheet.noticePostedOn} 张贴${sheet.noticeClosedOn ? `，${sheet.noticeClosedOn} 结束` : "，公示中"}` : "—",
            <span key="code" className="font-mono">
              {sheet.verificationCode}
            </span>,
          ])}
        />
      ) : (
        <Empty>尚未提出脱贫退出（没有退出核验表）。</Empty>
      )}
    </div>
  );
}

export function AttachmentsSection({ handbook }: { handbook: HouseholdHandbook }) {
  if (handbook.attachments.length === 0) return <Empty>无。</Empty>;
  return (
    <ol className="list-decimal pl-6 text-[11px]">
      {handbook.attachments.map((attachment) => (
        <li key={attachment.id} className="break-inside-avoid">
          【{attachment.category}】{attachment.originalName}（{attachment.uploaderName}，{formatDateTime(attachment.uploadedAt)}）
        </li>
      ))}
    </ol>
  );
}
