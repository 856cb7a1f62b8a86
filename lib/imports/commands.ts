import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { regionCovers } from "@/lib/auth/scope";
import { storeContent } from "@/lib/attachments/storage";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString } from "@/lib/dates";
import { db, type Db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/database-errors";
import { AppError, notFound } from "@/lib/errors";
import { zUploadedFile } from "@/lib/forms";
import { householdNumberParts } from "@/lib/households/rules";
import { spreadsheetFileProblem } from "@/lib/imports/file-type";
import { startProcessing, type StagedPayload } from "@/lib/imports/process";

/** Who may see a batch: the county office its county's; a 乡镇干部 only the batches limited to their township. */
export function batchScopeWhere(actor: Actor) {
  if (actor.role === "COUNTY_OFFICE") return { countyCode: actor.countyCode };
  if (actor.role === "TOWNSHIP_CADRE" && actor.townshipCode) return { countyCode: actor.countyCode, townshipCode: actor.townshipCode };
  return { id: "00000000-0000-0000-0000-000000000000" };
}

export async function batchInScope(actor: Actor, batchId: string, client: Db | Tx = db) {
  if (!z.uuid().safeParse(batchId).success) throw notFound("导入批次");
  const batch = await client.importBatch.findFirst({ where: { id: batchId, ...batchScopeWhere(actor) } });
  if (!batch) throw notFound("导入批次");
  return batch;
}

const ZUploadImport = z.object({
  /** The county office may limit a batch to one township; a 乡镇干部's batch is always their own township. */
  townshipCode: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^\d{12}$/, "请选择乡镇")
      .optional(),
  ),
  file: zUploadedFile.nullish(),
});

/** Stores the file (by its SHA-256), opens the batch and starts reading it in the background. */
export const uploadImport = defineCommand({
  permission: "import.manage",
  input: ZUploadImport,
  async run({ actor, input, tx }) {
    // Scope first: a township named must be one the actor covers (else answered like a missing one).
    let townshipCode: string | null = actor.role === "TOWNSHIP_CADRE" ? actor.townshipCode : null;
    if (actor.role === "TOWNSHIP_CADRE" && !townshipCode) throw notFound("乡镇");
    if (input.townshipCode) {
      const township = await tx.region.findUnique({
        where: { code: input.townshipCode },
        select: { code: true, level: true, countyCode: true, townshipCode: true },
      });
      if (!township || township.level !== "TOWNSHIP" || !regionCovers(actor, township)) throw notFound("乡镇");
      townshipCode = township.code;
    }
    const file = input.file;
    const problem = file ? spreadsheetFileProblem(file.bytes) : "请选择要导入的文件";
    if (problem || !file) throw new AppError("VALIDATION", problem!, { file: [problem!] });
    const sha256 = await storeContent(file.bytes);
    const fileName = file.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 120) || "未命名.xlsx";
    const batch = await tx.importBatch.create({
      data: {
        id: randomUUID(),
        countyCode: actor.countyCode,
        townshipCode,
        fileName,
        fileSha256: sha256,
        fileSize: file.bytes.byteLength,
        createdBy: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "import.upload",
      entityType: "ImportBatch",
      entityId: batch.id,
      countyCode: actor.countyCode,
      after: { fileName, sha256, sizeBytes: file.bytes.byteLength, townshipCode },
    });
    return { batchId: batch.id };
  },
});

/** Upload, then the background read starts once the batch row is committed. */
export async function uploadAndProcess(actor: Actor, input: unknown): Promise<{ batchId: string }> {
  const result = await uploadImport(actor, input);
  void startProcessing(result.batchId);
  return result;
}
uploadAndProcess.permission = uploadImport.permission;

const ZMergeImport = z.object({
  batchId: z.uuid("导入批次不存在"),
  mode: z.enum(["ALL", "VALID_ONLY"], { error: "请选择导入方式" }),
  incomeYear: z.coerce
    .number({ error: "请填写收入所属年度" })
    .int("收入所属年度应为整数")
    .min(2013, "收入所属年度不早于 2013 年")
    .max(2100, "收入所属年度有误"),
});

export type MergeResult = { batchId: string; merged: boolean; households: number; members: number };

const FIELDS_NOT_IN_EXPORT = {
  identificationStandard: "NATIONAL",
  roadType: "NONE",
  fuelType: "OTHER",
} as const;

