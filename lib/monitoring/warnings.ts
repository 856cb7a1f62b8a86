import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { householdScopeWhere } from "@/lib/auth/scope";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString, toDateString } from "@/lib/dates";
import { AppError, assertUpdated, notFound, staleVersion } from "@/lib/errors";
import { computeIncome } from "@/lib/income/rules";
import { componentsFromRecord } from "@/lib/income/from-record";
import { createMonitoringObject } from "@/lib/monitoring/commands";
import { getMonitoringSettings, monitoringLinesFor, monitoringObjectScopeWhere } from "@/lib/monitoring/queries";
import { incomeWarnings, monitoringLineFor, type YearIncome } from "@/lib/monitoring/rules";
import { warningScopeWhere } from "@/lib/monitoring/warnings-queries";
import { medicalCostWarning, WARNING_OUTCOME_LABELS, riskSourceOfWarning, warningSourceLabel } from "@/lib/monitoring/warnings-rules";
import { ZCheckWarningInput, ZRaiseWarningInput, ZScreenIncomeWarningsInput } from "@/lib/monitoring/warnings-schema";

export const NO_LINE_REFUSAL = "该年度未设监测线，无法筛查收入";

/**
 * 筛查收入预警 (county office): runs the pure incomeWarnings over every household of the archive in
 * scope that has an income record for the year, with the per-capita figures the exit criteria use
 * (computeIncome over the stored record, present members), and the medical-cost rule (medicalCostWarning: the
 * year's 合规自付医疗费用 against the same net income), and stores one OPEN 预警 per household, rule and year not
 * already open. A second run adds nothing. A year without a monitoring line is refused.
 */
export const screenIncomeWarnings = defineCommand({
  permission: "monitoring.manage",
  input: ZScreenIncomeWarningsInput,
  async run({ actor, input, tx }) {
    const { year } = input;
    const line = monitoringLineFor(year, await monitoringLinesFor([year], tx));
    if (!line.ok) throw new AppError("RULE_VIOLATION", NO_LINE_REFUSAL, { year: [NO_LINE_REFUSAL] });
    const settings = await getMonitoringSettings(tx);
    const households = await tx.household.findMany({
      where: { AND: [householdScopeWhere(actor), { incomes: { some: { year } } }] },
      select: {
        id: true,
        countyCode: true,
        townshipCode: true,
        villageCode: true,
        incomes: { where: { year: { in: [year, year - 1] } } },
        _count: { select: { members: { where: { status: "PRESENT" } } } },
      },
      orderBy: { id: "asc" },
    });
    const open = await tx.monitoringWarning.findMany({
      where: { source: "ARCHIVE_INCOME", status: "OPEN", year, householdId: { in: households.map((household) => household.id) } },
      select: { householdId: true, reasonCode: true },
    });
    const already = new Set(open.map((row) => `${row.householdId}:${row.reasonCode}`));
    const raisedOn = todayString();
    let created = 0;
    for (const household of households) {
      const presentMembers = household._count.members;
      const incomeOf = (y: number): YearIncome | null => {
        const record = household.incomes.find((income) => income.year === y);
        return record ? { netIncomeFen: computeIncome(componentsFromRecord(record), presentMembers).netIncomeFen, presentMembers } : null;
      };
      const current = incomeOf(year);
      const warnings: { code: string; message: string }[] = incomeWarnings({
        year,
        current,
        previous: incomeOf(year - 1),
        lineFen: line.amountFen,
        marginPermille: settings.marginPermille,
        dropPermille: settings.dropPermille,
      });
      const medical = medicalCostWarning({
        year,
        medicalFen: household.incomes.find((income) => income.year === year)?.medicalOutOfPocketFen ?? null,
        netIncomeFen: current?.netIncomeFen ?? 0,
        sharePermille: settings.medicalSharePermille,
      });
      if (medical) warnings.push(medical);
      for (const warning of warnings) {
        if (already.has(`${household.id}:${warning.code}`)) continue;
        const row = await tx.monitoringWarning.create({
          data: {
            countyCode: household.countyCode,
            townshipCode: household.townshipCode,
            villageCode: household.villageCode,
            householdId: household.id,
            source: "ARCHIVE_INCOME",
            reasonCode: warning.code,
            year,
            reason: warning.message,
            raisedOn: fromDateString(raisedOn),
            raisedById: actor.userId,
          },
        });
        await recordAudit(tx, actor, {
          action: "monitoringWarning.raise",
          entityType: "MonitoringWarning",
          entityId: row.id,
          countyCode: household.countyCode,
          after: { householdId: household.id, source: warningSourceLabel("ARCHIVE_INCOME"), reason: warning.message, raisedOn },
        });
        created += 1;
      }
    }
    return { year, screened: households.length, created };
  },
});

