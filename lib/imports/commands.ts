import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { regionCovers } from "@/lib/auth/scope";
import { storeContent } from "@/lib/attachments/storage";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { db, type Db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/database-errors";
import { AppError, notFound } from "@/lib/errors";
import { zUploadedFile } from "@/lib/forms";
import { spreadsheetFileProblem } from "@/lib/imports/file-type";
import {
  UPDATABLE_HOUSEHOLD_FIELDS,
  UPDATABLE_MEMBER_FIELDS,
  householdChanges,
  type ArchiveHousehold,
  type ArchiveMember,
  type FieldChange,
  type UpdateBefore,
} from "@/lib/imports/changes";
import { readArchiveHouseholds } from "@/lib/imports/existing";
import { startProcessing, type StagedPayload } from "@/lib/imports/process";
import type { ParsedMember } from "@/lib/imports/rules";

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

export type MergeResult = { batchId: string; merged: boolean; households: number; members: number; updated: number };

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
      return { batchId: batch.id, merged: false, households: batch.householdsMerged, members: batch.membersMerged, updated: 0 };
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
    if (claimed.count === 0) return { batchId: batch.id, merged: false, households: 0, members: 0, updated: 0 };

    try {
      return await client.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${mergeLockKey(batch.id)}))`;
          const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM import_batch WHERE id = ${batch.id}::uuid FOR UPDATE`;
          if (locked[0]?.status !== "MERGING") return { batchId: batch.id, merged: false, households: 0, members: 0, updated: 0 };
          const mergedAt = new Date();
          const { households, members } = await writeHouseholds(tx, actor, batch, input.incomeYear, mergedAt);
          const updated = await updateHouseholds(tx, actor, batch, mergedAt);
          const leftOut = batch.householdsTotal - batch.householdsExisting - households;
          await tx.importBatch.update({
            where: { id: batch.id },
            data: { status: "MERGED", householdsMerged: households, membersMerged: members, mergedBy: actor.userId, mergedAt },
          });
          await recordAudit(tx, actor, {
            action: "import.merge",
            entityType: "ImportBatch",
            entityId: batch.id,
            countyCode: batch.countyCode,
            after: {
              fileName: batch.fileName,
              mode: input.mode,
              incomeYear: input.incomeYear,
              households,
              members,
              householdsLeftOut: leftOut,
              householdsUpdated: updated,
            },
          });
          return { batchId: batch.id, merged: true, households, members, updated };
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`导入批次 ${batch.id} 合并失败`, error);
      const message =
        error instanceof AppError
          ? `导入未完成，本批次未写入任何数据：${error.message}`
          : isUniqueViolation(error, "household_county_code_household_no_key") || isUniqueViolation(error, "member_active_id_number_key")
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

/**
 * The batch's VALID staged households into the archive with one INSERT … SELECT per table, reading
 * the staged payloads (lib/imports/process.ts StagedPayload) inside PostgreSQL: nothing of the file
 * passes through this process again, and the statements are as many at 100 households as at 100 000
 * (docs/decisions/025).
 */
