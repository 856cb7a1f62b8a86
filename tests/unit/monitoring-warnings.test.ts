import { describe, expect, it } from "vitest";
import { departmentRows, riskSourceOfWarning, warningSourceLabel } from "@/lib/monitoring/warnings-rules";

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

describe("department list rows", () => {
  it("finds the two columns in any order, skips blank rows, numbers rows as the sheet does", () => {
    const parsed = departmentRows([["说明", "姓名", "身份证号码"], ["住院", "张三", " 52269819600101001x "], [], ["", "", ""], ["门诊", "李四", ""]]);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { rowNumber: 2, idNumber: "52269819600101001X", note: "住院" },
        { rowNumber: 5, idNumber: "", note: "门诊" },
      ],
    });
  });

  it("refuses a list without the columns or without data", () => {
    expect(departmentRows([["身份证号码"]])).toEqual({ ok: false, message: "第一行须有“身份证号码”和“说明”两列" });
    expect(departmentRows([["身份证号码", "说明"], []])).toEqual({ ok: false, message: "名单中没有数据行" });
    expect(departmentRows([])).toMatchObject({ ok: false });
  });
});
