import { describe, expect, it } from "vitest";
import { measureNeedsReport, visitOverdue } from "@/lib/home/rules";

describe("我的帮扶户: what is due", () => {
  it("a planned measure is due from its start date, an active one after its end date", () => {
    const today = "2026-06-15";
    expect(measureNeedsReport({ status: "PLANNED", startDate: "2026-06-16", endDate: null }, today)).toBe(false);
    expect(measureNeedsReport({ status: "PLANNED", startDate: "2026-06-15", endDate: null }, today)).toBe(true);
    expect(measureNeedsReport({ status: "ACTIVE", startDate: "2026-01-01", endDate: null }, today)).toBe(false);
    expect(measureNeedsReport({ status: "ACTIVE", startDate: "2026-01-01", endDate: "2026-06-15" }, today)).toBe(false);
    expect(measureNeedsReport({ status: "ACTIVE", startDate: "2026-01-01", endDate: "2026-06-14" }, today)).toBe(true);
    expect(measureNeedsReport({ status: "COMPLETED", startDate: "2026-01-01", endDate: "2026-01-02" }, today)).toBe(false);
    expect(measureNeedsReport({ status: "TERMINATED", startDate: "2026-01-01", endDate: null }, today)).toBe(false);
  });

  it("a visit is overdue past the limit or when there was none, only while the household is not out of poverty", () => {
    expect(visitOverdue({ status: "REGISTERED", daysSinceVisit: 30, limitDays: 30 })).toBe(false);
    expect(visitOverdue({ status: "REGISTERED", daysSinceVisit: 31, limitDays: 30 })).toBe(true);
    expect(visitOverdue({ status: "RETURNED", daysSinceVisit: null, limitDays: 30 })).toBe(true);
    expect(visitOverdue({ status: "EXITED", daysSinceVisit: null, limitDays: 30 })).toBe(false);
    expect(visitOverdue({ status: "CANCELLED", daysSinceVisit: 400, limitDays: 30 })).toBe(false);
  });
});