async function writeHouseholds(
  tx: Tx,
  actor: Actor,
  batch: { id: string; countyCode: string; fileName: string },
  incomeYear: number,
  at: Date,
): Promise<{ households: number; members: number }> {
  // A household takes its staging row's id (random, unique); the staging row then links to it, for undo.
  const households = await tx.$executeRaw`
    INSERT INTO household (id, county_code, township_code, village_code, household_no, village_group, address, phone, attribute,
      identification_standard, road_type, fuel_type, identification_year, primary_cause, other_causes, helper_id,
      drinking_water_safe, drinking_water_difficult, housing_grade, status, exit_year, created_at, updated_at)
    SELECT s.id, s.county_code, s.township_code, s.village_code, s.household_no, f->>'villageGroup',
      concat(f->>'township', f->>'village', f->>'villageGroup'), f->>'phone', f->>'attribute',
      ${FIELDS_NOT_IN_EXPORT.identificationStandard}::text, ${FIELDS_NOT_IN_EXPORT.roadType}::text, ${FIELDS_NOT_IN_EXPORT.fuelType}::text,
      (f->>'identificationYear')::int, f->>'primaryCause', ARRAY(SELECT jsonb_array_elements_text(f->'otherCauses')),
      (s.payload->>'helperId')::uuid, (f->>'drinkingWaterSafe')::boolean, (f->>'drinkingWaterDifficult')::boolean, f->>'housingGrade',
      CASE WHEN f->>'exitYear' IS NULL THEN 'REGISTERED' ELSE 'EXITED' END, (f->>'exitYear')::int, ${at}::timestamptz, ${at}::timestamptz
    FROM import_household s CROSS JOIN LATERAL (SELECT s.payload->'fields' AS f) p
    WHERE s.batch_id = ${batch.id}::uuid AND s.state = 'VALID'
    ORDER BY s.first_row`;
  await tx.$executeRaw`UPDATE import_household SET household_id = id WHERE batch_id = ${batch.id}::uuid AND state = 'VALID'`;
  const members = await tx.$executeRaw`
    INSERT INTO member (id, household_id, county_code, name, id_number, gender, birth_date, relation, ethnicity, education_level,
      school_status, health, labour_skill, work_status, work_months, basic_medical_insurance, serious_illness_insurance, pension_insurance,
      created_at, updated_at)
    SELECT gen_random_uuid(), s.household_id, s.county_code, m->>'name', m->>'idNumber', m->>'gender', (m->>'birthDate')::date, m->>'relation',
      m->>'ethnicity', m->>'educationLevel', m->>'schoolStatus', m->>'health', m->>'labourSkill', m->>'workStatus', (m->>'workMonths')::int,
      (m->>'basicMedicalInsurance')::boolean, (m->>'seriousIllnessInsurance')::boolean, (m->>'pensionInsurance')::boolean, ${at}::timestamptz, ${at}::timestamptz
    FROM import_household s CROSS JOIN LATERAL jsonb_array_elements(s.payload->'members') WITH ORDINALITY AS e(m, n)
    WHERE s.batch_id = ${batch.id}::uuid AND s.state = 'VALID'
    ORDER BY s.first_row, e.n`;
  await tx.$executeRaw`
    INSERT INTO income_record (id, household_id, county_code, year, wage_fen, business_income_fen, business_expense_fen, property_fen,
      other_transfer_fen, updated_at)
    SELECT gen_random_uuid(), s.household_id, s.county_code, ${incomeYear}::int, (f->>'wageFen')::int, (f->>'businessIncomeFen')::int,
      (f->>'businessExpenseFen')::int, (f->>'propertyFen')::int, (f->>'transferFen')::int, ${at}::timestamptz
    FROM import_household s CROSS JOIN LATERAL (SELECT s.payload->'fields' AS f) p
    WHERE s.batch_id = ${batch.id}::uuid AND s.state = 'VALID'`;
  // 户编号 in our own layout (village code + 4-digit sequence, lib/households/rules.ts householdNumberParts) move the
  // village's sequence past them, so a household filed by hand later gets a free number.
  await tx.$executeRaw`
    INSERT INTO household_sequence (village_code, last_value)
    SELECT village_code, max(right(household_no, 4)::int) FROM import_household
    WHERE batch_id = ${batch.id}::uuid AND state = 'VALID' AND household_no ~ '^[0-9]{16}$' AND left(household_no, 12) = village_code
    GROUP BY village_code
    ON CONFLICT (village_code) DO UPDATE SET last_value = GREATEST(household_sequence.last_value, EXCLUDED.last_value)`;
  // One history line per household ("导入建档"), with the same columns recordAudit writes.
  await tx.$executeRaw`
    INSERT INTO audit_event (actor_id, actor_name, actor_role, ip, action, entity_type, entity_id, county_code, after)
    SELECT ${actor.userId}::uuid, ${actor.displayName}::text, ${actor.role}::text, ${actor.ip}::text, 'household.import', 'Household', s.household_id::text, s.county_code,
      jsonb_build_object('householdNo', s.household_no, 'villageCode', s.village_code, 'headName', s.payload->'fields'->>'headName',
        'members', jsonb_array_length(s.payload->'members'), 'batchId', ${batch.id}::text, 'fileName', ${batch.fileName}::text)
    FROM import_household s WHERE s.batch_id = ${batch.id}::uuid AND s.state = 'VALID'
    ORDER BY s.first_row`;
  return { households, members };
}

function householdData(source: Pick<ArchiveHousehold, (typeof UPDATABLE_HOUSEHOLD_FIELDS)[number]>) {
  return Object.fromEntries(UPDATABLE_HOUSEHOLD_FIELDS.map((field) => [field, source[field]])) as Pick<
    ArchiveHousehold,
    (typeof UPDATABLE_HOUSEHOLD_FIELDS)[number]
  >;
}

function memberData(source: ArchiveMember | ParsedMember) {
  return Object.fromEntries(UPDATABLE_MEMBER_FIELDS.map((field) => [field, source[field]])) as Pick<ArchiveMember, (typeof UPDATABLE_MEMBER_FIELDS)[number]>;
}

