import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { todayString, toDateString } from "@/lib/dates";
import type { Db, Tx } from "@/lib/db";
import type { MemberStatus, Role, SchoolStatus, SchoolingExemption } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { HOUSING_SECURING_ITEMS } from "@/lib/measures/catalogue-seed";
import { getCountySettings, povertyLinesFor } from "@/lib/settings/queries";
import type { CountySettings } from "@/lib/settings/schema";
import { evaluateChain, type ChainEvaluation, type ChainState, type ChainStatus, type Signature } from "./rules";
import { buildExitContent, type ExitContent, type HouseholdExitData } from "./content";
import type { SheetEvidenceKind } from "../schema";

/**
 * Loads what the exit commands and queries decide on: the sheet, the household's current
 * archive data (→ content and hash), and the chain state of the current round. Batched, so
 * that a list or a work queue of many sheets costs a fixed number of queries.
 */

type Client = Db | Tx;

/** The evidence attached to a sheet (ownerType EXIT_SHEET) is told apart by its category. */
export const SHEET_EVIDENCE_CATEGORY: Record<SheetEvidenceKind, string> = {
  CONSENT: "签字表格",
  NOTICE_PHOTO: "公示照片",
};

export const SHEET_SELECT = {
  id: true,
  countyCode: true,
  townshipCode: true,
  villageCode: true,
  householdId: true,
  assessmentYear: true,
  verificationCode: true,
  round: true,
  status: true,
  reviewDate: true,
  reviewPresent: true,
  reviewResult: true,
  noticePostedOn: true,
  noticeClosedOn: true,
  rejectedReason: true,
  rejectedBy: true,
  rejectedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ExitSheetSelect;

export type SheetRow = Prisma.ExitSheetGetPayload<{ select: typeof SHEET_SELECT }>;

/** The sheet behind an id, only inside the actor's scope; otherwise exactly like a missing one. */
export async function sheetInScope(client: Client, actor: Actor, sheetId: string): Promise<SheetRow> {
  const sheet = await client.exitSheet.findFirst({ where: { id: sheetId, ...exitSheetScopeWhere(actor) }, select: SHEET_SELECT });
  if (!sheet) throw notFound("核验表");
  return sheet;
}

// ---------------------------------------------------------------------------
// Household data → content
// ---------------------------------------------------------------------------

export type HouseholdFacts = HouseholdExitData & {
  status: string;
  helperId: string;
  version: number;
  measures: { id: string; category: string; item: string; status: string; addressedCauses: string[]; endDate: string | null }[];
};

export async function loadHouseholdExitData(client: Client, householdIds: string[]): Promise<Map<string, HouseholdFacts>> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return new Map();
  const households = await client.household.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      householdNo: true,
      address: true,
      attribute: true,
      primaryCause: true,
      otherCauses: true,
      foodSecure: true,
      clothingSecure: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: true,
      housingGrade: true,
      status: true,
      helperId: true,
      version: true,
    },
  });
  const members = await client.member.findMany({
    where: { householdId: { in: ids } },
    orderBy: [{ birthDate: "asc" }, { id: "asc" }],
    select: {
      id: true,
      householdId: true,
      name: true,
      idNumber: true,
      relation: true,
      gender: true,
      birthDate: true,
      status: true,
      schoolStatus: true,
      schoolingExemption: true,
      health: true,
      basicMedicalInsurance: true,
      seriousIllnessInsurance: true,
    },
  });
  const incomes = await client.incomeRecord.findMany({ where: { householdId: { in: ids } } });
  const measures = await client.measure.findMany({
    where: { householdId: { in: ids } },
    orderBy: { startDate: "asc" },
    select: { id: true, householdId: true, category: true, addressedCauses: true, status: true, endDate: true, item: { select: { name: true } } },
  });
  const evidence = await client.attachment.findMany({
    where: { householdId: { in: ids }, ownerType: "HOUSEHOLD" },
    select: { id: true, householdId: true, category: true, sha256: true },
  });

  const result = new Map<string, HouseholdFacts>();
  for (const household of households) {
    const { status, helperId, version, ...fields } = household;
    const own = <T extends { householdId: string }>(rows: T[]) => rows.filter((row) => row.householdId === household.id);
    const housingItems: readonly string[] = HOUSING_SECURING_ITEMS;
    const householdMeasures = own(measures);
    result.set(household.id, {
      household: { ...fields, housingGrade: fields.housingGrade?.trim() || null },
      status,
      helperId,
      version,
      members: own(members).map((member) => ({
        id: member.id,
        name: member.name,
        idNumber: member.idNumber,
        relation: member.relation,
        gender: member.gender,
        birthDate: toDateString(member.birthDate),
        status: member.status as MemberStatus,
        schoolStatus: member.schoolStatus as SchoolStatus,
        schoolingExemption: member.schoolingExemption as SchoolingExemption,
        health: member.health,
        basicMedicalInsurance: member.basicMedicalInsurance,
        seriousIllnessInsurance: member.seriousIllnessInsurance,
      })),
      incomes: own(incomes),
      completedHousingMeasures: householdMeasures
        .filter((measure) => measure.status === "COMPLETED" && housingItems.includes(measure.item.name))
        .map((measure) => ({ id: measure.id, item: measure.item.name, completedOn: measure.endDate ? toDateString(measure.endDate) : null })),
      evidence: own(evidence).map(({ id, category, sha256 }) => ({ id, category, sha256 })),
      measures: householdMeasures.map((measure) => ({
        id: measure.id,
        category: measure.category,
        item: measure.item.name,
        status: measure.status,
        addressedCauses: measure.addressedCauses,
        endDate: measure.endDate ? toDateString(measure.endDate) : null,
      })),
    });
  }
  return result;
}