/**
 * 核实预警 (村/乡镇 cadres in scope): 纳入监测 links the household's monitoring object, creating it through
 * createMonitoringObject when there is none yet (with the 预警's reason as its first risk); 无需纳入 needs a
 * note. The 预警's version must still be current. The object is created in its own transaction (the
 * existing command); should the 预警 then turn out stale, a retry links to that object.
 */
export const checkWarning = defineCommand({
  permission: "monitoring.write",
  input: ZCheckWarningInput,
  transaction: "inside-body",
  async run({ actor, input, db }) {
    const load = () =>
      db.monitoringWarning.findFirst({
        where: { AND: [warningScopeWhere(actor), { id: input.warningId }] },
        include: { household: { select: { householdNo: true } } },
      });
    const warning = await load();
    if (!warning) throw notFound("预警");
    if (warning.version !== input.version) throw staleVersion();
    if (warning.status !== "OPEN") throw new AppError("RULE_VIOLATION", "该预警已核实");

    let objectId: string | null = null;
    if (input.outcome === "MONITORED") {
      const existing = await db.monitoringObject.findFirst({
        where: { AND: [monitoringObjectScopeWhere(actor), { householdId: warning.householdId }] },
        select: { id: true },
      });
      objectId =
        existing?.id ??
        (
          await createMonitoringObject(actor, {
            kind: "ARCHIVE",
            householdNo: warning.household.householdNo,
            category: input.category,
            riskType: input.riskType,
            foundOn: toDateString(warning.raisedOn),
            source: riskSourceOfWarning(warning.source),
            riskNote: warning.reason.slice(0, 200),
            note: input.note,
          })
        ).id;
    }
    const note = input.note ?? null;
    return db.$transaction(async (tx) => {
      assertUpdated(
        await tx.monitoringWarning.updateMany({
          where: { id: warning.id, version: input.version, status: "OPEN" },
          data: {
            status: "CHECKED",
            outcome: input.outcome,
            objectId,
            checkNote: note,
            checkedById: actor.userId,
            checkedAt: new Date(),
            version: { increment: 1 },
          },
        }),
      );
      await recordAudit(tx, actor, {
        action: "monitoringWarning.check",
        entityType: "MonitoringWarning",
        entityId: warning.id,
        countyCode: warning.countyCode,
        before: { outcome: "待核实" },
        after: { outcome: WARNING_OUTCOME_LABELS[input.outcome], objectId, note },
      });
      return { id: warning.id, objectId };
    });
  },
});

export const NOT_IN_ARCHIVE = "户编号不存在或不在您的管辖范围内；未建档立卡的户请在“纳入监测对象”中按未建档立卡户纳入";

/**
 * 登记预警 from a 农户自主申报 (entered by a cadre on the household's behalf) or a 基层干部排查 finding: a household
 * of the archive in the actor's scope, by 户编号 (otherwise refused exactly like a missing one). A household not in
 * the archive has no row to hang a 预警 on; it is entered directly as a monitoring object (docs/decisions/031).
 * One open 预警 per household and channel: a second is refused until the first is checked.
 */
export const raiseWarning = defineCommand({
  permission: "monitoring.write",
  input: ZRaiseWarningInput,
  async run({ actor, input, tx }) {
    const household = await tx.household.findFirst({
      where: { AND: [householdScopeWhere(actor), { householdNo: input.householdNo }] },
      select: { id: true, countyCode: true, townshipCode: true, villageCode: true },
    });
    if (!household) throw new AppError("NOT_FOUND", NOT_IN_ARCHIVE, { householdNo: [NOT_IN_ARCHIVE] });
    const label = warningSourceLabel(input.source);
    if (await tx.monitoringWarning.findFirst({ where: { householdId: household.id, source: input.source, status: "OPEN" }, select: { id: true } })) {
      const message = `该户已有待核实的${label}，请先核实`;
      throw new AppError("CONFLICT", message, { householdNo: [message] });
    }
    const row = await tx.monitoringWarning.create({
      data: {
        countyCode: household.countyCode,
        townshipCode: household.townshipCode,
        villageCode: household.villageCode,
        householdId: household.id,
        source: input.source,
        reason: input.reason,
        raisedOn: fromDateString(input.raisedOn),
        raisedById: actor.userId,
      },
    });
    await recordAudit(tx, actor, {
      action: "monitoringWarning.raise",
      entityType: "MonitoringWarning",
      entityId: row.id,
      countyCode: household.countyCode,
      after: { householdId: household.id, source: label, reason: input.reason, raisedOn: input.raisedOn },
    });
    return { id: row.id };
  },
});
