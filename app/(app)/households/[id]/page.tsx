import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BasicInfo, IncomeYear, insuranceSummary, memberStatusText, memberSummary, relationText } from "@/components/households/archive-view";
import { IncomeForm } from "@/components/households/income-form";
import { FieldNotesProvider } from "@/components/ui/form";
import { SavedQualityNotes } from "@/components/quality/saved-notice";
import { HouseholdQualityPanel } from "@/components/quality/household-quality-panel";
import { can } from "@/lib/auth/permissions";
import { householdQualityHits } from "@/lib/data-quality/queries";
import { verifyQualityHitAction, withdrawQualityMarkAction } from "../../quality/actions";
import { Disclosure } from "@/components/ui/disclosure";
import { SavedBanner } from "@/components/ui/saved-banner";
import { ARCHIVE_WARNING_RULES, formQualityNotes, HOUSEHOLD_FORM, HOUSEHOLD_LEVELS, INCOME_FORM, MEMBER_FORM } from "@/lib/data-quality/on-save";
import { RevealIdButton } from "@/components/households/reveal-id-button";
import { UploadForm } from "@/components/households/upload-form";
import { EVIDENCE_CATEGORIES } from "@/lib/attachments/commands";
import { formatBytes } from "@/lib/attachments/file-type";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { HOUSEHOLD_STATUS } from "@/lib/domain/codes";
import { env } from "@/lib/env";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { findHouseholdHistory } from "@/lib/households/history";
import { AssistancePanel } from "@/components/measures/assistance-panel";
import { getHouseholdAssistance } from "@/lib/measures/get-household-assistance";
import { todayString } from "@/lib/dates";
import { addMeasureAction, changeMeasureStatusAction, recordVisitAction, reassignHelperAction, savePlanAction } from "../assistance-actions";
import { revealIdNumberAction, saveIncomeAction, uploadAttachmentAction } from "../actions";

export const metadata: Metadata = { title: "一户一档" };

const SAVED: Record<string, string> = {
  created: "户档已建立。请继续添加家庭成员、收入和佐证材料。",
  household: "户信息已保存",
  member: "成员信息已保存",
  "member-ended": "已办理成员减少",
  "head-changed": "户主已变更。其他成员的“与户主关系”是相对原户主填写的，请逐一核对。",
};

