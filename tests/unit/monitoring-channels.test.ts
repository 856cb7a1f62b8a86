import { describe, expect, it } from "vitest";
import { countOf, monitoringFigureHref, type MonitoringFigures } from "@/lib/monitoring/figure-links";
import { selfApplicationOverdue } from "@/lib/monitoring/rules";
import { ZMonitoringSettings, ZMonitoringSettingsInput } from "@/lib/monitoring/schema";
import { ZRaiseWarningInput } from "@/lib/monitoring/warnings-schema";

describe("monitoring settings: sharp drop and self-application days", () => {
  it("a stored row from before these settings gets the defaults: 30 % and 2 days", () => {
    expect(ZMonitoringSettings.parse({ marginPermille: 500 })).toMatchObject({ dropPermille: 300, selfApplicationDays: 2 });
  });

  it("the drop as a percentage with one decimal, from 1 to 100; days from 1 to 30; both may be left out", () => {
    expect(ZMonitoringSettingsInput.parse({ margin: "50", drop: "33.3", selfApplicationDays: "5", version: "1" })).toMatchObject({
      margin: 500,
      drop: 333,
      selfApplicationDays: 5,
    });
    const bare = ZMonitoringSettingsInput.parse({ margin: "50", version: "1" });
    expect([bare.drop, bare.selfApplicationDays]).toEqual([undefined, undefined]);
    expect(ZMonitoringSettingsInput.parse({ margin: "50", drop: "1", version: "1" }).drop).toBe(10);
    expect(ZMonitoringSettingsInput.parse({ margin: "50", drop: "100", version: "1" }).drop).toBe(1000);
    for (const drop of ["0", "0.5", "100.1", "-3", "三十"])
      expect(ZMonitoringSettingsInput.safeParse({ margin: "50", drop, version: "1" }).success, drop).toBe(false);
    for (const days of ["0", "31", "1.5"]) {
      expect(ZMonitoringSettingsInput.safeParse({ margin: "50", selfApplicationDays: days, version: "1" }).success, days).toBe(false);
    }
  });
});

describe("登记预警", () => {
  const valid = { source: "SELF_APPLICATION", householdNo: "5226981002010001", raisedOn: "2024-03-01", reason: "申报：因病" };

  it("only the two hand-recorded channels; a date not after today; a reason of at most 200 characters", () => {
    expect(ZRaiseWarningInput.safeParse(valid).success).toBe(true);
    expect(ZRaiseWarningInput.safeParse({ ...valid, source: "CADRE_VISIT" }).success).toBe(true);
    for (const source of ["ARCHIVE_INCOME", "DEPARTMENT_MEDICAL", ""]) expect(ZRaiseWarningInput.safeParse({ ...valid, source }).success, source).toBe(false);
    expect(ZRaiseWarningInput.safeParse({ ...valid, raisedOn: "2099-01-01" }).success).toBe(false);
    expect(ZRaiseWarningInput.safeParse({ ...valid, raisedOn: "2020-12-31" }).success).toBe(false);
    expect(ZRaiseWarningInput.safeParse({ ...valid, reason: "  " }).success).toBe(false);
    expect(ZRaiseWarningInput.safeParse({ ...valid, reason: "字".repeat(201) }).success).toBe(false);
  });

  it("overdue: filed on the 1st with 2 days is due on the 3rd and overdue from the 4th; never once acted on", () => {
    expect(selfApplicationOverdue("2026-03-01", "2026-03-03", 2, null)).toBe(false);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-04", 2, null)).toBe(true);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-04", 3, null)).toBe(false);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-20", 2, "2026-03-02")).toBe(false);
  });
});

describe("the lists behind the monitoring figures", () => {
  const county = { level: "COUNTY", code: "522698000000", townshipCode: null } as const;
  const township = { level: "TOWNSHIP", code: "522698100000", townshipCode: null } as const;
  const village = { level: "VILLAGE", code: "522698100201", townshipCode: null } as const;

  it("object figures open the object list with the figure and the region; 预警 the 预警 list; the rest the unmatched list", () => {
    expect(monitoringFigureHref("object", county, "category:UNSTABLE")).toBe("/monitoring?figure=category%3AUNSTABLE");
    expect(monitoringFigureHref("object", township, "eliminated")).toBe("/monitoring?township=522698100000&figure=eliminated");
    expect(monitoringFigureHref("warningsOpen", village)).toBe("/monitoring/warnings?village=522698100201&status=OPEN");
    expect(monitoringFigureHref("warningsOverdue", township)).toBe("/monitoring/warnings?township=522698100000&status=OPEN&overdue=1");
    expect(monitoringFigureHref("unmatched", county)).toBe("/monitoring/unmatched");
    expect(monitoringFigureHref("unmatched", village)).toBe("/monitoring/unmatched?village=522698100201");
  });

  it("a figure with nothing counted reads as 0", () => {
    const figures: MonitoringFigures = {
      categories: [],
      risks: [],
      selfApplicationDays: 2,
      year: 2026,
      counts: new Map([["522698100000", new Map([["pending", 3]])]]),
    };
    expect(countOf(figures, "522698100000", "pending")).toBe(3);
    expect(countOf(figures, "522698100000", "eliminated")).toBe(0);
    expect(countOf(figures, "522698101000", "pending")).toBe(0);
  });
});
