import type { Metadata } from "next";
import Link from "next/link";
import { FieldCheckForm } from "@/components/inspections/sampling/field-check-form";
import { NoteForm } from "@/components/inspections/sampling/note-form";
import { PickStatus } from "@/components/inspections/sampling/pick-status";
import { ReplaceForm } from "@/components/inspections/sampling/replace-form";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime, fromDateString, todayString, toDateString } from "@/lib/dates";
import { SAMPLE_KIND, SATISFACTION } from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS } from "@/lib/exits/household/criteria";
import { inspectionFilesOf } from "@/lib/inspections/files";
import { DEFAULT_SATISFACTION_QUESTION } from "@/lib/inspections/field-checks/schema";
import { APPROVAL_BASIS } from "@/lib/inspections/rates";
import { getPickForCheck } from "@/lib/inspections/rounds/queries";
import { addFieldCheckNoteAction, recordFieldCheckAction, replaceSamplePickAction } from "../../../../actions";

export const metadata: Metadata = { title: "入户核查" };

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? "—" : value ? yes : no);

export default async function FieldCheckPage({ params }: { params: Promise<{ id: string; kind: string; entryId: string }> }) {
  const actor = await requirePage("inspection.read");
  const { id, kind, entryId } = await params;
  const { round, pick, townshipName } = await getPickForCheck(actor, id, kind, entryId);
  const photos = pick.check ? ((await inspectionFilesOf("FIELD_CHECK", [pick.check.id])).get(pick.check.id) ?? []) : [];
  const today = todayString();
  const deadline = toDateString(new Date(fromDateString(today).getTime() + 30 * 86_400_000));
  const open = !pick.check && !pick.replacedBy;
  const replaceable = !pick.replacedBy && !pick.check?.atHome;

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Link href={`/inspections/rounds/${round.id}`} className="text-sm text-brand-700 underline">
        ← {round.name}
      </Link>
      <div>
        <h1 className="text-xl font-semibold">入户核查：{pick.label}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {SAMPLE_KIND.label(pick.kind)} · {townshipName} {pick.villageName} · 抽取顺序第 {pick.ordinal} 位{pick.people ? ` · 名单人口 ${pick.people} 人` : ""}
        </p>
        {pick.note ? <p className="mt-1 text-sm text-slate-600">名单备注：{pick.note}</p> : null}
        {pick.householdId && can(actor, "household.read") ? (
          <Link href={`/households/${pick.householdId}`} className="mt-1 inline-block text-sm text-brand-700 underline">
            查看户档
          </Link>
        ) : null}
        {pick.replacesEntryId ? (
          <p className="mt-1 text-sm text-amber-900">
            替换 {pick.replacesLabel}，理由：{pick.replacementReason}
          </p>
        ) : null}
      </div>
      <PickStatus pick={pick} />

      {pick.check ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="核查结果" data-testid="check-result">
          <h2 className="mb-2 font-semibold">核查结果（已登记，不可修改）</h2>
          <dl className="grid grid-cols-1 gap-y-2 text-sm">
            <div>
              <dt className="text-slate-500">核查日期 · 核查人</dt>
              <dd>
                {toDateString(pick.check.visitedOn)} · {pick.check.inspectorName}（登记于 {formatDateTime(pick.check.recordedAt)}）
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">是否见到农户</dt>
              <dd>{pick.check.atHome ? "见到" : "未见到"}</dd>
            </div>
            {pick.kind === "EXITED" ? (
              <div>
                <dt className="text-slate-500">是否符合退出标准</dt>
                <dd>
                  {yesNo(pick.check.meetsStandard, "符合", "不符合")}
                  {pick.check.failedCriteria.length ? `（未达到：${pick.check.failedCriteria.map((code) => EXIT_CRITERION_LABELS[code]).join("、")}）` : ""}
                </dd>
              </div>
            ) : (
              <div>
                <dt className="text-slate-500">是否应纳入建档立卡</dt>
                <dd>{yesNo(pick.check.shouldRegister, "应纳入", "不应纳入")}</dd>
              </div>
            )}
            {pick.check.people ? (
              <div>
                <dt className="text-slate-500">家庭人口</dt>
                <dd>{pick.check.people} 人</dd>
              </div>
            ) : null}
            {pick.check.satisfaction ? (
              <div>
                <dt className="text-slate-500">群众认可度</dt>
                <dd>
                  {SATISFACTION.label(pick.check.satisfaction)}（问：{pick.check.question}）
                </dd>
              </div>
            ) : null}
            {pick.check.note ? (
              <div>
                <dt className="text-slate-500">核查情况</dt>
                <dd className="whitespace-pre-wrap">{pick.check.note}</dd>
              </div>
            ) : null}
            {photos.length ? (
              <div>
                <dt className="text-slate-500">照片</dt>
                <dd className="flex flex-wrap gap-2">
                  {photos.map((photo) => (
                    <a key={photo.id} href={`/api/inspection-files/${photo.id}`} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                      {photo.originalName}
                    </a>
                  ))}
                </dd>
              </div>
            ) : null}
          </dl>
          {pick.check.notes.length ? (
            <div className="mt-3 border-t border-slate-100 pt-3" data-testid="check-notes">
              <h3 className="mb-1 text-sm font-medium">更正与补充说明</h3>
              <ul className="space-y-2 text-sm">
                {pick.check.notes.map((note) => (
                  <li key={note.id}>
                    <p className="whitespace-pre-wrap">{note.note}</p>
                    <p className="text-xs text-slate-500">
                      {note.writerName} · {formatDateTime(note.writtenAt)}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {can(actor, "fieldCheck.write") ? (
            <div className="no-print mt-3 border-t border-slate-100 pt-3">
              <NoteForm action={addFieldCheckNoteAction} fieldCheckId={pick.check.id} />
            </div>
          ) : null}
        </section>
      ) : null}

      {open && can(actor, "fieldCheck.write") ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="登记核查结果">
          <FieldCheckForm
            action={recordFieldCheckAction}
            roundId={round.id}
            kind={pick.kind}
            entryId={pick.entryId}
            today={today}
            criteria={Object.entries(EXIT_CRITERION_LABELS).map(([value, label]) => ({ value, label }))}
            satisfaction={SATISFACTION.codes.map((code) => ({ value: code, label: SATISFACTION.label(code) }))}
            defaultQuestion={DEFAULT_SATISFACTION_QUESTION}
            defaultUnit={`${townshipName}人民政府`}
            defaultDeadline={deadline}
            approvalNote={`群众认可度 = ${APPROVAL_BASIS}`}
          />
        </section>
      ) : null}

      {replaceable && can(actor, "sampling.manage") ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4" open={pick.check?.atHome === false}>
          <summary className="min-h-11 cursor-pointer py-2 font-medium">无法入户？按抽取顺序替换此户</summary>
          <div className="mt-2">
            <ReplaceForm action={replaceSamplePickAction} roundId={round.id} kind={pick.kind} entryId={pick.entryId} label={pick.label} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