export default async function HouseholdPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; notes?: string; year?: string }>;
}) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("household.read");
  // The archive loads the household within scope and computes its income; history and assistance reuse it.
  const archive = await orNotFound(() => getHouseholdArchive(actor, id));
  const [history, assistance] = await orNotFound(() => Promise.all([findHouseholdHistory(actor, id, archive), getHouseholdAssistance(actor, id, archive)]));
  const { household, members, warnings, incomes, attachments, permissions } = archive;
  const query = await searchParams;
  const saved = SAVED[query.saved ?? ""];
  // What the save just made (lib/data-quality/on-save.ts): listed here with the way back to the form, which shows them beside the fields.
  const savedNotes = !permissions.edit
    ? null
    : query.notes === "household"
      ? { href: `/households/${id}/edit`, notes: await formQualityNotes(actor, id, { levels: HOUSEHOLD_LEVELS }, HOUSEHOLD_FORM, ARCHIVE_WARNING_RULES) }
      : query.notes && isUuid(query.notes)
        ? {
            href: `/households/${id}/members/${query.notes}`,
            notes: await formQualityNotes(actor, id, { memberId: query.notes }, MEMBER_FORM, ARCHIVE_WARNING_RULES),
          }
        : null;
  // 疑点数据 of the latest income beside the income form's amounts (lib/data-quality/on-save.ts).
  const incomeNotes = permissions.edit ? await formQualityNotes(actor, id, { levels: ["INCOME"] }, INCOME_FORM) : {};
  // `?year=`: the income form opened on that year (the address an offline income draft reads its current values from).
  const incomeYear = /^\d{4}$/.test(query.year ?? "") ? Number(query.year) : undefined;
  // 疑点数据 of the household with 已核实无误 marks (lib/data-quality/marks.ts); null without quality.read.
  const qualityRows = await householdQualityHits(actor, id);
  const head = members.find((member) => member.relation === "HEAD" && member.status === "PRESENT");
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            {head?.name ?? "（无户主）"} 户{" "}
            <span className="ml-1 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">{HOUSEHOLD_STATUS.label(household.status as never)}</span>
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            户编号 <span className="font-mono">{household.householdNo}</span> · {household.township.name}
            {household.village.name} · 在户 {archive.presentCount} 人
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          {permissions.edit ? (
            <Link href={`/households/${household.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:border-brand-600">
              编辑户信息
            </Link>
          ) : null}
          <Link href={`/households/${household.id}/print`} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:border-brand-600">
            打印一户一档
          </Link>
          <Link href={`/households/${household.id}/exit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:border-brand-600">
            脱贫退出核验
          </Link>
        </div>
      </div>
      {saved ? <SavedBanner key={query.saved}>{saved}</SavedBanner> : null}
      {savedNotes ? <SavedQualityNotes {...savedNotes} /> : null}
      {warnings.length ? (
        <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="warnings-title">
          <h2 id="warnings-title" className="font-medium text-amber-900">
            数据提示（请核实，可能有误）
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="warnings">
            {warnings.map((warning, index) => (
              <li key={`${warning.code}-${index}`}>{warning.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {qualityRows ? (
        <HouseholdQualityPanel
          householdId={household.id}
          rows={qualityRows}
          canVerify={can(actor, "quality.verify")}
          maxMegabytes={Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024)}
          verifyAction={verifyQualityHitAction}
          withdrawAction={withdrawQualityMarkAction}
        />
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">户基本信息</h2>
        <BasicInfo archive={archive} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-semibold">家庭成员</h2>
          {permissions.edit ? (
            <Link href={`/households/${household.id}/members/new`} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm text-white hover:bg-brand-800">
              添加成员
            </Link>
          ) : null}
        </div>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="家庭成员表（可左右滚动）">
          <table className="w-full min-w-[760px] text-sm" aria-label="家庭成员">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="px-2 py-1">姓名</th>
                <th className="px-2 py-1">关系</th>
                <th className="px-2 py-1">身份证号</th>
                <th className="px-2 py-1">性别 / 年龄</th>
                <th className="px-2 py-1">情况</th>
                <th className="px-2 py-1">保障</th>
                <th className="px-2 py-1">状态</th>
                {permissions.edit ? <th className="px-2 py-1">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id} className={`border-t border-slate-100 ${member.status === "PRESENT" ? "" : "text-slate-600"}`}>
                  <td className="px-2 py-1.5 font-medium">{member.name}</td>
                  <td className="px-2 py-1.5">{relationText(member)}</td>
                  <td className="px-2 py-1.5">
                    {permissions.viewFullId ? (
                      <RevealIdButton memberId={member.id} masked={member.idNumberMasked} action={revealIdNumberAction} />
                    ) : (
                      <span className="font-mono text-xs">{member.idNumberMasked}</span>
                    )}
                  </td>
                  <td className="px-2 py-1.5">
                    {member.gender === "MALE" ? "男" : "女"} / {member.age} 岁
                  </td>
                  <td className="px-2 py-1.5">{memberSummary(member)}</td>
                  <td className="px-2 py-1.5">{insuranceSummary(member)}</td>
                  <td className="px-2 py-1.5">{memberStatusText(member)}</td>
                  {permissions.edit ? (
                    <td className="px-2 py-1.5">
                      {member.status === "PRESENT" ? (
                        <Link href={`/households/${household.id}/members/${member.id}`} className="text-brand-700 underline">
                          修改
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">收入情况</h2>
        {incomes.length ? (
          incomes.map((income) => <IncomeYear key={income.record.year} income={income} />)
        ) : (
          <p className="text-sm text-slate-500">尚未登记收入</p>
        )}
        {permissions.edit ? (
          <Disclosure className="rounded-md border border-slate-200 p-3" open={incomes.length === 0 || incomeYear !== undefined}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">登记或修改年度收入</summary>
            <div className="mt-3">
              <FieldNotesProvider notes={incomeNotes}>
                <IncomeForm householdId={household.id} records={incomes.map((income) => income.record)} initialYear={incomeYear} action={saveIncomeAction} />
              </FieldNotesProvider>
            </div>
          </Disclosure>
        ) : null}
      </section>
      <AssistancePanel
        householdId={household.id}
        assistance={assistance}
        today={todayString()}
        actions={{
          addMeasure: addMeasureAction,
          changeStatus: changeMeasureStatusAction,
          savePlan: savePlanAction,
          recordVisit: recordVisitAction,
          reassign: reassignHelperAction,
        }}
      />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">佐证材料</h2>
        {attachments.length ? (
          <ul className="divide-y divide-slate-100 text-sm">
            {attachments.map((attachment) => (
              <li key={attachment.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <a href={`/api/attachments/${attachment.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                  【{attachment.category}】{attachment.originalName}
                </a>
                <span className="text-xs text-slate-500">
                  {formatBytes(attachment.sizeBytes)} · {attachment.uploaderName} · {formatDateTime(attachment.uploadedAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">暂无佐证材料</p>
        )}
        {permissions.upload ? (
          <UploadForm
            householdId={household.id}
            categories={EVIDENCE_CATEGORIES}
            maxMegabytes={Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024)}
            action={uploadAttachmentAction}
          />
        ) : null}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">变更记录</h2>
        {history.length ? (
          <ol className="space-y-3 text-sm" data-testid="history">
            {history.map((entry) => (
              <li key={entry.id} className="border-l-2 border-slate-200 pl-3">
                <p>
                  <span className="font-medium">{entry.action}</span>
                  {entry.subject ? `：${entry.subject}` : ""}{" "}
                  <span className="text-slate-500">
                    — {entry.actorName}（{entry.actorRole}） {formatDateTime(entry.occurredAt)}
                  </span>
                </p>
                {entry.changes.length ? (
                  <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                    {entry.changes.map((change) => (
                      <li key={change.field}>
                        {change.field}：{change.before ? <del className="text-slate-600">{change.before}</del> : null}
                        {change.before ? " → " : ""}
                        {change.after}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-500">暂无变更记录</p>
        )}
      </section>
    </div>
  );
}
