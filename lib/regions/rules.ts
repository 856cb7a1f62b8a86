import type { RegionLevel } from "@/lib/domain/codes";

/**
 * 统计用区划代码 (docs/domain.md §13): 12 digits — province 2, city 2, county 2, township 3, village 3.
 * A county's code is its 6 digits followed by six zeros; a township's ends in 000; a village's does not.
 * Pure functions, shared by the commands, the spreadsheet import and the first-admin script.
 */
export const COUNTY_CODE_PATTERN = /^\d{6}$/;
export const REGION_CODE_PATTERN = /^\d{12}$/;

/** The 12-digit region code of a county from its 6-digit code. */
export function countyRegionCode(countyCode6: string): string {
  return `${countyCode6}000000`;
}

/** A county code: six digits, a real province (11–82) and not a city's own code (the last two digits are not 00). */
export function countyCodeError(code: string): string | null {
  if (!COUNTY_CODE_PATTERN.test(code)) return "县级代码应为 6 位数字";
  const province = Number(code.slice(0, 2));
  if (province < 11 || province > 82) return "县级代码的前两位（省级）有误";
  if (code.slice(4, 6) === "00") return "县级代码的后两位不能是 00（那是地级市的代码）";
  return null;
}

/** The level a 12-digit code has by its shape, or null when it is no region code at all. */
export function levelOfCode(code: string): RegionLevel | null {
  if (!REGION_CODE_PATTERN.test(code)) return null;
  if (countyCodeError(code.slice(0, 6))) return null;
  if (code.slice(6) === "000000") return "COUNTY";
  if (code.slice(9) === "000") return "TOWNSHIP";
  if (code.slice(6, 9) === "000") return null;
  return "VILLAGE";
}

/** The code a region's parent must have: a township's county, a village's township. */
export function parentCodeOf(code: string): string | null {
  switch (levelOfCode(code)) {
    case "TOWNSHIP":
      return countyRegionCode(code.slice(0, 6));
    case "VILLAGE":
      return `${code.slice(0, 9)}000`;
    default:
      return null;
  }
}

const LEVEL_NAME: Record<RegionLevel, string> = { COUNTY: "县", TOWNSHIP: "乡镇", VILLAGE: "村" };

/**
 * Why a code cannot be a region of this level under this parent, in Chinese, or null when it can.
 * Checks digits, the level by shape, and that the code starts with its parent's.
 */
export function regionCodeError(code: string, level: RegionLevel, parentCode: string | null): string | null {
  if (!REGION_CODE_PATTERN.test(code)) return "区划代码应为 12 位数字";
  const shape = levelOfCode(code);
  if (shape === null) return "区划代码的格式有误（乡镇代码以 000 结尾，村代码的第 7—9 位为所属乡镇）";
  if (shape !== level) return `该代码是${LEVEL_NAME[shape]}级代码，不是${LEVEL_NAME[level]}级代码`;
  if (level === "COUNTY") return parentCode === null ? null : "县没有上级区划";
  if (parentCode === null) return `请选择所属${level === "VILLAGE" ? "乡镇" : "县"}`;
  if (parentCodeOf(code) !== parentCode) {
    return level === "VILLAGE"
      ? `村代码的前 9 位应与所属乡镇一致（${parentCode.slice(0, 9)}）`
      : `乡镇代码的前 6 位应与所属县一致（${parentCode.slice(0, 6)}）`;
  }
  return null;
}

/** The level a child of this level has. */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return level === "COUNTY" ? "TOWNSHIP" : level === "TOWNSHIP" ? "VILLAGE" : null;
}

/** Why two villages cannot be merged (source into target), or null. */
export function mergeError(
  source: { code: string; level: string; townshipCode: string | null; retiredAt: Date | null },
  target: { code: string; level: string; townshipCode: string | null; retiredAt: Date | null },
): string | null {
  if (source.level !== "VILLAGE" || target.level !== "VILLAGE") return "只能合并村";
  if (source.code === target.code) return "不能把村合并到它自己";
  if (source.retiredAt) return "被合并的村已撤销";
  if (target.retiredAt) return "合并到的村已撤销，不能再接收户";
  if (source.townshipCode !== target.townshipCode) return "只能合并同一乡镇内的两个村（跨乡镇调整请先调整乡镇）";
  return null;
}

/** The sort orders after moving one sibling up or down: the pair that swaps, or null at the end of the list. */
export function swapForMove<T extends { code: string }>(siblings: readonly T[], code: string, direction: "up" | "down"): [T, T] | null {
  const index = siblings.findIndex((sibling) => sibling.code === code);
  if (index < 0) return null;
  const other = direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= siblings.length) return null;
  return [siblings[index], siblings[other]];
}

/**
 * Whether a household's 自然村/组 fits its village: free text (any, or none) when the village has no list; otherwise
 * empty or the name of a group in use. `current` is the household's own value before the edit, which may stay even when
 * its group has since been retired. Returns a Chinese explanation, or null.
 */
export function villageGroupChoiceError(
  groups: readonly { name: string; retired: boolean }[],
  value: string | null | undefined,
  current?: string | null,
): string | null {
  const name = value?.trim();
  if (!name || groups.length === 0) return null;
  const group = groups.find((candidate) => candidate.name === name);
  if (group && (!group.retired || name === current)) return null;
  if (group) return `自然村/组“${name}”已撤销，请从本村在用的自然村/组中选择`;
  const names = groups.filter((candidate) => !candidate.retired).map((candidate) => candidate.name);
  return `本村的自然村/组中没有“${name}”，应为：${names.join("、")}`;
}
