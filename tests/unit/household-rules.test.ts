import { describe, expect, it } from "vitest";
import { detectEvidenceType } from "@/lib/attachments/file-type";
import { diffFields, redactForAudit } from "@/lib/audit/redact";
import { classifySearch, householdNumber, householdNumberParts } from "@/lib/households/rules";
import { formatFieldValue } from "@/lib/households/field-labels";
import { activeHref, homeCardsFor, homeLabelFor, navigationFor, navigationGroupsFor } from "@/lib/navigation";
import { requiredRegionLevel } from "@/lib/users/rules";
import type { Role } from "@/lib/domain/codes";

describe("户编号", () => {
  it("is the village code and a four-digit sequence", () => {
    expect(householdNumber("522698100201", 7)).toBe("5226981002010007");
    expect(householdNumberParts("5226981002010007")).toEqual({ villageCode: "522698100201", sequence: 7 });
    expect(() => householdNumber("522698100201", 10_000)).toThrow(/9999/);
    expect(() => householdNumber("5226981002", 1)).toThrow(/12 位/);
    expect(householdNumberParts("52269810020100")).toBeNull();
  });
});

describe("search text", () => {
  it("tells a full ID, an ID suffix, a household number and a name apart", () => {
    expect(classifySearch("52269819700101001x")).toEqual({ kind: "idNumber", value: "52269819700101001X" });
    expect(classifySearch("001X")).toEqual({ kind: "idSuffix", value: "001X" });
    expect(classifySearch(" 1234 ")).toEqual({ kind: "idSuffix", value: "1234" });
    expect(classifySearch("5226981002010001")).toEqual({ kind: "householdNo", value: "5226981002010001" });
    expect(classifySearch("张三")).toEqual({ kind: "name", value: "张三" });
    expect(classifySearch("123")).toEqual({ kind: "name", value: "123" });
    expect(classifySearch("")).toEqual({ kind: "none" });
    expect(classifySearch(undefined)).toEqual({ kind: "none" });
  });
});

describe("audit redaction", () => {
  it("drops secrets and masks every ID-number field", () => {
    expect(redactForAudit({ password: "x", idNumber: "522698197001010011", headIdNumber: "52269819700101001X", name: "甲" })).toEqual({
      idNumber: "5226**********0011",
      headIdNumber: "5226**********001X",
      name: "甲",
    });
  });

  it("keeps only the fields that changed", () => {
    expect(diffFields({ a: 1, b: "x", c: null }, { a: 1, b: "y", c: undefined })).toEqual({ before: { b: "x" }, after: { b: "y" } });
  });
});

describe("history values", () => {
  it("shows codes as their Chinese labels, booleans as 是/否 and fen as yuan", () => {
    expect(formatFieldValue("housingGrade", "D")).toBe("D级（整栋危房）");
    expect(formatFieldValue("otherCauses", ["ILLNESS", "LACK_SKILLS"])).toBe("因病、缺技术");
    expect(formatFieldValue("foodSecure", false)).toBe("否");
    expect(formatFieldValue("wageFen", 123456)).toBe("1,234.56 元");
    expect(formatFieldValue("phone", null)).toBe("（空）");
  });
});

