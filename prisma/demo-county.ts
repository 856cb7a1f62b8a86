/**
 * The demo county (invented names and codes in the form of 统计用区划代码): county →
 * township → village. Used by the demo seed and by tests.
 */
export const DEMO_COUNTY = { code: "522698000000", name: "云岭县" };

export const DEMO_TOWNSHIPS: { code: string; name: string; villages: { code: string; name: string }[] }[] = [
  {
    code: "522698100000",
    name: "石桥镇",
    villages: [
      { code: "522698100201", name: "杨柳村" },
      { code: "522698100202", name: "新寨村" },
      { code: "522698100203", name: "马场村" },
      { code: "522698100204", name: "水口村" },
      { code: "522698100205", name: "岩脚村" },
    ],
  },
  {
    code: "522698101000",
    name: "龙泉镇",
    villages: [
      { code: "522698101201", name: "大坪村" },
      { code: "522698101202", name: "凉水村" },
      { code: "522698101203", name: "茶园村" },
      { code: "522698101204", name: "高坡村" },
    ],
  },
  {
    code: "522698200000",
    name: "白云乡",
    villages: [
      { code: "522698200201", name: "河坝村" },
      { code: "522698200202", name: "松林村" },
      { code: "522698200203", name: "坪上村" },
      { code: "522698200204", name: "桃花村" },
    ],
  },
  {
    code: "522698201000",
    name: "青杠乡",
    villages: [
      { code: "522698201201", name: "羊角村" },
      { code: "522698201202", name: "核桃村" },
      { code: "522698201203", name: "双河村" },
      { code: "522698201204", name: "竹林村" },
    ],
  },
];

export const DEMO_PASSWORD = "demo-2026";

const [first, second] = DEMO_TOWNSHIPS;
const firstVillage = first.villages[0];

/** The demo accounts listed in the README. */
export const DEMO_USERS = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN", regionCode: DEMO_COUNTY.code },
  { username: "county", displayName: "周建国", role: "COUNTY_OFFICE", regionCode: DEMO_COUNTY.code },
  { username: "leader", displayName: "刘振华", role: "COUNTY_LEADER", regionCode: DEMO_COUNTY.code, leaderTownships: [first.code] },
  { username: "town", displayName: "王立新", role: "TOWNSHIP_CADRE", regionCode: first.code },
  { username: "town2", displayName: "陈晓峰", role: "TOWNSHIP_CADRE", regionCode: second.code },
  { username: "village", displayName: "杨光明", role: "VILLAGE_CADRE", regionCode: firstVillage.code },
  { username: "team", displayName: "李思远", role: "WORK_TEAM", regionCode: firstVillage.code },
  { username: "helper", displayName: "赵红梅", role: "HELPER", regionCode: firstVillage.code },
  { username: "inspector", displayName: "孙正平", role: "INSPECTOR", regionCode: DEMO_COUNTY.code },
] as const;

/** Poverty lines at current prices (docs/domain.md §4), yuan per person per year, as integer fen. */
export const NATIONAL_POVERTY_LINES_FEN: Record<number, number> = {
  2011: 253_600,
  2012: 262_500,
  2013: 273_600,
  2014: 280_000,
  2015: 285_500,
  2016: 295_200,
  2020: 400_000,
};

export const DEFAULT_SETTINGS = {
  noticeMinDays: 7,
  compulsorySchoolAge: { from: 6, to: 15 },
  villageExitThresholdPermille: 20,
  visitOverdueDays: 30,
} as const;

// ---------------------------------------------------------------------------
// The demo county's activity (prisma/demo-activity.ts): what the dashboard has to show on a fresh start
// ---------------------------------------------------------------------------

/** The seed of the demo activity's PRNG: the same measures, visits and sheets on every run (of the same day). */
export const DEMO_ACTIVITY_SEED = 2026;

/**
 * The demo county's own poverty line for each year after 2020 (2021 … the current year), as the county
 * office would enter it in 系统设置: it keeps the 2020 figure of 4 000 元. This is the demo county's
 * configuration, not a national figure (NATIONAL_POVERTY_LINES_FEN holds only those).
 */
export const DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN = 400_000;

/**
 * 村干部 and 驻村工作队 of the villages where the demo's exit sheets are under way (the demo accounts of
 * the README serve the first village, 杨柳村, which the end-to-end tests keep to themselves). Password
 * DEMO_PASSWORD, like every demo account.
 */
export const DEMO_VILLAGE_ACCOUNTS = [
  { username: "cg100202", displayName: "黄德明", role: "VILLAGE_CADRE", regionCode: "522698100202" },
  { username: "zc100202", displayName: "胡晓东", role: "WORK_TEAM", regionCode: "522698100202" },
  { username: "cg100203", displayName: "龙正华", role: "VILLAGE_CADRE", regionCode: "522698100203" },
  { username: "zc100203", displayName: "孙雨萌", role: "WORK_TEAM", regionCode: "522698100203" },
  { username: "cg101202", displayName: "潘永贵", role: "VILLAGE_CADRE", regionCode: "522698101202" },
  { username: "zc101202", displayName: "欧阳静", role: "WORK_TEAM", regionCode: "522698101202" },
  { username: "cg101203", displayName: "石光荣", role: "VILLAGE_CADRE", regionCode: "522698101203" },
  { username: "zc101203", displayName: "徐子涵", role: "WORK_TEAM", regionCode: "522698101203" },
] as const;

/** Villages whose township has not entered their 农村户籍人口 (so the dashboard shows 未填报人口): 白云乡桃花村, 青杠乡竹林村. */
export const DEMO_VILLAGES_WITHOUT_POPULATION = ["522698200204", "522698201204"] as const;
