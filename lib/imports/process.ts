import "server-only";
import { villageGroupsByVillage } from "@/lib/regions/village-groups";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pathForHash } from "@/lib/attachments/storage";
import { db } from "@/lib/db";
import { COLUMN_BY_KEY } from "@/lib/imports/columns";
import { readNationalWorkbook } from "@/lib/imports/parse";
import {
  FileDuplicates,
  checkHousehold,
  ownCopy,
  type CheckedHousehold,
  type CheckedRow,
  type HouseholdContext,
  type ImportIssue,
  type IssueCode,
  type ParsedHouseholdFields,
  type ParsedMember,
} from "@/lib/imports/rules";

/**
 * What a staged household carries to the merge (import_household.payload). A household already in the archive
 * whose rows are clean carries it too (helperId null), so that the cadre may choose to update it from the file;
 * `baseVersion` is the archive version the cadre saw when choosing, `before` what the merge replaced (for undo).
 */
export type StagedPayload = { fields: ParsedHouseholdFields; members: ParsedMember[]; helperId: string | null; baseVersion?: number; before?: unknown };

const PROGRESS_EVERY = 2_000;
/** Households checked against the county and written to the staging tables together (a test may make it small). */
export const STAGING = { householdsPerChunk: 500 };

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

/** The stored file, read from disk in 64 KiB pieces (never whole in memory); the share of bytes read is the progress estimate. */
const fileStream = (sha256: string) => createReadStream(pathForHash(sha256), { highWaterMark: 65_536 });

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
    await discardStaged(batchId);
    await db.importBatch.update({ where: { id: batchId }, data: { status: "REJECTED", message: "处理文件时发生系统错误，请重新上传；如仍失败请联系管理员" } });
  }
}

type BatchRow = { id: string; countyCode: string; townshipCode: string | null; fileSha256: string };

/** The checks across the rows of one household; only these are redone when a household's rows turn out to be split (see Stager). */
const HOUSEHOLD_CODES: readonly IssueCode[] = [
  "HOUSEHOLD_FIELD_CONFLICT",
  "DUPLICATE_ID_IN_HOUSEHOLD",
  "NO_HEAD",
  "MULTIPLE_HEADS",
  "RELATION_GENDER",
  "MEMBER_COUNT",
  "HEAD_NAME",
  "INCOME_MISMATCH",
  "COUNTY_MISMATCH",
  "VILLAGE_UNKNOWN",
  "VILLAGE_GROUP_UNKNOWN",
  "ID_IN_OTHER_HOUSEHOLD",
  "NO_HELPER",
];