describe("evidence file types", () => {
  it("recognises images and PDFs by content only", () => {
    expect(detectEvidenceType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(detectEvidenceType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(detectEvidenceType(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(detectEvidenceType(new TextEncoder().encode("%PDF-1.7"))).toBe("application/pdf");
    expect(detectEvidenceType(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WAVE"))).toBeNull();
    expect(detectEvidenceType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(detectEvidenceType(new Uint8Array())).toBeNull();
  });
});

describe("roles", () => {
  it("each role's scope level", () => {
    expect(requiredRegionLevel("HELPER")).toBe("VILLAGE");
    expect(requiredRegionLevel("TOWNSHIP_CADRE")).toBe("TOWNSHIP");
    expect(requiredRegionLevel("INSPECTOR")).toBe("COUNTY");
  });

  it("navigation shows each role only what it may use, grouped", () => {
    expect(navigationFor({ role: "ADMIN" }).map((entry) => entry.href)).toEqual(["/admin/users", "/admin/regions"]);
    expect(navigationFor({ role: "COUNTY_OFFICE" }).map((entry) => entry.href)).toEqual([
      "/households",
      "/monitoring",
      "/monitoring/warnings",
      "/visits/overdue",
      "/measures/uncovered",
      "/monitoring/unmatched",
      "/exits",
      "/village-exits",
      "/inspections",
      "/inspections/findings",
      "/inspections/rounds",
      "/inspections/rates",
      "/dashboard",
      "/quality",
      "/imports",
      "/measures/catalogue",
      "/dashboard/targets",
      "/inspections/categories",
      "/settings",
    ]);
    // The 帮扶责任人 reaches the two lists made for them (restricted to their own households by their scope).
    expect(navigationFor({ role: "HELPER" }).map((entry) => entry.href)).toEqual(["/households", "/visits/overdue", "/measures/uncovered", "/exits"]);
    expect(navigationFor({ role: "COUNTY_LEADER" }).map((entry) => entry.href)).toEqual([
      "/households",
      "/monitoring",
      "/monitoring/warnings",
      "/visits/overdue",
      "/measures/uncovered",
      "/monitoring/unmatched",
      "/exits",
      "/village-exits",
      "/inspections",
      "/inspections/findings",
      "/inspections/rounds",
      "/inspections/rates",
      "/dashboard",
      "/quality",
      "/imports",
    ]);
    expect(navigationGroupsFor({ role: "HELPER" }).map((section) => [section.group, section.entries.map((entry) => entry.label)])).toEqual([
      ["户档", ["户档管理"]],
      ["帮扶", ["走访提醒", "施策不精准清单"]],
      ["退出", ["退出核验"]],
    ]);
    expect(navigationGroupsFor({ role: "COUNTY_OFFICE" }).map((section) => section.group)).toEqual(["户档", "帮扶", "退出", "督查", "数据", "设置"]);
    expect(navigationGroupsFor({ role: "ADMIN" }).map((section) => section.group)).toEqual(["设置"]);
    expect(homeLabelFor({ role: "HELPER" })).toBe("我的帮扶户");
    expect(homeLabelFor({ role: "VILLAGE_CADRE" })).toBe("首页");
  });

  it("home cards promise only what the role can do", () => {
    const exits = (role: Role) => homeCardsFor({ role }).find((card) => card.href === "/exits")?.description ?? "";
    // Leaders and inspectors never sign an exit sheet: their card does not promise 待我审核.
    expect(exits("COUNTY_LEADER")).not.toContain("待我审核");
    expect(exits("INSPECTOR")).not.toContain("待我审核");
    expect(exits("TOWNSHIP_CADRE")).toContain("待我审核");
    expect(exits("HELPER")).toContain("待我审核");
    const inspections = (role: Role) => homeCardsFor({ role }).find((card) => card.href === "/inspections")?.description ?? "";
    expect(inspections("INSPECTOR")).toContain("审查退出核验表");
    expect(inspections("COUNTY_LEADER")).not.toContain("审查退出核验表");
    expect(homeCardsFor({ role: "COUNTY_LEADER" }).find((card) => card.href === "/households")?.description).toMatch(/^查阅/);
    expect(homeCardsFor({ role: "VILLAGE_CADRE" }).find((card) => card.href === "/households")?.description).toContain("建档");
    const acting = (role: Role) =>
      homeCardsFor({ role })
        .filter((card) => card.acts)
        .map((card) => card.label);
    expect(acting("INSPECTOR")).toEqual(["督查工作台", "问题清单", "抽查核查"]);
    expect(acting("COUNTY_LEADER")).toEqual(["贫困村退出"]);
    expect(acting("HELPER")).toEqual(["走访提醒", "施策不精准清单", "退出核验"]);
    expect(acting("ADMIN")).toEqual(["用户管理", "区划管理"]);
  });

  it("marks the menu entry a path belongs to (the longest matching entry)", () => {
    const hrefs = ["/", "/inspections", "/inspections/findings", "/households", "/measures/uncovered"];
    expect(activeHref("/", hrefs)).toBe("/");
    expect(activeHref("/inspections/findings/abc", hrefs)).toBe("/inspections/findings");
    expect(activeHref("/inspections/rounds/1", hrefs)).toBe("/inspections");
    expect(activeHref("/households/x/edit", hrefs)).toBe("/households");
    expect(activeHref("/householdsx", hrefs)).toBeNull();
    expect(activeHref("/measures/catalogue", hrefs)).toBeNull();
  });
});
