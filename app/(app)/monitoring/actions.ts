"use server";

import { formAction } from "@/lib/commands/form-action";
import {
  addMonitoringRisk,
  addRiskType,
  createMonitoringObject,
  saveMonitoringLine,
  saveMonitoringSettings,
  setRiskTypeRetired,
} from "@/lib/monitoring/commands";

export const saveMonitoringLineAction = formAction(saveMonitoringLine, { message: "监测线已保存", revalidate: () => ["/monitoring/settings"] });
export const saveMonitoringSettingsAction = formAction(saveMonitoringSettings, { message: "浮动比例已保存", revalidate: () => ["/monitoring/settings"] });
export const addRiskTypeAction = formAction(addRiskType, { message: "风险类型已新增", revalidate: () => ["/monitoring/settings"] });
export const setRiskTypeRetiredAction = formAction(setRiskTypeRetired, { message: "风险类型已更新", revalidate: () => ["/monitoring/settings"] });
export const createMonitoringObjectAction = formAction(createMonitoringObject, {
  message: "已纳入监测对象（待识别）",
  revalidate: () => ["/monitoring"],
  redirect: (result) => `/monitoring/${result.id}`,
});
export const addMonitoringRiskAction = formAction(addMonitoringRisk, {
  message: "风险已登记",
  revalidate: (result) => [`/monitoring/${result.id}`, "/monitoring"],
});