export type ContentEnvironment = { settings: CountySettings; lines: Map<number, number>; today: string };

/** County settings, the poverty lines of the given years and today's date — read through the caller's client (a command's transaction). */
export async function contentEnvironment(client: Client, years: number[]): Promise<ContentEnvironment> {
  const settings = await getCountySettings(client);
  const lines = await povertyLinesFor([...new Set(years)], client);
  return { settings, lines, today: todayString() };
}

export function contentFor(facts: HouseholdExitData, assessmentYear: number, environment: ContentEnvironment): ExitContent {
  return buildExitContent(facts, {
    assessmentYear,
    povertyLineFen: environment.lines.get(assessmentYear) ?? null,
    compulsorySchoolAge: environment.settings.compulsorySchoolAge,
    today: environment.today,
  });
}

// ---------------------------------------------------------------------------
// Chain state
// ---------------------------------------------------------------------------

export type SignatureRow = {
  id: string;
  round: number;
  step: string;
  userId: string;
  userName: string;
  role: string;
  opinion: string | null;
  contentHash: string;
  signedAt: Date;
};

export type ObjectionRow = {
  id: string;
  round: number;
  raisedOn: string;
  content: string;
  resolution: string | null;
  resolverName: string | null;
  resolvedAt: Date | null;
  version: number;
};

export type SheetEvidenceRow = {
  id: string;
  kind: SheetEvidenceKind;
  category: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  uploaderName: string;
  uploadedAt: Date;
  /** Uploaded in the current round (and, for notice photos, since the last notice closed). */
  current: boolean;
};

export type SheetChain = {
  state: ChainState;
  signatures: SignatureRow[];
  objections: ObjectionRow[];
  evidence: SheetEvidenceRow[];
  noticePhotoCount: number;
  roundStartedAt: Date;
};

/** When the current round began: creation, or the last rejection. */
export function roundStart(sheet: Pick<SheetRow, "round" | "createdAt" | "rejectedAt">): Date {
  return sheet.round > 1 && sheet.rejectedAt ? sheet.rejectedAt : sheet.createdAt;
}

