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
import {
  closeMonitoringNotice,
  openMonitoringSheet,
  recordMonitoringObjection,
  recordMonitoringStep,
  rejectMonitoringSheet,
  resolveMonitoringObjection,
  resolveMonitoringRisk,
  signMonitoringStep,
  startMonitoringNotice,
  uploadMonitoringConsent,
} from "@/lib/monitoring/procedure";

export const saveMonitoringLineAction = formAction(saveMonitoringLine, { message: "监测线已保存", revalidate: () => ["/monitoring/settings"] });
export const saveMonitoringSettingsAction = formAction(saveMonitoringSettings, { message: "预警参数已保存", revalidate: () => ["/monitoring/settings"] });
export const addRiskTypeAction = formAction(addRiskType, { message: "风险类型已新增", revalidate: () => ["/monitoring/settings"] });
export const setRiskTypeRetiredAction = formAction(setRiskTypeRetired, { message: "风险类型已更新", revalidate: () => ["/monitoring/settings"] });
export const createMonitoringObjectAction = formAction(createMonitoringObject, {
  message: "已纳入监测对象（待识别）",
  revalidate: () => [{ layout: "/monitoring" }],
  redirect: (result) => `/monitoring/${result.id}`,
});
export const addMonitoringRiskAction = formAction(addMonitoringRisk, {
  message: "风险已登记",
  revalidate: (result) => [`/monitoring/${result.id}`, "/monitoring"],
});

const objectPage = (result: { id: string }) => [`/monitoring/${result.id}`, "/monitoring"];
export const openMonitoringSheetAction = formAction(openMonitoringSheet, { message: "程序已开始", revalidate: objectPage });
export const uploadMonitoringConsentAction = formAction(uploadMonitoringConsent, {
  message: "承诺授权书已上传",
  files: { one: ["file"] },
  revalidate: objectPage,
});
export const signMonitoringStepAction = formAction(signMonitoringStep, { message: "已签署", revalidate: objectPage });
export const recordMonitoringStepAction = formAction(recordMonitoringStep, { message: "已登记", revalidate: objectPage });
export const startMonitoringNoticeAction = formAction(startMonitoringNotice, { message: "公示已发布", revalidate: objectPage });
export const closeMonitoringNoticeAction = formAction(closeMonitoringNotice, { message: "公示已结束", revalidate: objectPage });
export const recordMonitoringObjectionAction = formAction(recordMonitoringObjection, { message: "异议已登记", revalidate: objectPage });
export const resolveMonitoringObjectionAction = formAction(resolveMonitoringObjection, { message: "处理结果已登记", revalidate: objectPage });
export const rejectMonitoringSheetAction = formAction(rejectMonitoringSheet, {
  message: "已退回",
  revalidate: () => [{ layout: "/monitoring" }],
});
export const resolveMonitoringRiskAction = formAction(resolveMonitoringRisk, { message: "已登记风险消除", revalidate: objectPage });
