import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { householdScope } from "@/lib/auth/scope";
import { toDateString, todayString } from "@/lib/dates";
import type { Db, Tx } from "@/lib/db";
import type { Role } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { contentEnvironment, contentFor, loadHouseholdExitData } from "@/lib/exits/household/sheet-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contentHash } from "@/lib/sign-off/content-hash";
import type { ChainStatus, SignOffEvaluation } from "@/lib/sign-off/rules";
import { monitoringChain, type MonitoringChainState, type MonitoringSignature } from "./chains";
import type { MonitoringSheetKind, MonitoringStep } from "./codes";
import { getMonitoringSettings, monitoringLinesFor } from "./queries";
import { eliminationCriteria, type EliminationCriterion, type EliminationFacts } from "./rules";
import type { MonitoringSettings } from "./schema";

type Client = Db | Tx;
const NO_ROW = "00000000-0000-0000-0000-000000000000";

/** Sheets in scope, by the region columns every sheet carries (like monitoring objects). */
export function monitoringSheetScopeWhere(actor: Actor): Prisma.MonitoringSheetWhereInput {
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return { countyCode: scope.countyCode };
    case "township":
      return { townshipCode: scope.townshipCode };
    case "village":
      return { villageCode: scope.villageCode };
    default:
      return { id: NO_ROW };
  }
}

export const MONITORING_CONTENT_VERSION = 1;

type ObjectRow = Prisma.MonitoringObjectGetPayload<{ include: { risks: { include: { type: true } } } }>;
type SheetRow = Prisma.MonitoringSheetGetPayload<{ include: { object: { include: { risks: { include: { type: true } } } } } }>;

export type MonitoringContext = {
  sheet: SheetRow;
  kind: MonitoringSheetKind;
  object: ObjectRow;
  settings: MonitoringSettings;
  today: string;
  state: MonitoringChainState;
  evaluation: SignOffEvaluation<MonitoringStep>;
  content: { hash: string; criteria: EliminationCriterion[]; allMet: boolean; figures: Record<string, unknown> | null };
  signatures: {
    id: string;
    round: number;
    step: string;
    userId: string;
    userName: string;
    role: string;
    opinion: string | null;
    contentHash: string;
    signedAt: Date;
  }[];
  objections: {
    id: string;
    round: number;
    raisedOn: string;
    content: string;
    resolution: string | null;
    resolvedAt: Date | null;
    version: number;
  }[];
  consent: { id: string; round: number; originalName: string; mimeType: string; sizeBytes: number; uploadedAt: Date }[];
};

/** The facts the 消除 conditions are judged on, read from the archive (null facts for a household outside it). */
export async function eliminationFactsFor(client: Client, object: ObjectRow, settings: MonitoringSettings, today: string): Promise<EliminationFacts> {
  const currentYear = Number(today.slice(0, 4));
  const years = [currentYear - 1, currentYear];
  const lines = await monitoringLinesFor(years, client);
  const risks = object.risks.map((risk) => ({ label: risk.type.label, resolvedOn: risk.resolvedOn ? toDateString(risk.resolvedOn) : null }));
  const identifiedOn = object.identifiedOn ? toDateString(object.identifiedOn) : null;
  if (!object.householdId) {
    return {
      today,
      identifiedOn,
      minMonths: settings.eliminationMinMonths,
      years: years.map((year) => ({ year, income: null, lineFen: lines.get(year) ?? null })),
      snapshot: null,
      presentMemberSkills: [],
      risks,
    };
  }
  const facts = (await loadHouseholdExitData(client, [object.householdId])).get(object.householdId);
  if (!facts) throw notFound("户档");
  const environment = await contentEnvironment(client, years);
  const perYear = years.map((year) => contentFor(facts, year, { ...environment, today }));
  const skills = await client.member.findMany({ where: { householdId: object.householdId, status: "PRESENT" }, select: { labourSkill: true } });
  return {
    today,
    identifiedOn,
    minMonths: settings.eliminationMinMonths,
    years: years.map((year, index) => {
      const income = perYear[index]!.income;
      return {
        year,
        income: income ? { netIncomeFen: income.result.netIncomeFen, presentMembers: income.presentMembers } : null,
        lineFen: lines.get(year) ?? null,
      };
    }),
    snapshot: perYear[1]!.snapshot,
    presentMemberSkills: skills.map((member) => member.labourSkill),
    risks,
  };
}

/**
 * What the signatures are bound to: who the object is, its category and risks, and for 风险消除
 * the method, each condition's result and the figures behind it. The sheet's own records (scans,
 * notice dates) are left out: the chain tracks them (docs/decisions/003).
 */
