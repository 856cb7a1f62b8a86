import "server-only";
import { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { readContent } from "@/lib/attachments/storage";
import { db } from "@/lib/db";
import { keepFormulaLikeAsText, streamingWorkbook } from "@/lib/exports/workbook";
import { batchInScope, batchScopeWhere, settleAbandonedMerge } from "@/lib/imports/commands";
import { householdChanges, type FieldChange, type UpdateBefore } from "@/lib/imports/changes";
import { readArchiveHouseholds } from "@/lib/imports/existing";
import { processingFinished, type StagedPayload } from "@/lib/imports/process";
import { createWorkbookReader } from "@/lib/imports/workbook-reader";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";

export const BATCH_STATUS_LABELS: Record<string, string> = {
  UPLOADED: "等待读取",
  PARSING: "正在读取和校验",
  VALIDATED: "已校验，待确认导入",
  REJECTED: "文件无法导入",
  MERGING: "正在写入档案",
  MERGED: "已导入",
  FAILED: "导入失败（未写入任何数据）",
  UNDONE: "已撤销",
};

export type BatchSummary = Awaited<ReturnType<typeof getImportBatch>>;

export async function listImportBatches(actor: Actor, params: PageParams) {
  requirePermission(actor, "import.manage");
  const where = batchScopeWhere(actor);
  const [rows, total] = await Promise.all([
    db.importBatch.findMany({ where, orderBy: { createdAt: "desc" }, ...skipTake(params) }),
    db.importBatch.count({ where }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.createdBy))] } }, select: { id: true, displayName: true } });
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return toPage(
    rows.map((row) => ({ ...row, createdByName: names.get(row.createdBy) ?? "" })),
    total,
    params,
  );
}

export async function getImportBatch(actor: Actor, batchId: string) {
  requirePermission(actor, "import.manage");
  let batch = await batchInScope(actor, batchId);
  if (batch.status === "MERGING") {
    await settleAbandonedMerge(batch.id);
    batch = await batchInScope(actor, batchId);
  }
  const people = await db.user.findMany({
    where: { id: { in: [batch.createdBy, batch.mergedBy, batch.undoneBy].filter((id): id is string => Boolean(id)) } },
    select: { id: true, displayName: true },
  });
  const name = (id: string | null) => people.find((person) => person.id === id)?.displayName ?? null;
  const township = batch.townshipCode ? await db.region.findUnique({ where: { code: batch.townshipCode }, select: { name: true } }) : null;
  const invalidHouseholds = batch.householdsTotal - batch.householdsValid - batch.householdsExisting;
  const householdsToUpdate = await db.importHousehold.count({ where: { batchId: batch.id, state: "UPDATE" } });
  return {
    ...batch,
    statusLabel: BATCH_STATUS_LABELS[batch.status] ?? batch.status,
    createdByName: name(batch.createdBy),
    mergedByName: name(batch.mergedBy),
    undoneByName: name(batch.undoneBy),
    townshipName: township?.name ?? null,
    invalidHouseholds,
    /** Households already archived that the cadre chose to update from the file. */
    householdsToUpdate,
  };
}

/** Waits for a batch read started in this process (used by tests; the page polls instead). */
export async function waitForBatch(actor: Actor, batchId: string) {
  await processingFinished(batchId);
  return getImportBatch(actor, batchId);
}

export async function listImportIssues(actor: Actor, batchId: string, params: PageParams) {
  const batch = await batchInScope(actor, batchId);
  requirePermission(actor, "import.manage");
  const where = { batchId: batch.id };
  const [rows, total] = await Promise.all([
    db.importIssue.findMany({ where, orderBy: [{ sheetRow: "asc" }, { id: "asc" }], ...skipTake(params) }),
    db.importIssue.count({ where }),
  ]);
  return toPage(
    rows.map((row) => ({ id: String(row.id), sheetRow: row.sheetRow, column: row.columnName, code: row.code, message: row.message })),
    total,
    params,
  );
}

/** Households of the batch by state: INVALID (left out by "只导入无误的户"), EXISTING (already in the archive: skipped), VALID. */
export async function listImportHouseholds(
  actor: Actor,
  batchId: string,
  state: "VALID" | "INVALID" | "EXISTING",
  params: PageParams,
): Promise<Page<{ id: string; householdNo: string; firstRow: number; rowCount: number; householdId: string | null }>> {
  const batch = await batchInScope(actor, batchId);
  requirePermission(actor, "import.manage");
  const where = { batchId: batch.id, state };
  const [rows, total] = await Promise.all([
    db.importHousehold.findMany({
      where,
      orderBy: { firstRow: "asc" },
      select: { id: true, householdNo: true, firstRow: true, rowCount: true, householdId: true },
      ...skipTake(params),
    }),
    db.importHousehold.count({ where }),
  ]);
  return toPage(rows, total, params);
}

