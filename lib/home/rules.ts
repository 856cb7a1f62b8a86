/**
 * Pure rules of the 帮扶责任人's home (我的帮扶户, docs/domain.md §21): what is due on one of
 * their households. No I/O.
 */
import type { MeasureStatus } from "@/lib/domain/codes";

export type MeasureForReport = { status: MeasureStatus | string; startDate: string; endDate: string | null };

/**
 * A measure waits for its helper to report on it when a planned one has reached its start date
 * (report it as 实施中) or an active one has passed its end date (report it 已完成 with the
 * outcome, or 已终止). Dates are YYYY-MM-DD, compared as text.
 */
export function measureNeedsReport(measure: MeasureForReport, today: string): boolean {
  if (measure.status === "PLANNED") return measure.startDate <= today;
  if (measure.status === "ACTIVE") return measure.endDate !== null && measure.endDate < today;
  return false;
}

/** Whether a household is overdue for a visit: not yet out of poverty and no visit within the limit (never visited counts). */
export function visitOverdue(input: { status: string; daysSinceVisit: number | null; limitDays: number }): boolean {
  if (input.status !== "REGISTERED" && input.status !== "RETURNED") return false;
  return input.daysSinceVisit === null || input.daysSinceVisit > input.limitDays;
}
