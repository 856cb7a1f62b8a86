import { describe, expect, it } from "vitest";
import { riskSourceOfWarning, warningSourceLabel } from "@/lib/monitoring/warnings-rules";

describe("预警 sources", () => {
  it("labels each source, a department list by its kind", () => {
    expect(warningSourceLabel("ARCHIVE_INCOME")).toBe("收入预警");
    expect(warningSourceLabel("DEPARTMENT_MEDICAL")).toBe("部门筛查预警（医保）");
    expect(warningSourceLabel("DEPARTMENT_UNKNOWN")).toBe("部门筛查预警（其他部门）");
    expect(warningSourceLabel("CADRE_VISIT")).toBe("基层干部排查");
  });

  it("maps each source to the discovery channel of the risk it becomes", () => {
    expect(riskSourceOfWarning("ARCHIVE_INCOME")).toBe("ARCHIVE_WARNING");
    expect(riskSourceOfWarning("DEPARTMENT_CIVIL_AFFAIRS")).toBe("DEPARTMENT_WARNING");
    expect(riskSourceOfWarning("SELF_APPLICATION")).toBe("SELF_APPLICATION");
    expect(riskSourceOfWarning("CADRE_VISIT")).toBe("CADRE_SCREENING");
  });
});