export type ExistingHousehold = {
  id: string;
  householdNo: string;
  firstRow: number;
  rowCount: number;
  /** EXISTING: skipped (the default); UPDATE: to be updated from the file at the merge. */
  state: "EXISTING" | "UPDATE";
  archiveId: string | null;
  /** The archive version the differences were computed against (posted back with the choice). */
  version: number | null;
  changes: FieldChange[];
  /** Why "update" is not offered: errors in the file's rows, or a procedure the archive requires (lib/imports/changes.ts). */
  blockers: string[];
};

/** Households of the file already in the archive, with what an update would change field by field. */
export async function listExistingHouseholds(actor: Actor, batchId: string, params: PageParams): Promise<Page<ExistingHousehold>> {
  const batch = await batchInScope(actor, batchId);
  requirePermission(actor, "import.manage");
  const where = { batchId: batch.id, state: { in: ["EXISTING", "UPDATE"] } };
  const [rows, total] = await Promise.all([
    db.importHousehold.findMany({ where, orderBy: { firstRow: "asc" }, ...skipTake(params) }),
    db.importHousehold.count({ where }),
  ]);
  const archive = await readArchiveHouseholds(
    db,
    batch.countyCode,
    rows.map((row) => row.householdNo),
  );
  const result = rows.map((row): ExistingHousehold => {
    const payload = row.payload as StagedPayload | null;
    const current = archive.get(row.householdNo);
    const visible = current && (!batch.townshipCode || current.townshipCode === batch.townshipCode);
    const base = { id: row.id, householdNo: row.householdNo, firstRow: row.firstRow, rowCount: row.rowCount, state: row.state as "EXISTING" | "UPDATE" };
    if (!visible) return { ...base, archiveId: null, version: null, changes: [], blockers: ["档案中的该户不在本批次的范围内"] };
    if (!payload) return { ...base, archiveId: current.id, version: current.version, changes: [], blockers: ["该户在文件中有错误（见错误明细），只能跳过"] };
    // After the merge the archive already holds the file's values: show what the update replaced.
    const before = (payload as { before?: UpdateBefore }).before;
    const { changes, blockers } = householdChanges(before ? { ...current, ...before.household, members: before.members } : current, payload, row.villageCode);
    return { ...base, archiveId: current.id, version: current.version, changes, blockers: before ? [] : blockers };
  });
  return toPage(result, total, params);
}

const ERROR_COLUMN = "错误说明（导入校验）";

/**
 * The error report: the original sheet, row for row (title rows and header included), with one
 * more column holding every error of the row in Chinese. Cells are written as values; text that a
 * spreadsheet would read as a formula is kept as text (lib/exports/workbook.ts).
 */
export async function importErrorReport(actor: Actor, batchId: string): Promise<{ buffer: Buffer; fileName: string }> {
  requirePermission(actor, "import.manage");
  const batch = await batchInScope(actor, batchId);
  const issues = await db.importIssue.findMany({ where: { batchId: batch.id }, orderBy: [{ sheetRow: "asc" }, { id: "asc" }] });
  const byRow = new Map<number, string[]>();
  for (const issue of issues) {
    const list = byRow.get(issue.sheetRow) ?? [];
    list.push(issue.columnName ? `【${issue.columnName}】${issue.message}` : issue.message);
    byRow.set(issue.sheetRow, list);
  }

  const { writer, finish } = streamingWorkbook();
  const sheet = writer.addWorksheet("错误报告");
  const reader = createWorkbookReader(Readable.from(await readContent(batch.fileSha256)), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  });
  let errorColumn = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      if (row.number === batch.headerRow) errorColumn = Math.max(values.length + 1, 2);
      const out = sheet.getRow(row.number);
      values.forEach((value: unknown, index: number) => {
        if (value === null || value === undefined) return;
        const cell = out.getCell(index + 1);
        const plain = typeof value === "object" && !(value instanceof Date) ? plainValue(value) : (value as string | number | boolean | Date);
        cell.value = plain;
        keepFormulaLikeAsText(cell);
      });
      if (errorColumn && row.number === batch.headerRow) {
        out.getCell(errorColumn).value = ERROR_COLUMN;
        out.getCell(errorColumn).font = { bold: true, color: { argb: "FFC00000" } };
      }
      const messages = byRow.get(row.number);
      if (errorColumn && messages) {
        out.getCell(errorColumn).value = messages.join("；");
        out.getCell(errorColumn).font = { color: { argb: "FFC00000" } };
      }
      out.commit();
    }
    break;
  }
  sheet.commit();
  const buffer = await finish();
  const base = batch.fileName.replace(/\.xlsx$/i, "");
  return { buffer, fileName: `${base}-错误报告.xlsx` };
}

/** Rich text, hyperlinks and formula results as their plain value: the report never carries a formula. */
function plainValue(value: object): string | number | boolean | Date | null {
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.richText)) return record.richText.map((part: { text?: string }) => part.text ?? "").join("");
  if ("result" in record) return (record.result as string | number | boolean | Date | null) ?? null;
  if ("text" in record) return String(record.text);
  if ("error" in record) return String(record.error);
  return null;
}
