import type { MeasureCategory } from "@/lib/domain/codes";

/** The concrete items of each category (docs/domain.md §5), seeded into the editable catalogue. */
export const DEFAULT_MEASURE_ITEMS: Record<MeasureCategory, string[]> = {
  INDUSTRY: ["种植", "养殖", "光伏", "电商", "乡村旅游", "到户产业资金", "土地流转"],
  EMPLOYMENT: ["转移就业", "公益岗位", "扶贫车间", "技能培训"],
  EDUCATION: ["两免一补", "助学金", "雨露计划"],
  HEALTH: ["三重医疗保障", "家庭医生签约", "大病专项救治", "先诊疗后付费"],
  HOUSING: ["危房改造", "易地扶贫搬迁"],
  WATER: ["饮水安全工程"],
  SOCIAL_SECURITY: ["低保", "特困供养", "临时救助", "残疾人两项补贴"],
  FINANCE: ["扶贫小额信贷"],
  ECOLOGY: ["生态护林员", "生态补偿"],
  ASSET_INCOME: ["光伏分红", "集体经济分红"],
  MOTIVATION: ["扶志扶智教育", "道德积分超市"],
  SOCIAL: ["结对帮扶", "消费帮扶", "东西部协作"],
  INFRASTRUCTURE: ["通组路建设", "产业路建设"],
};

/** Items whose completion makes housing safe (docs/domain.md §6 住房安全). */
export const HOUSING_SECURING_ITEMS = ["危房改造", "易地扶贫搬迁"] as const;
