import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { levelFromWord, planTreeImport, type ExistingRegion, type TreeRow } from "@/lib/regions/tree-import-rules";
import { readTreeSheet } from "@/lib/regions/tree-sheet";

const EXISTING: ExistingRegion[] = [
  { code: "522601000000", name: "凯里市", level: "COUNTY", parentCode: null, retired: false },
  { code: "522601101000", name: "炉山镇", level: "TOWNSHIP", parentCode: "522601000000", retired: false },
  { code: "522601101201", name: "大坪村", level: "VILLAGE", parentCode: "522601101000", retired: false },
  { code: "522601102000", name: "旁海镇", level: "TOWNSHIP", parentCode: "522601000000", retired: true },
];
let rowNumber = 2;
const row = (code: string, name: string, level: string, parentCode: string): TreeRow => ({ row: ++rowNumber, code, name, level, parentCode });

describe("region tree import: the rows", () => {
  it("reads level words", () => {
    expect(["乡镇", "镇", "街道", "村", "社区", "县", "组"].map(levelFromWord)).toEqual([
      "TOWNSHIP",
      "TOWNSHIP",
      "TOWNSHIP",
      "VILLAGE",
      "VILLAGE",
      "COUNTY",
      null,
    ]);
  });

  it("plans townships before villages, skips what is already there unchanged", () => {
    rowNumber = 2;
    const plan = planTreeImport(
      [
        row("522601000000", "凯里市", "县", ""),
        row("522601103201", "新村", "村", "522601103000"),
        row("522601103000", "湾水镇", "镇", "522601000000"),
        row("522601101201", "大坪村", "村", "522601101000"),
        row("522601101202", "小坪村", "村", "522601101000"),
      ],
      "522601",
      EXISTING,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.unchanged).toBe(2);
    expect(plan.creates.map((region) => [region.row, region.code, region.level])).toEqual([
      [5, "522601103000", "TOWNSHIP"],
      [4, "522601103201", "VILLAGE"],
      [7, "522601101202", "VILLAGE"],
    ]);
  });

  it("reports every error with its row, column and a Chinese explanation", () => {
    rowNumber = 2;
    const plan = planTreeImport(
      [
        row("", "无码村", "村", "522601101000"),
        row("522601101203", "", "", "522601101000"),
        row("522601101204", "甲村", "组", "522601101000"),
        row("522602101000", "外县镇", "镇", "522602000000"),
        row("522601104201", "错上级村", "村", "522601101000"),
        row("522601101205", "乙村", "村", "522601101000"),
        row("522601101205", "乙村二", "村", "522601101000"),
        row("522601101201", "改名村", "村", "522601101000"),
        row("522601105201", "孤村", "村", "522601105000"),
        row("522601102201", "撤销镇下村", "村", "522601102000"),
        row("522601101206", "大坪村", "村", "522601101000"),
        row("522601101207", "丙村", "村", ""),
        row("52260110120", "短码村", "村", "522601101000"),
      ],
      "522601",
      EXISTING,
    );
    expect(plan.errors).toEqual([
      { row: 3, column: "代码", message: "请填写代码" },
      { row: 4, column: "名称", message: "请填写名称" },
      { row: 4, column: "级别", message: "请填写级别（乡镇 或 村）" },
      { row: 5, column: "级别", message: "级别“组”无法识别，应为 乡镇 或 村" },
      { row: 6, column: "代码", message: "代码不属于本县（本县代码 522601）" },
      { row: 7, column: "上级代码", message: "村代码的前 9 位应与所属乡镇一致（522601101）" },
      { row: 9, column: "代码", message: "代码与第 8 行重复" },
      { row: 10, column: "名称", message: "代码 522601101201 已是“大坪村”；已有区划请在区划管理页面更名，不从表格修改" },
      { row: 11, column: "上级代码", message: "上级乡镇 522601105000 不在系统中，也不在本表中" },
      { row: 12, column: "上级代码", message: "上级区划“旁海镇”已撤销" },
      { row: 13, column: "名称", message: "同一上级下已有名为“大坪村”的区划" },
      { row: 14, column: "上级代码", message: "请填写上级代码" },
      { row: 15, column: "代码", message: "区划代码应为 12 位数字" },
    ]);
  });
});

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("区划");
  for (const values of rows) sheet.addRow(values);
  sheet.mergeCells(1, 1, 1, 4);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("region tree import: the sheet", () => {
  it("finds the header below a merged title, columns by name in any order, codes typed as numbers kept exact", async () => {
    const bytes = await workbook([
      ["凯里市区划表", null, null, null],
      ["备注", "名称", "上级代码", "级别", "代码"],
      ["", "湾水镇", 522601000000, "镇", 522601103000],
      [null, null, null, null, null],
      ["x", " 新村 ", "522601103000", "村", "522601103201"],
    ]);
    expect(await readTreeSheet(bytes)).toEqual({
      ok: true,
      rows: [
        { row: 3, code: "522601103000", name: "湾水镇", level: "镇", parentCode: "522601000000" },
        { row: 5, code: "522601103201", name: "新村", level: "村", parentCode: "522601103000" },
      ],
    });
  });

  it("says so when the header or the data is missing, or the file is no workbook", async () => {
    expect(await readTreeSheet(await workbook([["标题"], ["代码", "名称", "级别"]]))).toEqual({
      ok: false,
      message: "找不到表头：第一张工作表的前 20 行中应有“代码”“名称”“级别”“上级代码”四列",
    });
    expect(await readTreeSheet(await workbook([["标题"], ["代码", "名称", "级别", "上级代码"]]))).toEqual({ ok: false, message: "表头下面没有数据行" });
    expect(await readTreeSheet(new TextEncoder().encode("PK\u0003\u0004 not really"))).toEqual({
      ok: false,
      message: "无法读取该文件：请上传 Excel 工作簿（.xlsx）",
    });
  });
});
