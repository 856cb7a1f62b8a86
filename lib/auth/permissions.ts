import type { Role } from "@/lib/domain/codes";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/errors";

/**
 * The one permission catalogue: every command names the permission it needs.
 * Anything not listed here is denied.
 */
export const PERMISSIONS = {
  /** 查看户档（含成员、收入、帮扶措施、佐证材料） */
  "household.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 建档，修改户档、家庭成员和收入 */
  "household.write": ["VILLAGE_CADRE", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 查看完整身份证号（每次查看都记入审计日志） */
  "household.viewFullIdNumber": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "INSPECTOR"],
  /** 上传户的佐证材料 */
  "attachment.upload": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 设置各年度贫困线等全县参数 */
  "settings.manage": ["COUNTY_OFFICE"],
  /** 添加帮扶措施、变更措施状态 */
  "measure.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  /** 制定和修改户的年度脱贫计划 */
  "plan.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  /** 登记走访记录（可附照片） */
  "visit.write": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM"],
  /** 更换户的帮扶责任人 */
  "helper.reassign": ["VILLAGE_CADRE", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 维护措施目录和致贫原因与措施类别的匹配表 */
  "catalogue.manage": ["COUNTY_OFFICE"],
  /** 查看施策不精准清单和走访提醒（帮扶责任人只看自己帮扶的户：其管辖范围就是这些户） */
  "coverage.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 查看贫困户退出核验表 */
  "exit.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 在贫困户退出核验表上办理本角色的步骤（哪一步由签核链规则决定） */
  "exit.act": ["HELPER", "VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 提出贫困户脱贫退出（退出核验表的第一步；退回后重新提出） */
  "exit.propose": ["HELPER", "VILLAGE_CADRE"],
  /** 登记已脱贫户返贫 */
  "household.returnToPoverty": ["TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 查看贫困村退出核验表 */
  "villageExit.read": ["TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 在贫困村退出核验表上办理本角色的步骤（哪一步由签核链规则决定） */
  "villageExit.act": ["TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER"],
  /** 建立贫困村退出核验表，填报村级出列条件并上传佐证材料 */
  "villageExit.edit": ["TOWNSHIP_CADRE"],
  /** 公告贫困村出列 */
  "villageExit.announce": ["COUNTY_OFFICE"],
  /** 登记村的农业户籍人口（计算贫困发生率用） */
  "villagePopulation.write": ["TOWNSHIP_CADRE"],
  /** 查看挂图作战（本人管辖范围内的统计图表，可追到户） */
  "dashboard.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 查看疑点数据（数据质量规则目录和本人管辖范围内的疑点） */
  "quality.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 将疑点（不含错误）标记为“已核实无误”及撤回标记（本辖区；督查人员、县领导不标记） */
  "quality.verify": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 下达各乡镇（村）年度减贫任务 */
  "target.manage": ["COUNTY_OFFICE"],
  /** 导入国家系统导出的贫困人口明细（乡镇干部只能导入本乡镇），撤销本人范围内的导入批次 */
  "import.manage": ["TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 按国家系统格式导出贫困人口明细台账（本人管辖范围） */
  "ledger.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 查看督查工作台：核验表审查、抽查轮次与入户核查、三率一度 */
  "inspection.read": ["COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 审查贫困户退出核验表（逐项填写审查清单，不合格项可当即提出问题） */
  "inspection.review": ["INSPECTOR"],
  /** 建立抽查轮次、按公开随机数抽取样本、抽取替换户 */
  "sampling.manage": ["COUNTY_OFFICE", "INSPECTOR"],
  /** 登记抽查户的入户核查结果（含群众认可度） */
  "fieldCheck.write": ["INSPECTOR"],
  /** 查看问题清单（本人管辖范围内的督查问题和整改情况） */
  "finding.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 提出督查问题（挂单督办） */
  "finding.raise": ["INSPECTOR"],
  /** 提交督查问题的整改报告（问题所在乡镇、村的干部） */
  "finding.rectify": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  /** 对整改报告销号或退回 */
  "finding.decide": ["INSPECTOR"],
  /** 维护督查问题类别 */
  "findingCategory.manage": ["COUNTY_OFFICE"],
  /** 查看防止返贫监测对象、风险和监测线 */
  "monitoring.read": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR"],
  /** 纳入监测对象（待识别）、登记致贫返贫风险 */
  "monitoring.write": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"],
  /** 办理识别纳入、风险消除程序（各环节由哪个角色办理由程序本身决定，lib/monitoring/chains.ts） */
  "monitoring.act": ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE", "COUNTY_OFFICE"],
  /** 设置各年度监测线、浮动比例，维护风险类型 */
  "monitoring.manage": ["COUNTY_OFFICE"],
  /** 管理用户账号（新建、修改角色和管辖范围、停用、重置密码和两步验证） */
  "user.manage": ["ADMIN"],
  /** 维护本县的行政区划：新建乡镇和村、更名、排序、撤销和合并村、从表格导入 */
  "region.manage": ["ADMIN"],
  /** 查看本人管辖范围内的行政区划 */
  "region.read": ["VILLAGE_CADRE", "WORK_TEAM", "HELPER", "TOWNSHIP_CADRE", "COUNTY_OFFICE", "COUNTY_LEADER", "INSPECTOR", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  const roles: readonly Role[] | undefined = PERMISSIONS[permission];
  return roles?.includes(actor.role) ?? false;
}

export function requirePermission(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/**
 * The roles that must pass a second factor (TOTP) before any request is served: 系统管理员,
 * 县扶贫办 and 督查 (等保三级 requires it for administrators). Enforced in lib/auth/sessions.ts.
 */
export const SECOND_FACTOR_ROLES = ["ADMIN", "COUNTY_OFFICE", "INSPECTOR"] as const satisfies readonly Role[];

export function needsSecondFactor(role: string): boolean {
  return (SECOND_FACTOR_ROLES as readonly string[]).includes(role);
}
