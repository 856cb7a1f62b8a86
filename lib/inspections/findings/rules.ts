/**
 * Pure rules of 督查问题 (问题清单, 挂单督办): overdue days, the status a reader sees, and who may decide.
 * Dates are "YYYY-MM-DD" strings of the county's calendar (lib/dates.ts).
 */

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A finding is overdue once its deadline has passed (the deadline day itself is still in time) and it is not closed. */
export function isOverdue(finding: { status: string; deadline: string }, today: string): boolean {
  return finding.status !== "CLOSED" && finding.deadline < today;
}

/** Days past the deadline of an overdue finding; 0 when it is not overdue. */
export function daysOverdue(finding: { status: string; deadline: string }, today: string): number {
  return isOverdue(finding, today) ? daysBetweenDates(finding.deadline, today) : 0;
}

/** What the list shows: an open finding that was returned at least once reads 已退回. */
export function findingStatusLabel(finding: { status: string; returns: number }): string {
  if (finding.status === "OPEN") return finding.returns > 0 ? "已退回" : "待整改";
  if (finding.status === "SUBMITTED") return "已提交整改";
  if (finding.status === "CLOSED") return "已销号";
  return finding.status;
}

/**
 * "The unit a finding targets can never close it": a user whose township or village is the one the
 * finding concerns is inside the target unit. (Only inspectors hold finding.decide, and they are
 * county-wide; this is checked again so that no future grant can let a target close its own finding.)
 */
export function isInTargetUnit(
  actor: { townshipCode: string | null; villageCode: string | null },
  finding: { townshipCode: string; villageCode: string | null },
): boolean {
  if (actor.villageCode) return finding.villageCode === actor.villageCode || (finding.villageCode === null && actor.townshipCode === finding.townshipCode);
  if (actor.townshipCode) return actor.townshipCode === finding.townshipCode;
  return false;
}