/** Advisory-lock key of a batch's merge, so a reader can tell a merge in progress from one whose process died. */
const mergeLockKey = (batchId: string) => `import-merge:${batchId}`;

/**
 * Writes the batch's valid households into the archive: all or nothing. Mode ALL refuses while any
 * household or row has an error; VALID_ONLY writes the valid households and leaves the rest out
 * (the page lists them before the click). A second click, or a second admin, finds the batch no
 * longer VALIDATED and does nothing. A failure (the database gone mid-way) rolls the archive back
 * and marks the batch FAILED; it can be merged again.
 */
export const mergeImport = defineCommand({
  permission: "import.manage",
  input: ZMergeImport,
  transaction: "inside-body",
  async run({ actor, input, db: client }): Promise<MergeResult> {
    const batch = await batchInScope(actor, input.batchId, client);
    if (batch.status === "MERGED" || batch.status === "MERGING")
      return { batchId: batch.id, merged: false, households: batch.householdsMerged, members: batch.membersMerged };
    if (batch.status !== "VALIDATED" && batch.status !== "FAILED") throw new AppError("CONFLICT", "该批次尚未校验完成或已撤销，不能导入");
    const invalid = batch.householdsTotal - batch.householdsValid - batch.householdsExisting;
    if (input.mode === "ALL" && (invalid > 0 || batch.issueCount > 0)) {
      const message = `文件中有 ${batch.issueCount} 处错误（涉及 ${invalid} 户），按“全部导入”不能入库：请下载错误报告，改正后重新上传；或选择“只导入无误的户”`;
      throw new AppError("RULE_VIOLATION", message, { mode: [message] });
    }

    const claimed = await client.importBatch.updateMany({
      where: { id: batch.id, status: { in: ["VALIDATED", "FAILED"] } },
      data: { status: "MERGING", mode: input.mode, message: null },
    });
    if (claimed.count === 0) return { batchId: batch.id, merged: false, households: 0, members: 0 };

    try {
      return await client.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${mergeLockKey(batch.id)}))`;
          const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM import_batch WHERE id = ${batch.id}::uuid FOR UPDATE`;
          if (locked[0]?.status !== "MERGING") return { batchId: batch.id, merged: false, households: 0, members: 0 };
          const staged = await tx.importHousehold.findMany({ where: { batchId: batch.id, state: "VALID" }, orderBy: { firstRow: "asc" } });
          const mergedAt = new Date();
          let members = 0;
          for (let offset = 0; offset < staged.length; offset += 1_000) {
            members += await writeHouseholds(tx, actor, batch, staged.slice(offset, offset + 1_000), input.incomeYear, mergedAt);
          }
          const leftOut = batch.householdsTotal - batch.householdsExisting - staged.length;
          await tx.importBatch.update({
            where: { id: batch.id },
            data: { status: "MERGED", householdsMerged: staged.length, membersMerged: members, mergedBy: actor.userId, mergedAt },
          });
          await recordAudit(tx, actor, {
            action: "import.merge",
            entityType: "ImportBatch",
            entityId: batch.id,
            countyCode: batch.countyCode,
            after: { fileName: batch.fileName, mode: input.mode, incomeYear: input.incomeYear, households: staged.length, members, householdsLeftOut: leftOut },
          });
          return { batchId: batch.id, merged: true, households: staged.length, members };
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    } catch (error) {
      const message =
        isUniqueViolation(error, "household_county_code_household_no_key") || isUniqueViolation(error, "member_active_id_number_key")
          ? "导入未完成：其中有户编号或身份证号码刚刚已被导入档案（可能另一批次同时导入了相同的户），本批次未写入任何数据；请重新上传文件校验"
          : "导入未完成：写入档案时发生错误（数据库连接中断或服务重启），本批次未写入任何数据，可以再次导入";
      await markFailed(actor, batch, message);
      throw new AppError("CONFLICT", message);
    }
  },
});

async function markFailed(actor: Actor | null, batch: { id: string; countyCode: string; fileName: string }, message: string) {
  await db.$transaction(async (tx) => {
    const updated = await tx.importBatch.updateMany({ where: { id: batch.id, status: "MERGING" }, data: { status: "FAILED", message } });
    if (updated.count > 0) {
      await recordAudit(tx, actor, {
        action: "import.fail",
        entityType: "ImportBatch",
        entityId: batch.id,
        countyCode: batch.countyCode,
        after: { fileName: batch.fileName, message },
      });
    }
  });
}

