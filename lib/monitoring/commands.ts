import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { householdScopeWhere, regionCovers } from "@/lib/auth/scope";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import { AppError, assertUpdated, notFound, ruleViolation, staleVersion } from "@/lib/errors";
import { MONITORING_SETTINGS_KEY, getMonitoringSettings, monitoringObjectScopeWhere } from "@/lib/monitoring/queries";
import { DEFAULT_MARGIN_PERMILLE, riskRefusal } from "@/lib/monitoring/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { saveVersionedSetting } from "@/lib/settings/commands";
import {
  ZAddRiskInput,
  ZCreateMonitoringObjectInput,
  ZMonitoringLineInput,
  ZMonitoringSettings,
  ZMonitoringSettingsInput,
  ZRiskTypeAddInput,
  ZRiskTypeRetireInput,
} from "@/lib/monitoring/schema";

/** Sets a year's monitoring line (county office only). A new year needs no version; an edit needs the current one. */
export const saveMonitoringLine = defineCommand({
  permission: "monitoring.manage",
  input: ZMonitoringLineInput,
  async run({ actor, input, tx }) {
    const existing = await tx.monitoringLine.findUnique({ where: { year: input.year } });
    if (existing) {
      if (input.version !== existing.version) throw staleVersion();
      assertUpdated(
        await tx.monitoringLine.updateMany({
          where: { year: input.year, version: existing.version },
          data: { amountFen: input.amount, version: { increment: 1 } },
        }),
      );
    } else {
      if (input.version) throw staleVersion();
      await tx.monitoringLine.create({ data: { year: input.year, amountFen: input.amount } });
    }
    await recordAudit(tx, actor, {
      action: "monitoringLine.update",
      entityType: "MonitoringLine",
      entityId: String(input.year),
      countyCode: actor.countyCode,
      before: existing ? { amountFen: existing.amountFen } : null,
      after: { amountFen: input.amount },
    });
    return { year: input.year };
  },
});

const settingsText = (value: Prisma.InputJsonValue) => {
  const settings = ZMonitoringSettings.parse({ marginPermille: DEFAULT_MARGIN_PERMILLE, ...(value as object) });
  return (
    `收入监测浮动比例 ${settings.marginPermille / 10}%（监测线的 ${(1000 + settings.marginPermille) / 1000} 倍以内视为有风险），` +
    `收入骤降 ${settings.dropPermille / 10}% 以上预警，合规自付医疗费用超过家庭纯收入 ${settings.medicalSharePermille / 10}% 预警，` +
    `农户自主申报 ${settings.selfApplicationDays} 天内办理`
  );
};

/**
 * Sets the monitoring parameters (county office only): the margin above the line, the sharp-drop share, the share of
 * net income above which 合规自付医疗费用 is a 预警 and the days a township has for a 农户自主申报. One versioned setting
 * (key "monitoring"); the version shown must still be current (0 before the first save). A parameter the form leaves out keeps its stored value.
 */
export const saveMonitoringSettings = defineCommand({
  permission: "monitoring.manage",
  input: ZMonitoringSettingsInput,
  async run({ actor, input, tx }) {
    const before = await getMonitoringSettings(tx);
    const value = {
      ...before,
      marginPermille: input.margin,
      dropPermille: input.drop ?? before.dropPermille,
      medicalSharePermille: input.medicalShare ?? before.medicalSharePermille,
      selfApplicationDays: input.selfApplicationDays ?? before.selfApplicationDays,
    };
    return saveVersionedSetting<Prisma.InputJsonValue>(tx, actor, {
      key: MONITORING_SETTINGS_KEY,
      name: "防止返贫监测参数",
      version: input.version,
      value,
      describe: settingsText,
      defaultValue: before,
    });
  },
});

/** Adds a risk type to the county's list; its code is generated, its label must be new. */
export const addRiskType = defineCommand({
  permission: "monitoring.manage",
  input: ZRiskTypeAddInput,
  async run({ actor, input, tx }) {
    if (await tx.monitoringRiskType.findUnique({ where: { label: input.label } }))
      throw new AppError("CONFLICT", "已有同名风险类型", { label: ["已有同名风险类型"] });
    const last = await tx.monitoringRiskType.aggregate({ _max: { position: true } });
    const code = `C${Date.now().toString(36).toUpperCase()}`;
    await tx.monitoringRiskType.create({ data: { code, label: input.label, position: (last._max.position ?? 0) + 1 } });
    await recordAudit(tx, actor, {
      action: "monitoringRiskType.add",
      entityType: "MonitoringRiskType",
      entityId: code,
      countyCode: actor.countyCode,
      after: { label: input.label },
    });
    return { code };
  },
});

/** Retires (or restores) a risk type: risks already recorded keep it; new ones cannot choose a retired type. */
export const setRiskTypeRetired = defineCommand({
  permission: "monitoring.manage",
  input: ZRiskTypeRetireInput,
  async run({ actor, input, tx }) {
    const type = await tx.monitoringRiskType.findUnique({ where: { code: input.code } });
    if (!type) throw notFound("风险类型");
    assertUpdated(
      await tx.monitoringRiskType.updateMany({
        where: { code: input.code, version: input.version },
        data: { retired: input.retired, version: { increment: 1 } },
      }),
    );
    await recordAudit(tx, actor, {
      action: "monitoringRiskType.retire",
      entityType: "MonitoringRiskType",
      entityId: input.code,
      countyCode: actor.countyCode,
      before: { label: type.label, retired: type.retired },
      after: { label: type.label, retired: input.retired },
    });
    return { code: input.code };
  },
});

