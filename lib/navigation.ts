import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";

/** The menu's sections, in the order the menu shows them. */
export const NAV_GROUPS = ["户档", "帮扶", "退出", "督查", "数据", "设置"] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export type NavEntry = {
  href: string;
  label: string;
  /** What the entry offers to a role that may only look. */
  description: string;
  permission: Permission;
  group: NavGroup;
  /** What it offers instead to a role holding a further permission (first match wins): a home card promises only what the role can do. */
  when?: { permission: Permission; description: string }[];
  /** The entry's own permission is already one to change things (设置 entries). */
  manages?: true;
};

/** The entry points of the product, grouped; each is shown only to roles holding its permission. */
const ENTRIES: NavEntry[] = [
  {
    group: "户档",
    href: "/households",
    label: "户档管理",
    description: "查阅一户一档：户信息、家庭成员、收入、佐证材料",
    permission: "household.read",
    when: [{ permission: "household.write", description: "一户一档：建档，维护户信息、家庭成员、收入、佐证材料" }],
  },
  {
    group: "户档",
    href: "/monitoring",
    label: "防止返贫监测",
    description: "查看监测对象、致贫返贫风险、监测线",
    permission: "monitoring.read",
    when: [{ permission: "monitoring.write", description: "纳入监测对象、登记致贫返贫风险" }],
  },
  {
    group: "户档",
    href: "/monitoring/warnings",
    label: "监测预警",
    description: "收入筛查、部门名单、农户自主申报和干部排查发现的预警，超期提示及核实结果",
    permission: "monitoring.read",
    when: [{ permission: "monitoring.write", description: "登记自主申报和排查预警；核实预警：纳入监测或说明无需纳入" }],
  },
  {
    group: "帮扶",
    href: "/visits/overdue",
    label: "走访提醒",
    description: "超过规定天数未走访的户",
    permission: "coverage.read",
    when: [{ permission: "visit.write", description: "超过规定天数未走访的户，走访后登记" }],
  },
  {
    group: "帮扶",
    href: "/measures/uncovered",
    label: "施策不精准清单",
    description: "致贫原因尚无对应措施的户",
    permission: "coverage.read",
    when: [{ permission: "measure.write", description: "致贫原因尚无对应措施的户，待补充帮扶措施" }],
  },
  {
    group: "帮扶",
    href: "/monitoring/unmatched",
    label: "风险未对应措施",
    description: "监测对象有风险却没有匹配类别帮扶措施的清单",
    permission: "monitoring.read",
  },
  {
    group: "退出",
    href: "/exits",
    label: "退出核验",
    description: "查看贫困户脱贫退出核验表及其签核进度",
    permission: "exit.read",
    when: [{ permission: "exit.act", description: "贫困户脱贫退出核验表、待我审核" }],
  },
  {
    group: "退出",
    href: "/village-exits",
    label: "贫困村退出",
    description: "查看贫困发生率、村级条件与出列签核进度",
    permission: "villageExit.read",
    when: [{ permission: "villageExit.act", description: "贫困发生率、村级条件与出列签字" }],
  },
  {
    group: "督查",
    href: "/inspections",
    label: "督查工作台",
    description: "查看核验表审查、抽查与入户核查的结果",
    permission: "inspection.read",
    when: [{ permission: "inspection.review", description: "审查退出核验表、抽查与入户核查、三率一度" }],
  },
  {
    group: "督查",
    href: "/inspections/findings",
    label: "问题清单",
    description: "查看督查问题的整改、销号与逾期情况",
    permission: "finding.read",
    when: [
      { permission: "finding.decide", description: "提出督查问题，对整改报告销号或退回" },
      { permission: "finding.rectify", description: "本辖区的督查问题，提交整改报告" },
    ],
  },
  {
    group: "督查",
    href: "/inspections/rounds",
    label: "抽查核查",
    description: "查看抽查轮次、随机抽样与入户核查结果",
    permission: "inspection.read",
    when: [{ permission: "sampling.manage", description: "建立抽查轮次、可验证的随机抽样与入户核查" }],
  },
  { group: "督查", href: "/inspections/rates", label: "三率一度", description: "错退率、漏评率、群众认可度、综合贫困发生率", permission: "inspection.read" },
  { group: "数据", href: "/dashboard", label: "挂图作战", description: "贫困分布、减贫任务进度、短板清单，数字可追到户", permission: "dashboard.read" },
  { group: "数据", href: "/quality", label: "疑点数据", description: "按规则持续检查户档，本辖区待处理的疑点和规则目录", permission: "quality.read" },
  {
    group: "数据",
    href: "/imports",
    label: "导入导出",
    description: "按国家系统格式导出贫困人口明细台账",
    permission: "ledger.read",
    when: [{ permission: "import.manage", description: "按国家系统贫困人口明细格式导入建档数据、导出台账" }],
  },
  { group: "设置", href: "/measures/catalogue", label: "措施目录", description: "帮扶措施目录与致贫原因匹配表", permission: "catalogue.manage", manages: true },
  { group: "设置", href: "/dashboard/targets", label: "减贫任务", description: "下达各乡镇、村的年度减贫任务", permission: "target.manage", manages: true },
  { group: "设置", href: "/inspections/categories", label: "问题类别", description: "维护督查问题类别", permission: "findingCategory.manage", manages: true },
  { group: "设置", href: "/settings", label: "系统设置", description: "各年度贫困线等全县参数", permission: "settings.manage", manages: true },
  { group: "设置", href: "/admin/users", label: "用户管理", description: "账号、角色与管辖范围", permission: "user.manage", manages: true },
  { group: "设置", href: "/admin/regions", label: "区划管理", description: "本县的乡镇、村及其区划代码", permission: "region.manage", manages: true },
];

export function navigationFor(actor: Pick<Actor, "role">): NavEntry[] {
  return ENTRIES.filter((entry) => can(actor, entry.permission));
}

/**
 * The home cards: the actor's entries, each described by what this role can do there; `acts` marks
 * those where the role changes something (the home lists them first, as 我能办理).
 */
export function homeCardsFor(actor: Pick<Actor, "role">): { href: string; label: string; description: string; acts: boolean }[] {
  return navigationFor(actor).map((entry) => {
    const action = entry.when?.find((option) => can(actor, option.permission));
    return { href: entry.href, label: entry.label, description: action?.description ?? entry.description, acts: Boolean(action) || entry.manages === true };
  });
}

/** The actor's entries by section; sections with no entry for the role are left out. */
export function navigationGroupsFor(actor: Pick<Actor, "role">): { group: NavGroup; entries: NavEntry[] }[] {
  const entries = navigationFor(actor);
  return NAV_GROUPS.map((group) => ({ group, entries: entries.filter((entry) => entry.group === group) })).filter((section) => section.entries.length > 0);
}

/** The home page's name in the menu: a 帮扶责任人's home is the list of their households. */
export function homeLabelFor(actor: Pick<Actor, "role">): string {
  return actor.role === "HELPER" ? "我的帮扶户" : "首页";
}

/** The entry a path belongs to: the longest entry path that is the path or a parent of it (for aria-current). */
export function activeHref(pathname: string, hrefs: readonly string[]): string | null {
  if (pathname === "/") return "/";
  let best: string | null = null;
  for (const href of hrefs) {
    if (href === "/") continue;
    if ((pathname === href || pathname.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = href;
  }
  return best;
}