async function buildContent(client: Client, sheet: SheetRow, object: ObjectRow, settings: MonitoringSettings, today: string) {
  const base = {
    version: MONITORING_CONTENT_VERSION,
    kind: sheet.kind,
    objectId: object.id,
    category: object.category,
    householdId: object.householdId,
    head: object.householdId ? null : { name: object.headName, idNumber: object.headIdNumber, address: object.address, people: object.people },
    risks: object.risks
      .map((risk) => ({ type: risk.riskType, foundOn: toDateString(risk.foundOn), source: risk.source }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  };
  if (sheet.kind === "IDENTIFY") {
    const open = object.risks.filter((risk) => risk.resolvedOn === null).length;
    return { hash: contentHash(base), criteria: [], allMet: open > 0, figures: null };
  }
  const facts = await eliminationFactsFor(client, object, settings, today);
  const criteria = eliminationCriteria(facts);
  const figures = {
    method: sheet.eliminationMethod,
    incomes: facts.years,
    criteria: criteria.map(({ code, met, reason, facts: shown }) => ({ code, met, reason, facts: shown })),
  };
  return { hash: contentHash({ ...base, ...figures }), criteria, allMet: criteria.every((criterion) => criterion.met), figures };
}

export async function loadMonitoringContext(client: Client, actor: Actor, sheetId: string): Promise<MonitoringContext> {
  if (!/^[0-9a-f-]{36}$/i.test(sheetId)) throw notFound("监测程序");
  const sheet = await client.monitoringSheet.findFirst({
    where: { AND: [monitoringSheetScopeWhere(actor), { id: sheetId }] },
    include: { object: { include: { risks: { include: { type: true }, orderBy: { foundOn: "asc" } } } } },
  });
  if (!sheet) throw notFound("监测程序");
  const kind = sheet.kind as MonitoringSheetKind;
  const settings = await getMonitoringSettings(client);
  const today = todayString();
  const content = await buildContent(client, sheet, sheet.object, settings, today);
  const [signatureRows, objectionRows, consentRows] = await Promise.all([
    client.monitoringSignature.findMany({ where: { sheetId }, orderBy: [{ signedAt: "asc" }, { id: "asc" }] }),
    client.monitoringObjection.findMany({ where: { sheetId }, orderBy: [{ raisedOn: "asc" }, { id: "asc" }] }),
    client.monitoringEvidence.findMany({ where: { sheetId, kind: "CONSENT" }, orderBy: { uploadedAt: "asc" } }),
  ]);
  const names = new Map(
    (await client.user.findMany({ where: { id: { in: [...new Set(signatureRows.map((row) => row.userId))] } }, select: { id: true, displayName: true } })).map(
      (user) => [user.id, user.displayName],
    ),
  );
  const signatures: MonitoringSignature[] = signatureRows.map((row) => ({
    step: row.step as MonitoringStep,
    userId: row.userId,
    role: row.role as Role,
    contentHash: row.contentHash,
    signedAt: row.signedAt.toISOString(),
    round: row.round,
  }));
  const roundObjections = objectionRows.filter((row) => row.round === sheet.round);
  const state: MonitoringChainState = {
    round: sheet.round,
    status: sheet.status as ChainStatus,
    signatures,
    notice: sheet.noticePostedOn
      ? {
          postedOn: toDateString(sheet.noticePostedOn),
          closedOn: sheet.noticeClosedOn ? toDateString(sheet.noticeClosedOn) : null,
          objections: roundObjections.map((row) => ({ resolved: row.resolution !== null })),
        }
      : null,
    consentCount: consentRows.filter((row) => row.round === sheet.round).length,
  };
  return {
    sheet,
    kind,
    object: sheet.object,
    settings,
    today,
    state,
    evaluation: monitoringChain(kind).evaluate(state, content.hash),
    content,
    signatures: signatureRows.map((row) => ({ ...row, userName: names.get(row.userId) ?? "" })),
    objections: objectionRows.map((row) => ({
      id: row.id,
      round: row.round,
      raisedOn: toDateString(row.raisedOn),
      content: row.content,
      resolution: row.resolution,
      resolvedAt: row.resolvedAt,
      version: row.version,
    })),
    consent: consentRows.map((row) => ({
      id: row.id,
      round: row.round,
      originalName: row.originalName,
      mimeType: row.mimeType,
      sizeBytes: row.sizeBytes,
      uploadedAt: row.uploadedAt,
    })),
  };
}
