import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { villageRegionWhere, villageSheetScopeWhere } from "@/lib/auth/scope";
import type { Db, Tx } from "@/lib/db";
import type { Role } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getCountySettings } from "@/lib/settings/queries";
import type { ChainStatus } from "@/lib/sign-off/rules";
import { evaluateVillageChain, type VillageChainEvaluation, type VillageChainState, type VillageExitStep, type VillageSignature } from "./rules";
import { COLLECTIVE_INCOME_TARGET_SETTING, DEFAULT_COLLECTIVE_INCOME_TARGET_FEN, buildVillageContent, type VillageContent } from "./content";

type Client = Db | Tx;
export async function villageInScope(client: Client, actor: Actor, villageCode: string) {
  const village = await client.region.findFirst({
    where: { code: villageCode, ...villageRegionWhere(actor) },
    select: { code: true, name: true, countyCode: true, townshipCode: true },
  });
  if (!village || !village.townshipCode) throw notFound("村");
  return { ...village, townshipCode: village.townshipCode };
}

export const VILLAGE_SHEET_SELECT = {
  id: true,
  countyCode: true,
  townshipCode: true,
  villageCode: true,
  assessmentYear: true,
  round: true,
  status: true,
  collectiveIncomeFen: true,
  hardenedRoad: true,
  powerSupply: true,
  safeWater: true,
  clinicFourRooms: true,
  qualifiedDoctor: true,
  cultureVenue: true,
  broadband: true,
  rejectedReason: true,
  noticePostedOn: true,
  noticeEndedOn: true,
  exitedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  village: { select: { name: true } },
  township: { select: { name: true } },
} satisfies Prisma.VillageExitSheetSelect;

export type VillageSheetRow = Prisma.VillageExitSheetGetPayload<{ select: typeof VILLAGE_SHEET_SELECT }>;

export async function villageSheetInScope(client: Client, actor: Actor, sheetId: string): Promise<VillageSheetRow> {
  const sheet = await client.villageExitSheet.findFirst({ where: { id: sheetId, ...villageSheetScopeWhere(actor) }, select: VILLAGE_SHEET_SELECT });
  if (!sheet) throw notFound("贫困村退出核验表");
  return sheet;
}

/** Remaining poor people per village: 在户 members of its households that are 在档 or 返贫. */
export async function remainingPoorPeople(client: Client, villageCodes: string[]): Promise<Map<string, number>> {
  const codes = [...new Set(villageCodes)];
  if (codes.length === 0) return new Map();
  const rows = await client.$queryRaw<{ village_code: string; people: bigint }[]>`
    SELECT h.village_code, count(*) AS people
    FROM member m JOIN household h ON h.id = m.household_id
    WHERE h.village_code IN (${Prisma.join(codes)}) AND h.status IN ('REGISTERED', 'RETURNED') AND m.status = 'PRESENT'
    GROUP BY h.village_code`;
  return new Map(rows.map((row) => [row.village_code.trim(), Number(row.people)]));
}

export async function ruralPopulations(
  client: Client,
  villageCodes: string[],
  year: number,
): Promise<Map<string, { ruralPopulation: number; version: number }>> {
  const rows = await client.villagePopulation.findMany({
    where: { villageCode: { in: villageCodes }, year },
    select: { villageCode: true, ruralPopulation: true, version: true },
  });
  return new Map(rows.map((row) => [row.villageCode, { ruralPopulation: row.ruralPopulation, version: row.version }]));
}

/** The configured 村集体经济收入 target (Setting, integer fen), else 10万元. */
export async function collectiveIncomeTargetFen(client: Client): Promise<number> {
  const row = await client.setting.findUnique({ where: { key: COLLECTIVE_INCOME_TARGET_SETTING }, select: { value: true } });
  const value = row?.value;
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_COLLECTIVE_INCOME_TARGET_FEN;
}

export type VillageEvidenceRow = {
  id: string;
  condition: string;
  sha256: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploaderName: string;
  uploadedAt: Date;
};
export type VillageSignatureRow = {
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

export type VillageContext = {
  sheet: VillageSheetRow;
  content: VillageContent;
  state: VillageChainState;
  evaluation: VillageChainEvaluation;
  signatures: VillageSignatureRow[];
  evidence: VillageEvidenceRow[];
  remaining: number;
  population: { ruralPopulation: number; version: number } | null;
  thresholdPermille: number;
  targetFen: number;
};

export async function loadVillageContext(client: Client, actor: Actor, sheetId: string): Promise<VillageContext> {
  const sheet = await villageSheetInScope(client, actor, sheetId);
  const settings = await getCountySettings(client);
  const targetFen = await collectiveIncomeTargetFen(client);
  const remaining = (await remainingPoorPeople(client, [sheet.villageCode])).get(sheet.villageCode) ?? 0;
  const population = (await ruralPopulations(client, [sheet.villageCode], sheet.assessmentYear)).get(sheet.villageCode) ?? null;
  const evidenceRows = await client.villageExitEvidence.findMany({ where: { sheetId: sheet.id }, orderBy: { uploadedAt: "asc" } });
  const signatureRows = await client.villageExitSignature.findMany({
    where: { sheetId: sheet.id },
    orderBy: [{ signedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
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
  const uploaderIds = [...new Set(evidenceRows.map((row) => row.uploadedBy))];
  const uploaders = new Map(
    (await client.user.findMany({ where: { id: { in: uploaderIds } }, select: { id: true, displayName: true } })).map((user) => [user.id, user.displayName]),
  );
  const evidence = evidenceRows.map((row) => ({
    id: row.id,
    condition: row.condition,
    sha256: row.sha256,
    originalName: row.originalName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    uploadedBy: row.uploadedBy,
    uploaderName: uploaders.get(row.uploadedBy) ?? "",
    uploadedAt: row.uploadedAt,
  }));
  const content = buildVillageContent({
    villageCode: sheet.villageCode,
    assessmentYear: sheet.assessmentYear,
    remainingPoorPeople: remaining,
    ruralPopulation: population?.ruralPopulation ?? null,
    thresholdPermille: settings.villageExitThresholdPermille,
    conditions: {
      collectiveIncomeFen: sheet.collectiveIncomeFen,
      collectiveIncomeTargetFen: targetFen,
      hardenedRoad: sheet.hardenedRoad,
      powerSupply: sheet.powerSupply,
      safeWater: sheet.safeWater,
      clinicFourRooms: sheet.clinicFourRooms,
      qualifiedDoctor: sheet.qualifiedDoctor,
      cultureVenue: sheet.cultureVenue,
      broadband: sheet.broadband,
    },
    evidence,
  });
  const signatures: VillageSignature[] = signatureRows.map((row) => ({
    step: row.step as VillageExitStep,
    userId: row.userId,
    role: row.role as Role,
    contentHash: row.contentHash,
    signedAt: row.signedAt.toISOString(),
    round: row.round,
  }));
  const state: VillageChainState = { round: sheet.round, status: sheet.status as ChainStatus, signatures };
  return {
    sheet,
    content,
    state,
    evaluation: evaluateVillageChain(state, content.hash),
    signatures: signatureRows.map((row) => ({
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
    evidence,
    remaining,
    population,
    thresholdPermille: settings.villageExitThresholdPermille,
    targetFen,
  };
}
