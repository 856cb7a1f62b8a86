import type { RegionLevel } from "@/lib/domain/codes";
import { countyRegionCode, regionCodeError } from "@/lib/regions/rules";

/**
 * The region tree from a spreadsheet (/admin/regions/import): pure checks of every row against the rules of the
 * hand-made tree (lib/regions/rules.ts) and what the county already has. All or nothing: one error and nothing is created.
 */
export const TREE_COLUMNS = ["代码", "名称", "级别", "上级代码"] as const;
export type TreeColumn = (typeof TREE_COLUMNS)[number];

/** One data row as read from the sheet (1-based sheet row number), every cell as trimmed text. */
export type TreeRow = { row: number; code: string; name: string; level: string; parentCode: string };
export type TreeIssue = { row: number; column: TreeColumn; message: string };
export type ExistingRegion = { code: string; name: string; level: string; parentCode: string | null; retired: boolean };
export type PlannedRegion = { row: number; code: string; name: string; level: "TOWNSHIP" | "VILLAGE"; parentCode: string };
export type TreePlan = { creates: PlannedRegion[]; unchanged: number; errors: TreeIssue[] };

const LEVEL_WORDS: Record<string, RegionLevel> = {
  县: "COUNTY",
  县级: "COUNTY",
  区: "COUNTY",
  县级市: "COUNTY",
  乡镇: "TOWNSHIP",
  乡: "TOWNSHIP",
  镇: "TOWNSHIP",
  街道: "TOWNSHIP",
  乡级: "TOWNSHIP",
  村: "VILLAGE",
  行政村: "VILLAGE",
  社区: "VILLAGE",
  居委会: "VILLAGE",
  村级: "VILLAGE",
};

export function levelFromWord(word: string): RegionLevel | null {
  return LEVEL_WORDS[word.trim()] ?? null;
}

const MAX_NAME = 40;

export function planTreeImport(rows: readonly TreeRow[], countyCode6: string, existing: readonly ExistingRegion[]): TreePlan {
  const errors: TreeIssue[] = [];
  const issue = (row: number, column: TreeColumn, message: string) => errors.push({ row, column, message });
  const known = new Map(existing.map((region) => [region.code, region]));
  const firstRowOf = new Map<string, number>();
  const creates: PlannedRegion[] = [];
  let unchanged = 0;
  const countyCode = countyRegionCode(countyCode6);

  for (const row of rows) {
    const before = errors.length;
    if (!row.code) issue(row.row, "代码", "请填写代码");
    if (!row.name) issue(row.row, "名称", "请填写名称");
    else if (row.name.length > MAX_NAME) issue(row.row, "名称", `名称不超过 ${MAX_NAME} 个字符`);
    const level = levelFromWord(row.level);
    if (!row.level) issue(row.row, "级别", "请填写级别（乡镇 或 村）");
    else if (!level) issue(row.row, "级别", `级别“${row.level}”无法识别，应为 乡镇 或 村`);
    if (errors.length > before || !level) continue;

    if (row.code.slice(0, 6) !== countyCode6 && /^\d{12}$/.test(row.code)) {
      issue(row.row, "代码", `代码不属于本县（本县代码 ${countyCode6}）`);
      continue;
    }
    const duplicateOf = firstRowOf.get(row.code);
    if (duplicateOf !== undefined) {
      issue(row.row, "代码", `代码与第 ${duplicateOf} 行重复`);
      continue;
    }
    firstRowOf.set(row.code, row.row);

    if (level === "COUNTY") {
      const codeError = regionCodeError(row.code, "COUNTY", null);
      if (codeError) issue(row.row, "代码", codeError);
      else if (row.code !== countyCode) issue(row.row, "代码", `代码不属于本县（本县代码 ${countyCode6}）`);
      else unchanged += 1;
      continue;
    }
    if (!row.parentCode) {
      issue(row.row, "上级代码", "请填写上级代码");
      continue;
    }
    const codeError = regionCodeError(row.code, level, row.parentCode);
    if (codeError) {
      issue(row.row, codeError.includes("前") ? "上级代码" : "代码", codeError);
      continue;
    }
    const already = known.get(row.code);
    if (already) {
      if (already.name === row.name && already.parentCode === row.parentCode) unchanged += 1;
      else issue(row.row, "名称", `代码 ${row.code} 已是“${already.name}”；已有区划请在区划管理页面更名，不从表格修改`);
      continue;
    }
    creates.push({ row: row.row, code: row.code, name: row.name, level, parentCode: row.parentCode });
  }

  // Parents: an existing, living region, or a township created by this same file.
  const creating = new Map(creates.map((region) => [region.code, region]));
  const siblingNames = new Map<string, number>();
  for (const region of existing) if (!region.retired && region.parentCode) siblingNames.set(`${region.parentCode}|${region.name}`, 0);
  for (const region of creates) {
    const parent = known.get(region.parentCode);
    if (region.level === "VILLAGE" && !parent && !creating.has(region.parentCode)) {
      issue(region.row, "上级代码", `上级乡镇 ${region.parentCode} 不在系统中，也不在本表中`);
    } else if (parent?.retired) {
      issue(region.row, "上级代码", `上级区划“${parent.name}”已撤销`);
    }
    const key = `${region.parentCode}|${region.name}`;
    const clash = siblingNames.get(key);
    if (clash !== undefined) issue(region.row, "名称", clash === 0 ? `同一上级下已有名为“${region.name}”的区划` : `同一上级下名称与第 ${clash} 行重复`);
    else siblingNames.set(key, region.row);
  }
  errors.sort((a, b) => a.row - b.row || TREE_COLUMNS.indexOf(a.column) - TREE_COLUMNS.indexOf(b.column));
  // Townships before villages, each in the file's order: the order they are created and numbered in.
  creates.sort((a, b) => (a.level === b.level ? a.row - b.row : a.level === "TOWNSHIP" ? -1 : 1));
  return { creates, unchanged, errors };
}
