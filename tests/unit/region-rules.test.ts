import { describe, expect, it } from "vitest";
import { countyCodeError, countyRegionCode, levelOfCode, mergeError, parentCodeOf, regionCodeError, swapForMove } from "@/lib/regions/rules";
import { ZCreateRegion, ZMergeVillages } from "@/lib/regions/schema";

describe("统计用区划代码 rules", () => {
  it("checks a county's 6-digit code", () => {
    expect(countyCodeError("522601")).toBeNull();
    expect(countyCodeError("52260")).toBe("县级代码应为 6 位数字");
    expect(countyCodeError("52260a")).toBe("县级代码应为 6 位数字");
    expect(countyCodeError("992601")).toBe("县级代码的前两位（省级）有误");
    expect(countyCodeError("522600")).toBe("县级代码的后两位不能是 00（那是地级市的代码）");
    expect(countyRegionCode("522601")).toBe("522601000000");
  });

  it("reads the level from the code's shape", () => {
    expect(levelOfCode("522601000000")).toBe("COUNTY");
    expect(levelOfCode("522601101000")).toBe("TOWNSHIP");
    expect(levelOfCode("522601101201")).toBe("VILLAGE");
    expect(levelOfCode("522601000201")).toBeNull();
    expect(levelOfCode("52260110120")).toBeNull();
    expect(levelOfCode("522600101201")).toBeNull();
  });

  it("names each level's parent", () => {
    expect(parentCodeOf("522601101000")).toBe("522601000000");
    expect(parentCodeOf("522601101201")).toBe("522601101000");
    expect(parentCodeOf("522601000000")).toBeNull();
  });

  it("refuses a code of the wrong level, the wrong parent or the wrong shape, in Chinese", () => {
    expect(regionCodeError("522601101000", "TOWNSHIP", "522601000000")).toBeNull();
    expect(regionCodeError("522601101201", "VILLAGE", "522601101000")).toBeNull();
    expect(regionCodeError("5226011012", "VILLAGE", "522601101000")).toBe("区划代码应为 12 位数字");
    expect(regionCodeError("522601101201", "TOWNSHIP", "522601000000")).toBe("该代码是村级代码，不是乡镇级代码");
    expect(regionCodeError("522601101000", "VILLAGE", "522601101000")).toBe("该代码是乡镇级代码，不是村级代码");
    expect(regionCodeError("522601102201", "VILLAGE", "522601101000")).toBe("村代码的前 9 位应与所属乡镇一致（522601101）");
    expect(regionCodeError("522602101000", "TOWNSHIP", "522601000000")).toBe("乡镇代码的前 6 位应与所属县一致（522601）");
    expect(regionCodeError("522601000201", "VILLAGE", "522601101000")).toMatch(/格式有误/);
    expect(regionCodeError("522601101201", "VILLAGE", null)).toBe("请选择所属乡镇");
  });

  it("merges only two living villages of one township", () => {
    const village = (code: string, townshipCode = "522601101000", retiredAt: Date | null = null) => ({ code, level: "VILLAGE", townshipCode, retiredAt });
    expect(mergeError(village("522601101201"), village("522601101202"))).toBeNull();
    expect(mergeError(village("522601101201"), village("522601101201"))).toBe("不能把村合并到它自己");
    expect(mergeError(village("522601101201"), village("522601102201", "522601102000"))).toMatch(/同一乡镇/);
    expect(mergeError(village("522601101201", undefined, new Date()), village("522601101202"))).toBe("被合并的村已撤销");
    expect(mergeError(village("522601101201"), village("522601101202", undefined, new Date()))).toBe("合并到的村已撤销，不能再接收户");
    expect(mergeError({ ...village("522601101000"), level: "TOWNSHIP" }, village("522601101202"))).toBe("只能合并村");
  });

  it("swaps with the neighbour, and not past either end", () => {
    const list = [{ code: "a" }, { code: "b" }, { code: "c" }];
    expect(swapForMove(list, "b", "up")).toEqual([{ code: "b" }, { code: "a" }]);
    expect(swapForMove(list, "b", "down")).toEqual([{ code: "b" }, { code: "c" }]);
    expect(swapForMove(list, "a", "up")).toBeNull();
    expect(swapForMove(list, "c", "down")).toBeNull();
    expect(swapForMove(list, "x", "down")).toBeNull();
  });

  it("schemas answer in Chinese, and a merge needs its confirmation", () => {
    const bad = ZCreateRegion.safeParse({ level: "VILLAGE", code: "12ab", name: " ", parentCode: "522601101000" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.message)).toEqual(["区划代码应为 12 位数字", "请填写名称"]);
    const unconfirmed = ZMergeVillages.safeParse({ sourceCode: "522601101201", targetCode: "522601101202", sourceVersion: "1", targetVersion: "1" });
    expect(unconfirmed.error?.issues.map((issue) => issue.message)).toEqual(["请勾选确认：合并后被合并的村撤销，其户全部转入合并到的村并重新编号"]);
  });
});
