import "server-only";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { readContent } from "@/lib/attachments/storage";
import { db } from "@/lib/db";
import { COLUMN_BY_KEY } from "@/lib/imports/columns";
import { parseNationalWorkbook } from "@/lib/imports/parse";
import { checkFile, type CheckedHousehold, type ImportIssue, type ParsedHouseholdFields, type ParsedMember } from "@/lib/imports/rules";

/** What a staged household carries to the merge (import_household.payload). */
export type StagedPayload = { fields: ParsedHouseholdFields; members: ParsedMember[]; helperId: string };

const WRITE_CHUNK = 2_000;
const PROGRESS_EVERY = 2_000;
/** Lookups of 户编号 and ID numbers against the county, this many at a time. */
const LOOKUP_CHUNK = 5_000;

/** The processing of each batch started in this process; tests and the page wait on it. */
const running = new Map<string, Promise<void>>();

/** Starts reading and checking a freshly uploaded batch in the background (returns at once). */
export function startProcessing(batchId: string): Promise<void> {
  const existing = running.get(batchId);
  if (existing) return existing;
  const work = processBatch(batchId).finally(() => running.delete(batchId));
  running.set(batchId, work);
  return work;
}

/** Resolves when the batch's processing (if started in this process) has finished. */
export async function processingFinished(batchId: string): Promise<void> {
  await running.get(batchId);
}

/** The file in 64 KiB slices, so the share of bytes read (the progress estimate) moves as the reader goes. */
function* slices(content: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += 65_536) yield content.subarray(offset, offset + 65_536);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * UPLOADED → PARSING → VALIDATED (or REJECTED with the reason). Only the first caller claims the
 * batch; a second call does nothing. Nothing of the archive is written here.
 */
export async function processBatch(batchId: string): Promise<void> {
  const claimed = await db.importBatch.updateMany({ where: { id: batchId, status: "UPLOADED" }, data: { status: "PARSING" } });
  if (claimed.count === 0) return;
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  try {
    await validateBatch(batch);
  } catch (error) {
    console.error(`导入批次 ${batchId} 处理失败`, error);
    await db.importBatch.update({ where: { id: batchId }, data: { status: "REJECTED", message: "处理文件时发生系统错误，请重新上传；如仍失败请联系管理员" } });
  }
}

type BatchRow = { id: string; countyCode: string; townshipCode: string | null; fileSha256: string };

