import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";

export type NavEntry = { href: string; label: string; description: string; permission: Permission };

/** The entry points of the product; each is shown only to roles holding its permission. */
const ENTRIES: NavEntry[] = [
  { href: "/dashboard", label: "挂图作战", description: "贫困分布、减贫任务进度、短板清单，数字可追到户", permission: "dashboard.read" },
  { href: "/households", label: "户档管理", description: "一户一档：户信息、家庭成员、收入、佐证材料", permission: "household.read" },
  { href: "/imports", label: "导入导出", description: "按国家系统贫困人口明细格式导入建档数据、导出台账", permission: "ledger.read" },
  { href: "/exits", label: "退出核验", description: "贫困户脱贫退出核验表、待我审核", permission: "exit.read" },
  { href: "/village-exits", label: "贫困村退出", description: "贫困发生率、村级条件与出列签字", permission: "villageExit.read" },
  { href: "/monitoring", label: "防止返贫监测", description: "监测对象、致贫返贫风险、监测线", permission: "monitoring.read" },
  { href: "/quality", label: "疑点数据", description: "按规则持续检查户档，本辖区待处理的疑点和规则目录", permission: "quality.read" },
  { href: "/measures/uncovered", label: "施策不精准清单", description: "致贫原因尚无对应措施的户", permission: "coverage.read" },
  { href: "/visits/overdue", label: "走访提醒", description: "超过规定天数未走访的户", permission: "coverage.read" },
  { href: "/inspections", label: "督查工作台", description: "审查退出核验表、抽查与入户核查、三率一度", permission: "inspection.read" },
  { href: "/inspections/findings", label: "问题清单", description: "督查问题的整改、销号与逾期情况", permission: "finding.read" },
  { href: "/inspections/rounds", label: "抽查核查", description: "抽查轮次、可验证的随机抽样与入户核查", permission: "inspection.read" },
  { href: "/inspections/rates", label: "三率一度", description: "错退率、漏评率、群众认可度、综合贫困发生率", permission: "inspection.read" },
  { href: "/measures/catalogue", label: "措施目录", description: "帮扶措施目录与致贫原因匹配表", permission: "catalogue.manage" },
  { href: "/dashboard/targets", label: "减贫任务", description: "下达各乡镇、村的年度减贫任务", permission: "target.manage" },
  { href: "/inspections/categories", label: "问题类别", description: "维护督查问题类别", permission: "findingCategory.manage" },
  { href: "/settings", label: "系统设置", description: "各年度贫困线等全县参数", permission: "settings.manage" },
  { href: "/admin/users", label: "用户管理", description: "账号、角色与管辖范围", permission: "user.manage" },
  { href: "/admin/regions", label: "区划管理", description: "本县的乡镇、村及其区划代码", permission: "region.manage" },
];

export function navigationFor(actor: Pick<Actor, "role">): NavEntry[] {
  return ENTRIES.filter((entry) => can(actor, entry.permission));
}