async function riskTypeFor(tx: Tx, code: string) {
  const type = await tx.monitoringRiskType.findUnique({ where: { code } });
  if (!type) throw new AppError("VALIDATION", "请选择风险类型", { riskType: ["请选择风险类型"] });
  return type;
}

/** The region columns and household of a new object, established through the actor's scope first. */
async function placeFor(
  tx: Tx,
  actor: Actor,
  input: { kind: "ARCHIVE"; householdNo: string } | { kind: "OUTSIDE"; villageCode: string; headIdNumber: string },
) {
  if (input.kind === "ARCHIVE") {
    const household = await tx.household.findFirst({
      where: { AND: [householdScopeWhere(actor), { householdNo: input.householdNo }] },
      select: { id: true, countyCode: true, townshipCode: true, villageCode: true },
    });
    if (!household) throw new AppError("NOT_FOUND", "户编号不存在或不在您的管辖范围内", { householdNo: ["户编号不存在或不在您的管辖范围内"] });
    return { householdId: household.id, countyCode: household.countyCode, townshipCode: household.townshipCode, villageCode: household.villageCode };
  }
  const village = await tx.region.findUnique({ where: { code: input.villageCode } });
  if (!village || village.level !== "VILLAGE" || !village.townshipCode || !regionCovers(actor, village)) {
    throw new AppError("NOT_FOUND", "所在村不存在或不在您的管辖范围内", { villageCode: ["所在村不存在或不在您的管辖范围内"] });
  }
  const member = await tx.member.findFirst({ where: { countyCode: village.countyCode, idNumber: input.headIdNumber }, select: { id: true } });
  if (member) throw ruleViolation("该身份证号码已在户档中，请按户编号纳入", { headIdNumber: ["该身份证号码已在户档中，请按户编号纳入"] });
  return { householdId: null, countyCode: village.countyCode, townshipCode: village.townshipCode, villageCode: village.code };
}

/**
 * 纳入监测对象（待识别）: an archived household by 户编号, or a household never 建档立卡. Either way
 * it starts with one risk (type, date found, channel); a household already monitored is refused.
 */
export const createMonitoringObject = defineCommand({
  permission: "monitoring.write",
  input: ZCreateMonitoringObjectInput,
  async run({ actor, input, tx }) {
    const place = await placeFor(tx, actor, input);
    const outside = input.kind === "OUTSIDE" ? input : null;
    const duplicate = await tx.monitoringObject.findFirst({
      where: place.householdId ? { householdId: place.householdId } : { countyCode: place.countyCode, headIdNumber: outside!.headIdNumber },
      select: { id: true },
    });
    if (duplicate) throw new AppError("CONFLICT", "该户已是监测对象，请在其监测档案中登记风险");
    const type = await riskTypeFor(tx, input.riskType);
    const refusal = riskRefusal([], type.code, type.retired);
    if (refusal) throw new AppError("VALIDATION", refusal, { riskType: [refusal] });
    const object = await tx.monitoringObject.create({
      data: {
        ...place,
        category: input.category,
        headName: outside?.headName ?? null,
        headIdNumber: outside?.headIdNumber ?? null,
        address: outside?.address ?? null,
        people: outside?.people ?? null,
        note: input.note ?? null,
        createdById: actor.userId,
        risks: {
          create: {
            countyCode: place.countyCode,
            riskType: type.code,
            foundOn: fromDateString(input.foundOn),
            source: input.source,
            note: input.riskNote ?? null,
            createdById: actor.userId,
          },
        },
      },
    });
    await recordAudit(tx, actor, {
      action: "monitoringObject.create",
      entityType: "MonitoringObject",
      entityId: object.id,
      countyCode: place.countyCode,
      after: {
        category: input.category,
        householdId: place.householdId,
        registered: place.householdId !== null,
        headName: outside?.headName ?? null,
        headIdNumber: outside?.headIdNumber ?? null,
        villageCode: place.villageCode,
        note: input.note ?? null,
      },
    });
    await recordAudit(tx, actor, {
      action: "monitoringObject.addRisk",
      entityType: "MonitoringObject",
      entityId: object.id,
      countyCode: place.countyCode,
      after: { riskType: type.label, foundOn: input.foundOn, source: input.source, note: input.riskNote ?? null },
    });
    return { id: object.id };
  },
});

/** Adds a risk to a monitoring object in scope: at most five, each type once, never a retired type. */
export const addMonitoringRisk = defineCommand({
  permission: "monitoring.write",
  input: ZAddRiskInput,
  async run({ actor, input, tx }) {
    const object = await tx.monitoringObject.findFirst({
      where: { AND: [monitoringObjectScopeWhere(actor), { id: input.objectId }] },
      include: { risks: true },
    });
    if (!object) throw notFound("监测对象");
    if (object.version !== input.version) throw staleVersion();
    const type = await riskTypeFor(tx, input.riskType);
    const refusal = riskRefusal(
      object.risks.map((risk) => risk.riskType),
      type.code,
      type.retired,
    );
    if (refusal) throw ruleViolation(refusal, { riskType: [refusal] });
    assertUpdated(await tx.monitoringObject.updateMany({ where: { id: object.id, version: input.version }, data: { version: { increment: 1 } } }));
    await tx.monitoringRisk.create({
      data: {
        countyCode: object.countyCode,
        objectId: object.id,
        riskType: type.code,
        foundOn: fromDateString(input.foundOn),
        source: input.source,
        note: input.riskNote ?? null,
        createdById: actor.userId,
      },
    });
    await recordAudit(tx, actor, {
      action: "monitoringObject.addRisk",
      entityType: "MonitoringObject",
      entityId: object.id,
      countyCode: object.countyCode,
      after: { riskType: type.label, foundOn: input.foundOn, source: input.source, note: input.riskNote ?? null },
    });
    return { id: object.id };
  },
});