async function validateBatch(batch: BatchRow): Promise<void> {
  const county = await db.region.findFirstOrThrow({ where: { countyCode: batch.countyCode, level: "COUNTY" }, select: { name: true } });
  const regions = await db.region.findMany({
    where: { countyCode: batch.countyCode, level: { in: ["TOWNSHIP", "VILLAGE"] }, ...(batch.townshipCode ? { townshipCode: batch.townshipCode } : {}) },
    select: { code: true, name: true, level: true, parentCode: true, townshipCode: true },
  });
  const township = batch.townshipCode ? await db.region.findUnique({ where: { code: batch.townshipCode }, select: { name: true } }) : null;
  const townshipNames = new Map(regions.filter((region) => region.level === "TOWNSHIP").map((region) => [region.code, region.name]));
  const villages = new Map<string, { townshipCode: string; villageCode: string }>();
  for (const region of regions) {
    if (region.level !== "VILLAGE" || !region.parentCode) continue;
    const townshipName = townshipNames.get(region.parentCode);
    if (townshipName) villages.set(`${townshipName}\u0000${region.name}`, { townshipCode: region.parentCode, villageCode: region.code });
  }

  const context = {
    today: new Date(),
    countyName: county.name,
    areaName: township ? township.name : "本县",
    findVillage: (townshipName: string, villageName: string) => villages.get(`${townshipName}\u0000${villageName}`) ?? null,
  };
  const content = await readContent(batch.fileSha256);
  const parsed = await parseNationalWorkbook(Readable.from(slices(content)), context, {
    progressEvery: PROGRESS_EVERY,
    totalBytes: content.length,
    onProgress: async ({ rowsRead, rowsExpected }) => {
      await db.importBatch.update({ where: { id: batch.id }, data: { rowsRead, rowsExpected } });
    },
  });
  if (!parsed.ok) {
    await db.importBatch.update({ where: { id: batch.id }, data: { status: "REJECTED", message: parsed.message } });
    return;
  }

  const { households, fileIssues } = checkFile(parsed.rows, context);
  const issues: ImportIssue[] = [...parsed.rows.flatMap((row) => row.issues), ...households.flatMap((household) => household.issues), ...fileIssues];

  // Against the county: a household already in the archive is skipped; a person already in another household is an error.
  const existing = new Set<string>();
  for (const part of chunks(
    households.map((household) => household.householdNo),
    LOOKUP_CHUNK,
  )) {
    const found = await db.household.findMany({ where: { countyCode: batch.countyCode, householdNo: { in: part } }, select: { householdNo: true } });
    for (const row of found) existing.add(row.householdNo);
  }
  const candidates = households.filter((household) => !existing.has(household.householdNo));
  for (const part of chunks(
    candidates.flatMap((household) => household.members.map((member) => ({ member, household }))),
    LOOKUP_CHUNK,
  )) {
    const holders = await db.member.findMany({
      where: { countyCode: batch.countyCode, status: "PRESENT", idNumber: { in: part.map((entry) => entry.member.idNumber) } },
      select: { idNumber: true, household: { select: { householdNo: true } } },
    });
    const holder = new Map(holders.map((row) => [row.idNumber, row.household.householdNo]));
    for (const { member } of part) {
      const other = holder.get(member.idNumber);
      if (other) {
        issues.push({
          sheetRow: member.sheetRow,
          column: COLUMN_BY_KEY.idNumber.header,
          code: "ID_IN_OTHER_HOUSEHOLD",
          message: `证件号码${member.idNumber}已是档案中户${other}的在户成员；一人只能属于一个户，请核对或先在原户办理迁出`,
        });
      }
    }
  }

  // Each household needs its 帮扶责任人: the village's active helper with the fewest households (docs/decisions/016).
  const villageCodes = [...new Set(candidates.flatMap((household) => (household.villageCode ? [household.villageCode] : [])))];
  const helpers = await db.user.findMany({
    where: { role: "HELPER", active: true, regionCode: { in: villageCodes } },
    select: { id: true, regionCode: true, _count: { select: { helpedHouseholds: true } } },
    orderBy: { username: "asc" },
  });
  const load = new Map(helpers.map((helper) => [helper.id, helper._count.helpedHouseholds]));
  const helperFor = (villageCode: string): string | null => {
    let best: { id: string; load: number } | null = null;
    for (const helper of helpers) {
      if (helper.regionCode !== villageCode) continue;
      const current = load.get(helper.id) ?? 0;
      if (!best || current < best.load) best = { id: helper.id, load: current };
    }
    if (best) load.set(best.id, best.load + 1);
    return best?.id ?? null;
  };

  const rowsWithIssues = new Set(issues.map((issue) => issue.sheetRow));
  const staged: { household: CheckedHousehold; state: "VALID" | "INVALID" | "EXISTING"; payload: StagedPayload | null }[] = [];
  for (const household of households) {
    if (existing.has(household.householdNo)) {
      staged.push({ household, state: "EXISTING", payload: null });
      continue;
    }
    const clean = household.fields && household.villageCode && household.sheetRows.every((row) => !rowsWithIssues.has(row));
    let helperId: string | null = null;
    if (clean) {
      helperId = helperFor(household.villageCode!);
      if (!helperId) {
        issues.push({
          sheetRow: household.sheetRows[0],
          column: COLUMN_BY_KEY.village.header,
          code: "NO_HELPER",
          message: `“${household.fields!.township}${household.fields!.village}”还没有在职的帮扶责任人，每户须有一名帮扶责任人；请先为该村添加帮扶责任人账号`,
        });
      }
    }
    staged.push(
      clean && helperId
        ? { household, state: "VALID", payload: { fields: household.fields!, members: household.members, helperId } }
        : { household, state: "INVALID", payload: null },
    );
  }
  issues.sort((a, b) => a.sheetRow - b.sheetRow || a.column.localeCompare(b.column));

  for (const part of chunks(issues, WRITE_CHUNK)) {
    await db.importIssue.createMany({
      data: part.map((issue) => ({
        batchId: batch.id,
        countyCode: batch.countyCode,
        sheetRow: issue.sheetRow,
        columnName: issue.column,
        code: issue.code,
        message: issue.message,
      })),
    });
  }
  for (const part of chunks(staged, WRITE_CHUNK)) {
    await db.importHousehold.createMany({
      data: part.map(({ household, state, payload }) => ({
        id: randomUUID(),
        batchId: batch.id,
        countyCode: batch.countyCode,
        householdNo: household.householdNo,
        townshipCode: household.townshipCode,
        villageCode: household.villageCode,
        firstRow: household.sheetRows[0],
        rowCount: household.sheetRows.length,
        state,
        payload: payload ?? undefined,
      })),
    });
  }
  const valid = staged.filter((entry) => entry.state === "VALID");
  await db.importBatch.update({
    where: { id: batch.id },
    data: {
      status: "VALIDATED",
      headerRow: parsed.header.headerRow,
      rowsTotal: parsed.rows.length,
      householdsTotal: households.length,
      householdsValid: valid.length,
      householdsExisting: existing.size,
      membersValid: valid.reduce((sum, entry) => sum + entry.household.members.length, 0),
      issueCount: issues.length,
    },
  });
}