/**
 * A batch left MERGING by a process that died: its merge transaction is gone (PostgreSQL rolled it
 * back), so nobody holds its lock. Marked FAILED when seen. A merge whose claim committed a moment
 * ago but has not yet taken its lock is left alone (updated less than 30 seconds ago).
 */
export async function settleAbandonedMerge(batchId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ free: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(hashtext(${mergeLockKey(batchId)})) AS free
      FROM import_batch WHERE id = ${batchId}::uuid AND status = 'MERGING' AND updated_at < now() - interval '30 seconds'`;
    if (!rows[0]?.free) return;
    const batch = await tx.importBatch.update({
      where: { id: batchId },
      data: { status: "FAILED", message: "导入未完成：写入档案时服务中断，本批次未写入任何数据，可以再次导入" },
    });
    await recordAudit(tx, null, {
      action: "import.fail",
      entityType: "ImportBatch",
      entityId: batchId,
      countyCode: batch.countyCode,
      after: { fileName: batch.fileName, message: batch.message },
    });
  });
}

type StagedRow = { id: string; householdNo: string; townshipCode: string | null; villageCode: string | null; payload: unknown };

async function writeHouseholds(
  tx: Tx,
  actor: Actor,
  batch: { id: string; countyCode: string; fileName: string },
  staged: StagedRow[],
  incomeYear: number,
  at: Date,
): Promise<number> {
  const households = staged.map((row) => ({ row, payload: row.payload as StagedPayload, id: randomUUID() }));
  await tx.household.createMany({
    data: households.map(({ row, payload, id }) => ({
      id,
      countyCode: batch.countyCode,
      townshipCode: row.townshipCode!,
      villageCode: row.villageCode!,
      householdNo: row.householdNo,
      villageGroup: payload.fields.villageGroup,
      address: `${payload.fields.township}${payload.fields.village}${payload.fields.villageGroup ?? ""}`,
      phone: payload.fields.phone,
      attribute: payload.fields.attribute,
      ...FIELDS_NOT_IN_EXPORT,
      identificationYear: payload.fields.identificationYear,
      primaryCause: payload.fields.primaryCause,
      otherCauses: payload.fields.otherCauses,
      helperId: payload.helperId,
      drinkingWaterSafe: payload.fields.drinkingWaterSafe,
      drinkingWaterDifficult: payload.fields.drinkingWaterDifficult,
      housingGrade: payload.fields.housingGrade,
      status: payload.fields.exitYear ? "EXITED" : "REGISTERED",
      exitYear: payload.fields.exitYear,
      createdAt: at,
      updatedAt: at,
    })),
  });
  const members = households.flatMap(({ payload, id }) =>
    payload.members.map((member) => ({
      id: randomUUID(),
      householdId: id,
      countyCode: batch.countyCode,
      name: member.name,
      idNumber: member.idNumber,
      gender: member.gender,
      birthDate: fromDateString(member.birthDate),
      relation: member.relation,
      ethnicity: member.ethnicity,
      educationLevel: member.educationLevel,
      schoolStatus: member.schoolStatus,
      health: member.health,
      labourSkill: member.labourSkill,
      workStatus: member.workStatus,
      workMonths: member.workMonths,
      basicMedicalInsurance: member.basicMedicalInsurance,
      seriousIllnessInsurance: member.seriousIllnessInsurance,
      pensionInsurance: member.pensionInsurance,
      createdAt: at,
      updatedAt: at,
    })),
  );
  await tx.member.createMany({ data: members });
  await tx.incomeRecord.createMany({
    data: households.map(({ payload, id }) => ({
      id: randomUUID(),
      householdId: id,
      countyCode: batch.countyCode,
      year: incomeYear,
      wageFen: payload.fields.wageFen,
      businessIncomeFen: payload.fields.businessIncomeFen,
      businessExpenseFen: payload.fields.businessExpenseFen,
      propertyFen: payload.fields.propertyFen,
      otherTransferFen: payload.fields.transferFen,
      updatedAt: at,
    })),
  });
  // 户编号 in our own layout (village code + sequence) move the village's sequence past them, so a household filed by hand later gets a free number.
  const highest = new Map<string, number>();
  for (const { row } of households) {
    const parts = householdNumberParts(row.householdNo);
    if (parts && parts.villageCode === row.villageCode) highest.set(parts.villageCode, Math.max(highest.get(parts.villageCode) ?? 0, parts.sequence));
  }
  for (const [villageCode, sequence] of highest) {
    await tx.$executeRaw`
      INSERT INTO household_sequence (village_code, last_value) VALUES (${villageCode}, ${sequence})
      ON CONFLICT (village_code) DO UPDATE SET last_value = GREATEST(household_sequence.last_value, EXCLUDED.last_value)`;
  }
  await tx.$executeRaw`
    UPDATE import_household s SET household_id = l.household_id
    FROM unnest(${households.map(({ row }) => row.id)}::uuid[], ${households.map(({ id }) => id)}::uuid[]) AS l(staged_id, household_id)
    WHERE s.id = l.staged_id`;
  // One history line per household ("导入建档"), written in bulk with the same columns recordAudit writes.
  await tx.auditEvent.createMany({
    data: households.map(({ row, payload, id }) => ({
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.role,
      ip: actor.ip,
      action: "household.import",
      entityType: "Household",
      entityId: id,
      countyCode: batch.countyCode,
      after: {
        householdNo: row.householdNo,
        villageCode: row.villageCode,
        headName: payload.fields.headName,
        members: payload.members.length,
        batchId: batch.id,
        fileName: batch.fileName,
      },
    })),
  });
  return members.length;
}

const ZUndoImport = z.object({ batchId: z.uuid("导入批次不存在") });

/**
 * Removes what a merged batch wrote, while none of its households has been touched since: no
 * household, member or income changed, no member added, and nothing recorded on them (measures,
 * visits, plans, evidence, helper changes, exit sheets, inspections). Otherwise refused, naming them.
 */
export const undoImport = defineCommand({
  permission: "import.manage",
  input: ZUndoImport,
  async run({ actor, input, tx }) {
    const batch = await batchInScope(actor, input.batchId, tx);
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM import_batch WHERE id = ${batch.id}::uuid FOR UPDATE`;
    if (locked[0]?.status !== "MERGED") throw new AppError("CONFLICT", "只有已导入的批次才能撤销");
    const links = await tx.importHousehold.findMany({ where: { batchId: batch.id, householdId: { not: null } }, select: { householdId: true } });
    const ids = links.map((link) => link.householdId!);
    const mergedAt = batch.mergedAt!;
    const touched = await tx.$queryRaw<{ household_no: string }[]>`
      SELECT h.household_no FROM household h WHERE h.id = ANY(${ids}::uuid[]) AND (
        h.version > 1 OR h.updated_at > ${mergedAt}
        OR EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND (m.version > 1 OR m.created_at > ${mergedAt} OR m.updated_at > ${mergedAt}))
        OR EXISTS (SELECT 1 FROM income_record i WHERE i.household_id = h.id AND (i.version > 1 OR i.updated_at > ${mergedAt}))
        OR EXISTS (SELECT 1 FROM measure x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM assistance_plan x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM visit x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM attachment x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM helper_assignment x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM exit_sheet x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM inspection_review x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM sampling_population x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM field_check x WHERE x.household_id = h.id)
        OR EXISTS (SELECT 1 FROM finding x WHERE x.household_id = h.id)
      ) ORDER BY h.household_no LIMIT 20`;
    if (touched.length > 0) {
      const message = `本批次导入的户已有后续修改或记录（如户编号 ${touched.map((row) => row.household_no).join("、")}），不能撤销；请逐户处理`;
      throw new AppError("RULE_VIOLATION", message);
    }
    const members = await tx.member.count({ where: { householdId: { in: ids } } });
    await tx.$executeRaw`DELETE FROM household_indicator WHERE household_id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM exit_sheet_indicator WHERE household_id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM income_record WHERE household_id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM member WHERE household_id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM household WHERE id = ANY(${ids}::uuid[])`;
    await tx.importBatch.update({ where: { id: batch.id }, data: { status: "UNDONE", undoneBy: actor.userId, undoneAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "import.undo",
      entityType: "ImportBatch",
      entityId: batch.id,
      countyCode: batch.countyCode,
      after: { fileName: batch.fileName, households: ids.length, members },
    });
    return { batchId: batch.id, households: ids.length, members };
  },
});
