/**
 * 村内公示 with objections, the same for every chain that publicises (household exit, 识别纳入,
 * 风险消除): posted on a real date, closed no earlier than the configured number of days after
 * posting and only with every objection of the round resolved. Pure.
 */
import { refuse, type SignOffCheck } from "./rules";

export type Notice = { postedOn: string; objections: { resolved: boolean }[]; closedOn: string | null };

export type NoticeRefusalCode = "WRONG_ORDER" | "NOTICE_TOO_SHORT" | "OBJECTION_UNRESOLVED" | "POSTED_DATE_INVALID";

export function isCalendarDate(text: string | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  const base = new Date(`${date}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** Posted on the 1st with 7 days → closable on the 8th. */
export function earliestNoticeCloseDate(postedOn: string, minDays: number): string {
  return addDays(postedOn, minDays);
}

/** Posting: no open notice already, a real date, not in the future, not before the previous step was completed. */
export function checkNoticeStart(input: {
  notice: Notice | null;
  postedOn: string | undefined;
  today: string;
  previousStepCompletedOn?: string;
  previousStepLabel: string;
}): SignOffCheck<NoticeRefusalCode> {
  const { notice, postedOn, today, previousStepCompletedOn: previous } = input;
  if (notice && notice.closedOn === null) return refuse("WRONG_ORDER", `公示已于${notice.postedOn}张贴，尚未结束，不能重复发布`);
  if (!isCalendarDate(postedOn)) return refuse("POSTED_DATE_INVALID", "请填写有效的公示张贴日期");
  if (postedOn > today) return refuse("POSTED_DATE_INVALID", `公示张贴日期不能晚于今天（${today}）`);
  if (previous && postedOn < previous) {
    return refuse("POSTED_DATE_INVALID", `公示张贴日期不能早于"${input.previousStepLabel}"的完成日期（${previous}）`);
  }
  return { ok: true };
}

/** Closing: a posted, open notice, at least `minDays` old, with no unresolved objection. */
export function checkNoticeClose(notice: Notice | null, today: string, minDays: number): SignOffCheck<NoticeRefusalCode> {
  if (!notice) return refuse("WRONG_ORDER", "尚未发布公示，不能结束");
  if (notice.closedOn !== null) return refuse("WRONG_ORDER", `该公示已于${notice.closedOn}结束但已失效，请重新发布公示`);
  const earliest = earliestNoticeCloseDate(notice.postedOn, minDays);
  if (today < earliest) return refuse("NOTICE_TOO_SHORT", `公示期不足${minDays}天，最早可于${earliest}结束`);
  const unresolved = notice.objections.filter((objection) => !objection.resolved).length;
  if (unresolved > 0) return refuse("OBJECTION_UNRESOLVED", `公示期间有${unresolved}条异议尚未处理完毕，不能结束公示`);
  return { ok: true };
}