const describeChanges = (changes: FieldChange[]) =>
  changes.map((change) => `${change.subject === "户" ? "" : change.subject}${change.field}：${change.before} → ${change.after}`).join("；");

/**
 * The households the cadre chose to update from the file (state UPDATE). Each is checked again inside
 * the merge's transaction: the archive version must still be the one the cadre saw (else the whole
 * merge is refused), the same blockers apply, and the update is written with a version check,
 * audited per household, its previous values kept on the staging row for undo.
 */
async function updateHouseholds(tx: Tx, actor: Actor, batch: { id: string; countyCode: string; fileName: string }, at: Date): Promise<number> {
  const chosen = await tx.importHousehold.findMany({ where: { batchId: batch.id, state: "UPDATE" }, orderBy: { firstRow: "asc" } });
  const archive = await readArchiveHouseholds(
    tx,
    batch.countyCode,
    chosen.map((row) => row.householdNo),
  );
  for (const row of chosen) {
    const payload = row.payload as StagedPayload;
    const current = archive.get(row.householdNo);
    if (!current || current.version !== payload.baseVersion) {
      throw new AppError("CONFLICT", `户编号${row.householdNo}在选择“按文件更新”之后已在档案中被修改，请重新核对该户的差异后再导入`);
    }
    const { changes, blockers } = householdChanges(current, payload, row.villageCode);
    if (blockers.length > 0) throw new AppError("RULE_VIOLATION", `户编号${row.householdNo}不能按文件更新：${blockers.join("；")}`);
    const updated = await tx.household.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...householdData(payload.fields), version: { increment: 1 }, updatedAt: at },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", `户编号${row.householdNo}刚被他人修改，请重新核对该户的差异后再导入`);
    const present = new Map(current.members.map((member) => [member.idNumber, member]));
    for (const member of payload.members) {
      const before = present.get(member.idNumber)!;
      const data = memberData(member);
      if (UPDATABLE_MEMBER_FIELDS.every((field) => JSON.stringify(before[field]) === JSON.stringify(data[field]))) continue;
      await tx.member.updateMany({
        where: { householdId: current.id, idNumber: member.idNumber, status: "PRESENT" },
        data: { ...data, version: { increment: 1 }, updatedAt: at },
      });
    }
    const before: UpdateBefore = { versionAfter: current.version + 1, household: householdData(current), members: current.members };
    await tx.importHousehold.update({ where: { id: row.id }, data: { householdId: current.id, payload: { ...payload, before } as object } });
    await recordAudit(tx, actor, {
      action: "household.importUpdate",
      entityType: "Household",
      entityId: current.id,
      countyCode: batch.countyCode,
      after: { householdNo: row.householdNo, changes: describeChanges(changes), batchId: batch.id, fileName: batch.fileName },
    });
  }
  return chosen.length;
}

const ZChooseExisting = z.object({
  batchId: z.uuid("导入批次不存在"),
  stagedId: z.uuid("该户不存在"),
  choice: z.enum(["SKIP", "UPDATE"], { error: "请选择跳过或按文件更新" }),
  /** The archive version the page showed the differences of. */
  version: z.coerce.number({ error: "版本号有误" }).int("版本号有误").min(1, "版本号有误"),
});

/**
 * A household of the file already in the archive: skip it (the default) or update it from the file at
 * the merge. "Update" is accepted only for a household whose rows are clean, with differences, and
 * none of the blockers of lib/imports/changes.ts; the version shown is remembered and checked again at the merge.
 */
