import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/return-path";

describe("safeReturnPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeReturnPath("/admin/users?q=town")).toBe("/admin/users?q=town");
  });

  it("refuses other sites, non-strings and the page itself", () => {
    for (const value of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null, undefined, ["/a"]]) {
      expect(safeReturnPath(value), String(value)).toBe("/");
    }
    expect(safeReturnPath("/two-factor?callbackUrl=/x", { never: "/two-factor" })).toBe("/");
    expect(safeReturnPath("/households", { never: "/two-factor" })).toBe("/households");
  });
});