export async function loadSheetChains(client: Client, sheets: SheetRow[]): Promise<Map<string, SheetChain>> {
  const ids = sheets.map((sheet) => sheet.id);
  if (ids.length === 0) return new Map();
  const signatures = await client.exitSignature.findMany({
    where: { sheetId: { in: ids } },
    orderBy: [{ signedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sheetId: true,
      round: true,
      step: true,
      userId: true,
      role: true,
      opinion: true,
      contentHash: true,
      signedAt: true,
      user: { select: { displayName: true } },
    },
  });
  const objections = await client.exitObjection.findMany({
    where: { sheetId: { in: ids } },
    orderBy: [{ raisedOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sheetId: true,
      round: true,
      raisedOn: true,
      content: true,
      resolution: true,
      resolvedAt: true,
      version: true,
      resolver: { select: { displayName: true } },
    },
  });
  const attachments = await client.attachment.findMany({
    where: { ownerType: "EXIT_SHEET", ownerId: { in: ids } },
    orderBy: { uploadedAt: "asc" },
    select: {
      id: true,
      ownerId: true,
      category: true,
      originalName: true,
      mimeType: true,
      sizeBytes: true,
      uploadedAt: true,
      uploader: { select: { displayName: true } },
    },
  });

  const result = new Map<string, SheetChain>();
  for (const sheet of sheets) {
    const started = roundStart(sheet);
    const own = signatures.filter((row) => row.sheetId === sheet.id);
    const lastNoticeEntry = own.filter((row) => row.round === sheet.round && row.step === "PUBLIC_NOTICE").at(-1);
    const photosSince = lastNoticeEntry && lastNoticeEntry.signedAt > started ? lastNoticeEntry.signedAt : started;
    const evidence: SheetEvidenceRow[] = attachments
      .filter((row) => row.ownerId === sheet.id)
      .map((row) => {
        const kind: SheetEvidenceKind = row.category === SHEET_EVIDENCE_CATEGORY.CONSENT ? "CONSENT" : "NOTICE_PHOTO";
        const since = kind === "CONSENT" ? started : photosSince;
        return {
          id: row.id,
          kind,
          category: row.category,
          originalName: row.originalName,
          mimeType: row.mimeType,
          sizeBytes: row.sizeBytes,
          uploaderName: row.uploader.displayName,
          uploadedAt: row.uploadedAt,
          current: row.uploadedAt >= since,
        };
      });
    const ownObjections = objections.filter((row) => row.sheetId === sheet.id);
    const chainSignatures: Signature[] = own.map((row) => ({
      step: row.step as Signature["step"],
      userId: row.userId,
      role: row.role as Role,
      contentHash: row.contentHash,
      signedAt: row.signedAt.toISOString(),
      round: row.round,
    }));
    const state: ChainState = {
      round: sheet.round,
      status: sheet.status as ChainStatus,
      signatures: chainSignatures,
      notice: sheet.noticePostedOn
        ? {
            postedOn: toDateString(sheet.noticePostedOn),
            closedOn: sheet.noticeClosedOn ? toDateString(sheet.noticeClosedOn) : null,
            objections: ownObjections.filter((row) => row.round === sheet.round).map((row) => ({ resolved: row.resolution !== null })),
          }
        : null,
      consentEvidenceCount: evidence.filter((row) => row.kind === "CONSENT" && row.current).length,
    };
    result.set(sheet.id, {
      state,
      signatures: own.map((row) => ({
        id: row.id,
        round: row.round,
        step: row.step,
        userId: row.userId,
        userName: row.user.displayName,
        role: row.role,
        opinion: row.opinion,
        contentHash: row.contentHash,
        signedAt: row.signedAt,
      })),
      objections: ownObjections.map((row) => ({
        id: row.id,
        round: row.round,
        raisedOn: toDateString(row.raisedOn),
        content: row.content,
        resolution: row.resolution,
        resolverName: row.resolver?.displayName ?? null,
        resolvedAt: row.resolvedAt,
        version: row.version,
      })),
      evidence,
      noticePhotoCount: evidence.filter((row) => row.kind === "NOTICE_PHOTO" && row.current).length,
      roundStartedAt: started,
    });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Everything about one or many sheets
// ---------------------------------------------------------------------------

export type SheetContext = {
  sheet: SheetRow;
  facts: HouseholdFacts;
  content: ExitContent;
  chain: SheetChain;
  evaluation: ChainEvaluation;
  environment: ContentEnvironment;
};

export async function loadSheetContexts(client: Client, sheets: SheetRow[], environment?: ContentEnvironment): Promise<SheetContext[]> {
  if (sheets.length === 0) return [];
  const env =
    environment ??
    (await contentEnvironment(
      client,
      sheets.map((sheet) => sheet.assessmentYear),
    ));
  const facts = await loadHouseholdExitData(
    client,
    sheets.map((sheet) => sheet.householdId),
  );
  const chains = await loadSheetChains(client, sheets);
  return sheets.map((sheet) => {
    const householdFacts = facts.get(sheet.householdId);
    const chain = chains.get(sheet.id);
    if (!householdFacts || !chain) throw notFound("核验表");
    const content = contentFor(householdFacts, sheet.assessmentYear, env);
    return { sheet, facts: householdFacts, content, chain, evaluation: evaluateChain(chain.state, content.hash), environment: env };
  });
}

export async function loadSheetContext(client: Client, actor: Actor, sheetId: string): Promise<SheetContext> {
  const sheet = await sheetInScope(client, actor, sheetId);
  const [context] = await loadSheetContexts(client, [sheet]);
  return context;
}