export const chooseExistingUpdate = defineCommand({
  permission: "import.manage",
  input: ZChooseExisting,
  async run({ actor, input, tx }) {
    const batch = await batchInScope(actor, input.batchId, tx);
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM import_batch WHERE id = ${batch.id}::uuid FOR UPDATE`;
    if (locked[0]?.status !== "VALIDATED" && locked[0]?.status !== "FAILED") throw new AppError("CONFLICT", "该批次已导入、正在导入或已撤销，不能再更改选择");
    const row = await tx.importHousehold.findFirst({ where: { id: input.stagedId, batchId: batch.id, state: { in: ["EXISTING", "UPDATE"] } } });
    if (!row) throw notFound("户");
    const payload = row.payload as StagedPayload | null;
    const current = (await readArchiveHouseholds(tx, batch.countyCode, [row.householdNo])).get(row.householdNo);
    if (!current || (batch.townshipCode && current.townshipCode !== batch.townshipCode)) throw notFound("户");
    if (input.choice === "UPDATE") {
      if (!payload) throw new AppError("RULE_VIOLATION", "该户在文件中有错误，不能按文件更新，只能跳过", { choice: ["该户在文件中有错误，只能跳过"] });
      if (current.version !== input.version) throw new AppError("CONFLICT", "该户在档案中刚被修改，请刷新页面后重新核对差异");
      const { changes, blockers } = householdChanges(current, payload, row.villageCode);
      if (blockers.length > 0) throw new AppError("RULE_VIOLATION", blockers.join("；"), { choice: blockers });
      if (changes.length === 0) throw new AppError("RULE_VIOLATION", "文件中该户与档案相同，无需更新", { choice: ["与档案相同，无需更新"] });
      await tx.importHousehold.update({ where: { id: row.id }, data: { state: "UPDATE", payload: { ...payload, baseVersion: current.version } as object } });
    } else {
      const rest = payload ? { fields: payload.fields, members: payload.members, helperId: payload.helperId } : undefined;
      await tx.importHousehold.update({ where: { id: row.id }, data: { state: "EXISTING", ...(rest ? { payload: rest as object } : {}) } });
    }
    await recordAudit(tx, actor, {
      action: "import.choose",
      entityType: "ImportBatch",
      entityId: batch.id,
      countyCode: batch.countyCode,
      after: { fileName: batch.fileName, householdNo: row.householdNo, choice: input.choice },
    });
    return { batchId: batch.id, householdNo: row.householdNo, choice: input.choice };
  },
});

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
    const links = await tx.importHousehold.findMany({
      where: { batchId: batch.id, state: "VALID", householdId: { not: null } },
      select: { householdId: true },
    });
    const ids = links.map((link) => link.householdId!);
    const mergedAt = batch.mergedAt!;
    const updates = await tx.importHousehold.findMany({
      where: { batchId: batch.id, state: "UPDATE", householdId: { not: null } },
      orderBy: { firstRow: "asc" },
    });
    // A household updated from the file is restored only while nobody has changed it or its members since.
    const updatedIds = updates.map((row) => row.householdId!);
    const versions = updates.map((row) => (row.payload as { before: UpdateBefore }).before.versionAfter);
    const changedSince = await tx.$queryRaw<{ household_no: string }[]>`
      SELECT h.household_no FROM household h JOIN unnest(${updatedIds}::uuid[], ${versions}::int[]) AS u(id, version) ON u.id = h.id
      WHERE h.version <> u.version OR h.updated_at > ${mergedAt}
        OR EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND (m.created_at > ${mergedAt} OR m.updated_at > ${mergedAt}))
      ORDER BY h.household_no LIMIT 20`;
    if (changedSince.length > 0) {
      const message = `本批次按文件更新的户之后又被修改（如户编号 ${changedSince.map((row) => row.household_no).join("、")}），不能撤销；请逐户处理`;
      throw new AppError("RULE_VIOLATION", message);
    }
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
    const undoneAt = new Date();
    for (const row of updates) {
      const { before } = row.payload as { before: UpdateBefore };
      await tx.household.update({ where: { id: row.householdId! }, data: { ...before.household, version: { increment: 1 }, updatedAt: undoneAt } });
      const restored: string[] = [];
      const now = await tx.member.findMany({
        where: { householdId: row.householdId!, status: "PRESENT" },
        select: { idNumber: true, name: true, version: true, updatedAt: true },
      });
      for (const member of before.members) {
        const current = now.find((entry) => entry.idNumber === member.idNumber);
        if (!current || current.updatedAt.getTime() !== mergedAt.getTime()) continue;
        await tx.member.updateMany({
          where: { householdId: row.householdId!, idNumber: member.idNumber, status: "PRESENT" },
          data: { ...memberData(member), version: { increment: 1 }, updatedAt: undoneAt },
        });
        restored.push(`${member.name}（${member.idNumber.slice(-4)}）`);
      }
      await recordAudit(tx, actor, {
        action: "household.importUndoUpdate",
        entityType: "Household",
        entityId: row.householdId!,
        countyCode: batch.countyCode,
        after: {
          householdNo: row.householdNo,
          changes: ["户的信息已恢复为导入前", ...restored.map((name) => `${name}的信息已恢复为导入前`)].join("；"),
          batchId: batch.id,
          fileName: batch.fileName,
        },
      });
    }
    await tx.importBatch.update({ where: { id: batch.id }, data: { status: "UNDONE", undoneBy: actor.userId, undoneAt } });
    await recordAudit(tx, actor, {
      action: "import.undo",
      entityType: "ImportBatch",
      entityId: batch.id,
      countyCode: batch.countyCode,
      after: { fileName: batch.fileName, households: ids.length, members, householdsRestored: updates.length },
    });
    return { batchId: batch.id, households: ids.length, members, restored: updates.length };
  },
});
