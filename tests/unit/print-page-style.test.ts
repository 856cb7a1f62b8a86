import { describe, expect, it } from "vitest";
import { cssString } from "@/components/ui/print-page-style";

describe("the running header's CSS string (components/ui/print-page-style.tsx)", () => {
  it("keeps letters, digits and Chinese as they are", () => {
    expect(cssString("户编号5226981002020016")).toBe('"户编号5226981002020016"');
  });

  it("escapes everything else, so no data can end the string or the style element", () => {
    expect(cssString('王"五</style><script>')).toBe('"王\\22 五\\3c \\2f style\\3e \\3c script\\3e "');
    expect(cssString("a\\b · c")).toBe('"a\\5c b\\20 \\b7 \\20 c"');
    expect(cssString("x\ny")).toBe('"x\\a y"');
  });
});