async function discardStaged(batchId: string): Promise<void> {
  await db.$executeRaw`DELETE FROM import_issue WHERE batch_id = ${batchId}::uuid`;
  await db.$executeRaw`DELETE FROM import_household WHERE batch_id = ${batchId}::uuid`;
}

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

  const villageGroups = await db.$transaction((tx) =>
    villageGroupsByVillage(
      tx,
      [...villages.values()].map((village) => village.villageCode),
    ),
  );
  const context: HouseholdContext = {
    today: new Date(),
    countyName: county.name,
    areaName: township ? township.name : "本县",
    findVillage: (townshipName: string, villageName: string) => villages.get(`${townshipName}\u0000${villageName}`) ?? null,
    villageGroups: (villageCode: string) => villageGroups.get(villageCode) ?? [],
  };

  // Each household needs its 帮扶责任人: the village's active helper with the fewest households (docs/decisions/016).
  const helpers = await db.user.findMany({
    where: { role: "HELPER", active: true, regionCode: { in: [...villages.values()].map((village) => village.villageCode) } },
    select: { id: true, regionCode: true, _count: { select: { helpedHouseholds: true } } },
    orderBy: { username: "asc" },
  });
  const helpersByVillage = new Map<string, { id: string; load: number }[]>();
  for (const helper of helpers) {
    const list = helpersByVillage.get(helper.regionCode!) ?? [];
    list.push({ id: helper.id, load: helper._count.helpedHouseholds });
    helpersByVillage.set(helper.regionCode!, list);
  }
  const helperFor = (villageCode: string): string | null => {
    let best: { id: string; load: number } | null = null;
    for (const helper of helpersByVillage.get(villageCode) ?? []) if (!best || helper.load < best.load) best = helper;
    if (best) best.load++;
    return best?.id ?? null;
  };

  const { size } = await stat(pathForHash(batch.fileSha256));
  const stager = new Stager(batch, context, helperFor);
  const parsed = await readNationalWorkbook(fileStream(batch.fileSha256), context, {
    progressEvery: PROGRESS_EVERY,
    totalBytes: size,
    onRow: (row) => stager.row(row),
    onProgress: async ({ rowsRead, rowsExpected }) => {
      await db.importBatch.update({ where: { id: batch.id }, data: { rowsRead, rowsExpected } });
    },
  }).finally(() => stager.drain());
  if (!parsed.ok) {
    await discardStaged(batch.id);
    await db.importBatch.update({ where: { id: batch.id }, data: { status: "REJECTED", message: parsed.message } });
    return;
  }
  await stager.finish();

  // A household whose rows are not together in the file: what was staged for its parts is dropped, and its rows are read
  // again (only theirs are kept) and checked as one household. The national export keeps a household's rows together.
  if (stager.split.size > 0) {
    const split = stager.split;
    const groups = new Map<string, CheckedRow[]>();
    const again = await readNationalWorkbook(fileStream(batch.fileSha256), context, {
      onRow: (row) => {
        if (!row.householdNo || !split.has(row.householdNo)) return;
        const group = groups.get(row.householdNo);
        if (group) group.push(row);
        else groups.set(row.householdNo, [row]);
      },
    });
    if (!again.ok) throw new Error(`second read failed: ${again.message}`);
    const rows = [...groups.values()].flatMap((group) => group.map((row) => row.sheetRow));
    await db.$executeRaw`DELETE FROM import_household WHERE batch_id = ${batch.id}::uuid AND household_no = ANY(${[...split]}::text[])`;
    await db.$executeRaw`
      DELETE FROM import_issue WHERE batch_id = ${batch.id}::uuid AND sheet_row = ANY(${rows}::int[]) AND code = ANY(${HOUSEHOLD_CODES}::text[])`;
    await stager.restage([...groups.values()]);
  }

  // A person found in two households of the file: both households are left out, also one staged before the second was read.
  if (stager.duplicated.size > 0) {
    await db.$executeRaw`
      UPDATE import_household SET state = 'INVALID', payload = NULL
      WHERE batch_id = ${batch.id}::uuid AND state = 'VALID' AND household_no = ANY(${[...stager.duplicated]}::text[])`;
  }

  const [counts] = await db.$queryRaw<{ total: number; valid: number; existing: number; members: number; issues: number }[]>`
    SELECT count(*)::int AS total,
           (count(*) FILTER (WHERE state = 'VALID'))::int AS valid,
           (count(*) FILTER (WHERE state = 'EXISTING'))::int AS existing,
           coalesce(sum(row_count) FILTER (WHERE state = 'VALID'), 0)::int AS members,
           (SELECT count(*) FROM import_issue WHERE batch_id = ${batch.id}::uuid)::int AS issues
    FROM import_household WHERE batch_id = ${batch.id}::uuid`;
  await db.importBatch.update({
    where: { id: batch.id },
    data: {
      status: "VALIDATED",
      headerRow: parsed.header.headerRow,
      rowsTotal: parsed.rowCount,
      householdsTotal: counts.total,
      householdsValid: counts.valid,
      householdsExisting: counts.existing,
      membersValid: counts.members,
      issueCount: counts.issues,
    },
  });
}

type Pending = { household: CheckedHousehold; rowsClean: boolean };

/**
 * Takes the checked rows one at a time, in sheet order, and keeps only the household being read:
 * a household's rows follow each other in the national export, so when the 户编号 changes the
 * household is complete and is checked (checkHousehold, the same as checkFile). Every STAGING.householdsPerChunk
 * households are checked against the county and written to the staging tables; between chunks
 * only the file's ID numbers (FileDuplicates) and the 户编号 seen are held. A 户编号 met again
 * after other households is remembered in `split` and redone at the end.
 */
