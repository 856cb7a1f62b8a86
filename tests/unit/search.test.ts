import { describe, expect, it } from "vitest";
import { classifySearch } from "@/lib/households/rules";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { distinctCharacters, escapeLike, SEARCH_MAX_LENGTH, searchTextError } from "@/lib/search";

describe("escapeLike", () => {
  it("makes %, _ and the escape character itself literal", () => {
    expect(escapeLike("王_明")).toBe("王\\_明");
    expect(escapeLike("%")).toBe("\\%");
    expect(escapeLike("\\")).toBe("\\\\");
    expect(escapeLike("a\\%b_c%")).toBe("a\\\\\\%b\\_c\\%");
    expect(escapeLike("\\_")).toBe("\\\\\\_");
  });

  it("leaves every other character alone, rare and punctuation ones too", () => {
    for (const text of ["王小明", "𠮷野家", "阿依·古丽", "O'Brien", "[a-z]*", "张 三", ""]) expect(escapeLike(text)).toBe(text);
  });
});

describe("distinctCharacters", () => {
  it("splits by character (a supplementary-plane character is one), without repeats", () => {
    expect(distinctCharacters("王王明")).toEqual(["王", "明"]);
    expect(distinctCharacters("𠮷野𠮷")).toEqual(["𠮷", "野"]);
    expect(distinctCharacters("阿依·古丽")).toEqual(["阿", "依", "·", "古", "丽"]);
    expect(distinctCharacters("_%")).toEqual(["_", "%"]);
  });
});

describe("search length", () => {
  it(`accepts ${SEARCH_MAX_LENGTH} characters and refuses more with a Chinese message`, () => {
    expect(SEARCH_MAX_LENGTH).toBe(40);
    expect(searchTextError(undefined)).toBeUndefined();
    expect(searchTextError("王".repeat(40))).toBeUndefined();
    expect(searchTextError("王".repeat(41))).toBe("搜索内容不超过 40 个字符");
    // Counted in characters, as every other length limit: 𠮷 is one (two UTF-16 units).
    expect(searchTextError("𠮷".repeat(40))).toBeUndefined();
    expect(searchTextError("𠮷".repeat(41))).toBe("搜索内容不超过 40 个字符");
  });

  it("keeps an over-long search in the household filter instead of dropping it", () => {
    const long = "王".repeat(10_000);
    expect(ZHouseholdFilter.parse({ q: long }).q).toBe(long);
    expect(ZHouseholdFilter.parse({ q: `  王小明  ` }).q).toBe("王小明");
    expect(ZHouseholdFilter.parse({ q: "   " }).q).toBeUndefined();
    expect(ZHouseholdFilter.parse({ q: ["a", "b"] }).q).toBeUndefined();
  });
});

describe("classifySearch edge cases", () => {
  it("treats wildcard and escape characters as (part of) a name, unchanged", () => {
    expect(classifySearch("%")).toEqual({ kind: "name", value: "%" });
    expect(classifySearch("_")).toEqual({ kind: "name", value: "_" });
    expect(classifySearch("王_明")).toEqual({ kind: "name", value: "王_明" });
    expect(classifySearch("\\")).toEqual({ kind: "name", value: "\\" });
    expect(classifySearch("12%")).toEqual({ kind: "name", value: "12%" });
  });

  it("keeps rare characters and the middle dot, trimmed and not upper-cased", () => {
    expect(classifySearch("  𠮷  ")).toEqual({ kind: "name", value: "𠮷" });
    expect(classifySearch("阿依·古丽")).toEqual({ kind: "name", value: "阿依·古丽" });
    expect(classifySearch("ali")).toEqual({ kind: "name", value: "ali" });
  });

  it("tells ID parts from names at the boundaries", () => {
    expect(classifySearch("1234x")).toEqual({ kind: "idSuffix", value: "1234X" });
    expect(classifySearch("12345678901234567")).toEqual({ kind: "idSuffix", value: "12345678901234567" });
    expect(classifySearch("12X")).toEqual({ kind: "name", value: "12X" });
    expect(classifySearch("X123")).toEqual({ kind: "name", value: "X123" });
    expect(classifySearch("1234567890123456789")).toEqual({ kind: "name", value: "1234567890123456789" });
  });

  it("refuses an over-long search instead of ignoring it", () => {
    expect(classifySearch("王".repeat(40))).toEqual({ kind: "name", value: "王".repeat(40) });
    expect(classifySearch("王".repeat(41))).toEqual({ kind: "tooLong" });
    expect(classifySearch(` ${"1".repeat(41)} `)).toEqual({ kind: "tooLong" });
  });
});