class Stager {
  readonly split = new Set<string>();
  readonly duplicated = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly duplicates = new FileDuplicates();
  private current: CheckedRow[] = [];
  private pending: Pending[] = [];
  private issues: ImportIssue[] = [];
  /** The chunk being written while the next is read (PostgreSQL and the reader each get a core); one at a time. */
  private writing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly batch: BatchRow,
    private readonly context: HouseholdContext,
    private readonly helperFor: (villageCode: string) => string | null,
  ) {}

  async row(row: CheckedRow): Promise<void> {
    if (row.householdNo && this.current.length > 0 && this.current[0].householdNo !== row.householdNo) await this.close();
    this.issues.push(...row.issues);
    if (!row.householdNo) return;
    if (this.current.length === 0 && this.seen.has(row.householdNo)) this.split.add(ownCopy(row.householdNo));
    this.current.push(row);
  }

  async finish(): Promise<void> {
    if (this.current.length > 0) await this.close();
    await this.settle();
    await this.flush();
  }

  /** Waits for the chunk being written, whatever its outcome (before staged rows are discarded). */
  async drain(): Promise<void> {
    await this.writing;
  }

  /** Waits for the chunk being written; its failure becomes ours. */
  private async settle(): Promise<void> {
    await this.writing;
    if (this.failure) throw this.failure.error;
  }

  /** Starts writing the pending chunk once the previous one is written. */
  private async startFlush(): Promise<void> {
    await this.settle();
    this.writing = this.flush().catch((error: unknown) => {
      this.failure = { error };
    });
  }

  /** The split households, each with all its rows: checked again as a whole (their rows' own issues are already written). */
  async restage(groups: CheckedRow[][]): Promise<void> {
    for (const rows of groups) {
      const household = checkHousehold(rows, this.context);
      this.issues.push(...household.issues);
      this.pending.push({ household, rowsClean: rows.every((row) => row.issues.length === 0) });
      if (this.pending.length >= STAGING.householdsPerChunk) await this.flush();
    }
    await this.flush();
  }

  private async close(): Promise<void> {
    const rows = this.current;
    this.current = [];
    const household = checkHousehold(rows, this.context);
    this.seen.add(ownCopy(household.householdNo));
    const found = this.duplicates.add(household);
    if (found.issues.length > 0) {
      this.duplicated.add(ownCopy(household.householdNo));
      for (const other of found.others) this.duplicated.add(other);
    }
    this.issues.push(...household.issues, ...found.issues);
    this.pending.push({ household, rowsClean: rows.every((row) => row.issues.length === 0) });
    if (this.pending.length >= STAGING.householdsPerChunk) await this.startFlush();
  }

  /** The pending households against the county, then into import_household / import_issue. */
  private async flush(): Promise<void> {
    const pending = this.pending;
    const issues = this.issues;
    this.pending = [];
    this.issues = [];
    const batch = this.batch;
    const staged: { household: CheckedHousehold; state: "VALID" | "INVALID" | "EXISTING"; payload: StagedPayload | null }[] = [];
    if (pending.length > 0) {
      // Against the county: a household already in the archive is skipped; a person already in another household is an error.
      const numbers = pending.map(({ household }) => household.householdNo);
      const found = await db.$queryRaw<{ household_no: string }[]>`
        SELECT household_no FROM household WHERE county_code = ${batch.countyCode} AND household_no = ANY(${numbers}::text[])`;
      const existing = new Set(found.map((row) => row.household_no));
      // (A household already archived is not checked here: a member present elsewhere is, for it, a member added, which blocks its update.)
      const candidates = pending.filter(({ household }) => !existing.has(household.householdNo));
      const ids = candidates.flatMap(({ household }) => household.members.map((member) => member.idNumber));
      const holders = await db.$queryRaw<{ id_number: string; household_no: string }[]>`
        SELECT m.id_number, h.household_no FROM member m JOIN household h ON h.id = m.household_id
        WHERE m.county_code = ${batch.countyCode} AND m.status = 'PRESENT' AND m.id_number = ANY(${ids}::text[])`;
      const holder = new Map(holders.map((row) => [row.id_number, row.household_no]));
      const unclean = new Set<string>();
      for (const { household } of candidates) {
        for (const member of household.members) {
          const other = holder.get(member.idNumber);
          if (!other) continue;
          unclean.add(household.householdNo);
          issues.push({
            sheetRow: member.sheetRow,
            column: COLUMN_BY_KEY.idNumber.header,
            code: "ID_IN_OTHER_HOUSEHOLD",
            message: `证件号码${member.idNumber}已是档案中户${other}的在户成员；一人只能属于一个户，请核对或先在原户办理迁出`,
          });
        }
      }
      for (const { household, rowsClean } of pending) {
        const clean = rowsClean && household.issues.length === 0 && !unclean.has(household.householdNo) && household.fields && household.villageCode;
        if (existing.has(household.householdNo)) {
          staged.push({ household, state: "EXISTING", payload: clean ? { fields: household.fields!, members: household.members, helperId: null } : null });
          continue;
        }
        let helperId: string | null = null;
        if (clean) {
          helperId = this.helperFor(household.villageCode!);
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
    }
    if (issues.length > 0) {
      issues.sort((a, b) => a.sheetRow - b.sheetRow || a.column.localeCompare(b.column));
      await db.$executeRaw`
        INSERT INTO import_issue (batch_id, county_code, sheet_row, column_name, code, message)
        SELECT ${batch.id}::uuid, ${batch.countyCode}, r.sheet_row, r.column_name, r.code, r.message
        FROM unnest(${issues.map((issue) => issue.sheetRow)}::int[], ${issues.map((issue) => issue.column)}::text[],
                    ${issues.map((issue) => issue.code)}::text[], ${issues.map((issue) => issue.message)}::text[])
             WITH ORDINALITY AS r(sheet_row, column_name, code, message, n)
        ORDER BY r.n`;
    }
    if (staged.length > 0) {
      await db.$executeRaw`
        INSERT INTO import_household (id, batch_id, county_code, household_no, township_code, village_code, first_row, row_count, state, payload)
        SELECT r.id, ${batch.id}::uuid, ${batch.countyCode}, r.household_no, r.township_code, r.village_code, r.first_row, r.row_count, r.state, r.payload::jsonb
        FROM unnest(${staged.map(() => randomUUID())}::uuid[], ${staged.map(({ household }) => household.householdNo)}::text[],
                    ${staged.map(({ household }) => household.townshipCode)}::text[], ${staged.map(({ household }) => household.villageCode)}::text[],
                    ${staged.map(({ household }) => household.sheetRows[0])}::int[], ${staged.map(({ household }) => household.sheetRows.length)}::int[],
                    ${staged.map(({ state }) => state)}::text[], ${staged.map(({ payload }) => (payload ? JSON.stringify(payload) : null))}::text[])
             AS r(id, household_no, township_code, village_code, first_row, row_count, state, payload)`;
    }
  }
}
