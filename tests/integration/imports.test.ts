import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { chooseExistingUpdate, mergeImport, undoImport, uploadAndProcess } from "@/lib/imports/commands";
import { STAGING } from "@/lib/imports/process";
import { getImportBatch, importErrorReport, listExistingHouseholds, listImportHouseholds, listImportIssues, waitForBatch } from "@/lib/imports/queries";
import { endMembership } from "@/lib/members/commands";
import { ZPageParams } from "@/lib/pagination";
import { DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { DEMO_GENERATOR_COUNTY, generateNationalRows, nationalWorkbookBuffer, type GeneratorOptions } from "@/scripts/generate-national-workbook";
import { expectAppError, signInAs } from "./helpers";

const ALL_ROWS = ZPageParams.parse({ pageSize: "100" });

async function workbook(options: GeneratorOptions) {
  const generated = generateNationalRows(options);
  const buffer = await nationalWorkbookBuffer(generated, { untidy: options.untidy });
  return { generated, buffer, householdNos: [...new Set(generated.rows.map((row) => String(row.householdNo)))] };
}

async function upload(actor: Actor, buffer: Buffer, name = "贫困人口明细.xlsx") {
  const { batchId } = await uploadAndProcess(actor, { file: { name, bytes: new Uint8Array(buffer) } });
  return waitForBatch(actor, batchId);
}

const archived = (householdNos: string[]) => db.household.count({ where: { countyCode: "522698", householdNo: { in: householdNos } } });

describe("importing the national member export", () => {
  it("a clean file: staged, checked, merged in bulk with its batch, counts and audit", async () => {
    const county = await signInAs("county");
    const { generated, buffer, householdNos } = await workbook({ households: 12, seed: 11, firstSequence: 6001, idRegion: "520101" });
    const batch = await upload(county, buffer);
    expect(batch).toMatchObject({
      status: "VALIDATED",
      fileName: "贫困人口明细.xlsx",
      fileSha256: createHash("sha256").update(buffer).digest("hex"),
      fileSize: buffer.length,
      createdBy: county.userId,
      rowsTotal: generated.expected.rows,
      rowsRead: generated.expected.rows + 1,
      householdsTotal: 12,
      householdsValid: 12,
      householdsExisting: 0,
      membersValid: generated.expected.validMembers,
      issueCount: 0,
      headerRow: 1,
    });
    expect(await archived(householdNos)).toBe(0);

    const result = await mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" });
    expect(result).toEqual({ batchId: batch.id, merged: true, households: 12, members: generated.expected.validMembers, updated: 0 });
    const households = await db.household.findMany({ where: { householdNo: { in: householdNos } }, include: { members: true, incomes: true } });
    expect(households).toHaveLength(12);
    expect(households.flatMap((household) => household.members)).toHaveLength(generated.expected.validMembers);
    expect(households.every((household) => household.incomes.length === 1 && household.incomes[0].year === 2023)).toBe(true);
    // One household checked field by field against its rows.
    const firstRow = generated.rows[0];
    const first = households.find((household) => household.householdNo === firstRow.householdNo)!;
    expect(first).toMatchObject({
      villageCode: expect.stringMatching(/^522698/),
      identificationYear: firstRow.identificationYear,
      helperId: expect.any(String),
    });
    expect(first.incomes[0].wageFen).toBe(Number(firstRow.wage) * 100);
    const head = first.members.find((member) => member.relation === "HEAD")!;
    expect(head.name).toBe(firstRow.headName);

    const merged = await getImportBatch(county, batch.id);
    expect(merged).toMatchObject({
      status: "MERGED",
      householdsMerged: 12,
      membersMerged: generated.expected.validMembers,
      mergedBy: county.userId,
      mode: "ALL",
    });
    expect(await db.auditEvent.count({ where: { entityId: batch.id, action: { in: ["import.upload", "import.merge"] } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "household.import", entityId: { in: households.map((household) => household.id) } } })).toBe(12);

    // A second click does nothing.
    expect(await mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" })).toMatchObject({ merged: false });
    expect(await archived(householdNos)).toBe(12);
    expect(await db.auditEvent.count({ where: { entityId: batch.id, action: "import.merge" } })).toBe(1);

    // The same file again: every household is already in the archive, so nothing is added.
    const again = await upload(county, buffer);
    expect(again).toMatchObject({ status: "VALIDATED", householdsTotal: 12, householdsExisting: 12, householdsValid: 0, issueCount: 0 });
    expect((await listImportHouseholds(county, again.id, "EXISTING", ALL_ROWS)).total).toBe(12);
    expect(await mergeImport(county, { batchId: again.id, mode: "ALL", incomeYear: "2023" })).toMatchObject({ merged: true, households: 0, members: 0 });
    expect(await archived(householdNos)).toBe(12);
    expect(await db.member.count({ where: { household: { householdNo: { in: householdNos } } } })).toBe(generated.expected.validMembers);
  });

  it("a file with errors: every planted error reported; all-or-nothing refuses and writes nothing; valid-only imports the rest", async () => {
    const county = await signInAs("county");
    const { generated, buffer, householdNos } = await workbook({
      households: 8,
      seed: 12,
      errors: true,
      untidy: true,
      firstSequence: 6101,
      idRegion: "520102",
    });
    const batch = await upload(county, buffer, "有错误的明细.xlsx");
    expect(batch).toMatchObject({
      status: "VALIDATED",
      headerRow: 3,
      householdsTotal: generated.expected.households,
      householdsValid: generated.expected.validHouseholds,
    });
    const issues = await listImportIssues(county, batch.id, ALL_ROWS);
    expect(issues.rows.map(({ sheetRow, code }) => ({ sheetRow, code }))).toEqual(generated.expected.issues);
    expect(issues.rows.every((issue) => /[\u4e00-\u9fff]/.test(issue.message))).toBe(true);

    const refused = await expectAppError(mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" }), "RULE_VIOLATION");
    expect(refused.message).toContain(`有 ${generated.expected.issues.length} 处错误`);
    expect(await archived(householdNos)).toBe(0);
    expect((await getImportBatch(county, batch.id)).status).toBe("VALIDATED");

    // The error report: the original rows with an error column.
    const report = await importErrorReport(county, batch.id);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.buffer as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const errorColumn = sheet.getRow(3).cellCount;
    expect(sheet.getRow(3).getCell(errorColumn).value).toBe("错误说明（导入校验）");
    expect(sheet.getRow(1).getCell(1).value).toBe("建档立卡贫困人口明细表");
    for (const issue of generated.expected.issues) expect(String(sheet.getRow(issue.sheetRow).getCell(errorColumn).value ?? "")).not.toBe("");
    const clean = generated.sheetRows.find((row) => !generated.expected.issues.some((issue) => issue.sheetRow === row))!;
    expect(sheet.getRow(clean).getCell(errorColumn).value ?? null).toBeNull();
    expect(report.fileName).toBe("有错误的明细-错误报告.xlsx");

    const leftOut = await listImportHouseholds(county, batch.id, "INVALID", ALL_ROWS);
    expect(leftOut.total).toBe(generated.expected.invalidHouseholds);
    const result = await mergeImport(county, { batchId: batch.id, mode: "VALID_ONLY", incomeYear: "2023" });
    expect(result).toMatchObject({ merged: true, households: generated.expected.validHouseholds, members: generated.expected.validMembers });
    expect(await archived(householdNos)).toBe(generated.expected.validHouseholds);
    expect(await archived(leftOut.rows.map((row) => row.householdNo))).toBe(0);
  });

  it("undo removes the batch's households while untouched, and refuses once one was edited", async () => {
    const county = await signInAs("county");
    const first = await workbook({ households: 5, seed: 13, firstSequence: 6201, idRegion: "520103" });
    const batch = await upload(county, first.buffer);
    await mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" });
    expect(await archived(first.householdNos)).toBe(5);
    expect(await undoImport(county, { batchId: batch.id })).toMatchObject({ households: 5, members: first.generated.expected.validMembers });
    expect(await archived(first.householdNos)).toBe(0);
    expect(await db.member.count({ where: { idNumber: { in: first.generated.rows.map((row) => String(row.idNumber)) } } })).toBe(0);
    expect((await getImportBatch(county, batch.id)).status).toBe("UNDONE");
    expect(await db.auditEvent.count({ where: { entityId: batch.id, action: "import.undo" } })).toBe(1);
    await expectAppError(undoImport(county, { batchId: batch.id }), "CONFLICT");

    const second = await workbook({ households: 3, seed: 14, firstSequence: 6301, idRegion: "520104" });
    const batch2 = await upload(county, second.buffer);
    await mergeImport(county, { batchId: batch2.id, mode: "ALL", incomeYear: "2023" });
    const member = await db.member
      .findFirstOrThrow({ where: { household: { householdNo: second.householdNos[0] }, relation: { not: "HEAD" } } })
      .catch(() => null);
    const target =
      member ?? (await db.member.findFirstOrThrow({ where: { household: { householdNo: { in: second.householdNos } }, relation: { not: "HEAD" } } }));
    await endMembership(county, { memberId: target.id, version: String(target.version), status: "MOVED_OUT", statusDate: "2024-01-02" });
    const refused = await expectAppError(undoImport(county, { batchId: batch2.id }), "RULE_VIOLATION");
    expect(refused.message).toContain("不能撤销");
    expect(await archived(second.householdNos)).toBe(3);
    expect((await getImportBatch(county, batch2.id)).status).toBe("MERGED");
  });

  it("scope: a township cadre imports only into their own township and sees only their own batches", async () => {
    const town = await signInAs("town");
    const town2 = await signInAs("town2");
    const village = await signInAs("village");
    const [shiqiao, longquan] = DEMO_TOWNSHIPS;
    const elsewhere = await workbook({
      households: 3,
      seed: 15,
      firstSequence: 6401,
      idRegion: "520105",
      county: { ...DEMO_GENERATOR_COUNTY, townships: [{ name: longquan.name, villages: longquan.villages }] },
    });
    const batch = await upload(town, elsewhere.buffer);
    expect(batch).toMatchObject({ status: "VALIDATED", townshipCode: shiqiao.code, householdsValid: 0 });
    const issues = await listImportIssues(town, batch.id, ALL_ROWS);
    expect(new Set(issues.rows.map((issue) => issue.code))).toEqual(new Set(["VILLAGE_UNKNOWN"]));
    expect(issues.rows[0].message).toContain(`${shiqiao.name}区划中没有`);
    await expectAppError(mergeImport(town, { batchId: batch.id, mode: "ALL", incomeYear: "2023" }), "RULE_VIOLATION");
    expect(await archived(elsewhere.householdNos)).toBe(0);

    // Another township's cadre: the batch does not exist for them.
    await expectAppError(getImportBatch(town2, batch.id), "NOT_FOUND");
    await expectAppError(mergeImport(town2, { batchId: batch.id, mode: "VALID_ONLY", incomeYear: "2023" }), "NOT_FOUND");
    await expectAppError(
      uploadAndProcess(town, { townshipCode: longquan.code, file: { name: "a.xlsx", bytes: new Uint8Array(elsewhere.buffer) } }),
      "NOT_FOUND",
    );
    await expectAppError(uploadAndProcess(village, { file: { name: "a.xlsx", bytes: new Uint8Array(elsewhere.buffer) } }), "FORBIDDEN");

    // Their own township's households go in.
    const own = await workbook({
      households: 2,
      seed: 16,
      firstSequence: 6451,
      idRegion: "520106",
      county: { ...DEMO_GENERATOR_COUNTY, townships: [{ name: shiqiao.name, villages: shiqiao.villages }] },
    });
    const ownBatch = await upload(town, own.buffer);
    expect(ownBatch.householdsValid).toBe(2);
    await mergeImport(town, { batchId: ownBatch.id, mode: "ALL", incomeYear: "2023" });
    expect(await db.household.count({ where: { householdNo: { in: own.householdNos }, townshipCode: shiqiao.code } })).toBe(2);
  });

  it("refuses a file that is not a workbook, by its content", async () => {
    const county = await signInAs("county");
    const refused = await expectAppError(
      uploadAndProcess(county, { file: { name: "明细.xlsx", bytes: new Uint8Array(Buffer.from("%PDF-1.4 not a workbook")) } }),
      "VALIDATION",
    );
    expect(refused.fieldErrors?.file?.[0]).toContain("不是 Excel 工作簿");
  });

  it("killing the database connection mid-merge leaves no imported row and the batch failed; merging again works", async () => {
    const county = await signInAs("county");
    const { buffer, householdNos, generated } = await workbook({ households: 6, seed: 17, firstSequence: 6501, idRegion: "520107" });
    const batch = await upload(county, buffer);
    const owner = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    await owner.connect();
    try {
      // Hold the income table so the merge stops after writing households and members.
      await owner.query("BEGIN");
      await owner.query("LOCK TABLE income_record IN SHARE ROW EXCLUSIVE MODE");
      const merging = mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" }).then(
        () => null,
        (error: unknown) => error,
      );
      let pid: number | null = null;
      for (let attempt = 0; attempt < 200 && pid === null; attempt++) {
        const { rows } = await owner.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'relation' AND relation = 'income_record'::regclass AND NOT granted`,
        );
        pid = rows[0]?.pid ?? null;
        if (pid === null) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(pid).not.toBeNull();
      await owner.query("SELECT pg_terminate_backend($1)", [pid]);
      await owner.query("ROLLBACK");
      const error = (await merging) as { code?: string; message?: string } | null;
      expect(error?.code).toBe("CONFLICT");
      expect(error?.message).toContain("本批次未写入任何数据");
    } finally {
      await owner.end();
    }
    expect(await archived(householdNos)).toBe(0);
    expect(await db.member.count({ where: { idNumber: { in: generated.rows.map((row) => String(row.idNumber)) } } })).toBe(0);
    const failed = await getImportBatch(county, batch.id);
    expect(failed.status).toBe("FAILED");
    expect(await db.auditEvent.count({ where: { entityId: batch.id, action: "import.fail" } })).toBe(1);

    expect(await mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" })).toMatchObject({ merged: true, households: 6 });
    expect(await archived(householdNos)).toBe(6);
  });
  it("reads the file household by household: a household whose rows are apart is still one household; a person in two households chunks apart leaves both out", async () => {
    const county = await signInAs("county");
    const chunk = STAGING.householdsPerChunk;
    STAGING.householdsPerChunk = 2;
    try {
      // One row of the first household with several members moved to the end of the file.
      const apart = generateNationalRows({ households: 7, seed: 31, firstSequence: 6401, idRegion: "520106" });
      const numbers = [...new Set(apart.rows.map((row) => String(row.householdNo)))];
      const big = numbers.find((number) => apart.rows.filter((row) => String(row.householdNo) === number).length >= 2)!;
      const moved = apart.rows.findLastIndex((row) => String(row.householdNo) === big);
      apart.rows.push(...apart.rows.splice(moved, 1));
      const batch = await upload(county, await nationalWorkbookBuffer(apart));
      expect(batch).toMatchObject({
        status: "VALIDATED",
        householdsTotal: 7,
        householdsValid: 7,
        membersValid: apart.expected.validMembers,
        issueCount: 0,
      });
      const staged = await db.importHousehold.findFirstOrThrow({ where: { batchId: batch.id, householdNo: big } });
      expect(staged.rowCount).toBe(apart.rows.filter((row) => String(row.householdNo) === big).length);
      expect(await db.importHousehold.count({ where: { batchId: batch.id } })).toBe(7);
      expect(await mergeImport(county, { batchId: batch.id, mode: "ALL", incomeYear: "2023" })).toMatchObject({
        households: 7,
        members: apart.expected.validMembers,
      });
      expect(await db.member.count({ where: { household: { countyCode: "522698", householdNo: big } } })).toBe(staged.rowCount);

      // The last household's second member carries the ID number of the first household's second member: both households out.
      const twice = generateNationalRows({ households: 7, seed: 32, firstSequence: 6701, idRegion: "520109" });
      const groups = [...new Set(twice.rows.map((row) => String(row.householdNo)))].map((number) =>
        twice.rows.filter((row) => String(row.householdNo) === number),
      );
      const withTwo = groups.filter((rows) => rows.length >= 2);
      const [early, late] = [withTwo[0], withTwo.at(-1)!];
      expect(groups.indexOf(late) - groups.indexOf(early)).toBeGreaterThanOrEqual(3);
      Object.assign(late[1], { idNumber: early[1].idNumber, gender: early[1].gender, relation: "其他" });
      Object.assign(early[1], { relation: "其他" });
      const duplicated = await upload(county, await nationalWorkbookBuffer(twice));
      const issues = await listImportIssues(county, duplicated.id, ALL_ROWS);
      expect(issues.rows.map((issue) => issue.code)).toEqual(["DUPLICATE_ID_IN_FILE", "DUPLICATE_ID_IN_FILE"]);
      expect(duplicated).toMatchObject({ householdsTotal: 7, householdsValid: 5, issueCount: 2 });
      const out = await listImportHouseholds(county, duplicated.id, "INVALID", ALL_ROWS);
      expect(out.rows.map((row) => row.householdNo).sort()).toEqual([String(early[0].householdNo), String(late[0].householdNo)].sort());
    } finally {
      STAGING.householdsPerChunk = chunk;
    }
  });
  it("households already in the archive: listed with their differences, skipped by default, updated only when chosen, audited, undone", async () => {
    const county = await signInAs("county");
    const first = await workbook({ households: 4, seed: 41, firstSequence: 6601, idRegion: "520108" });
    const merged = await upload(county, first.buffer);
    await mergeImport(county, { batchId: merged.id, mode: "ALL", incomeYear: "2023" });
    const [a, b, c] = first.householdNos;
    const rowsOf = (number: string) => first.generated.rows.filter((row) => String(row.householdNo) === number);
    const original = await db.household.findFirstOrThrow({ where: { countyCode: "522698", householdNo: a }, include: { members: true } });
    const head = original.members.find((member) => member.relation === "HEAD")!;

    // The file again, with A's phone, water and its 户主's 民族 changed, and B's 脱贫年度 changed.
    for (const row of rowsOf(a)) Object.assign(row, { phone: "13912345678", drinkingWaterDifficult: "是" });
    rowsOf(a).find((row) => String(row.idNumber) === head.idNumber)!.ethnicity = "苗族";
    const exitYear = rowsOf(b)[0].exitYear;
    for (const row of rowsOf(b)) row.exitYear = exitYear ? null : 2020;
    const again = await upload(county, await nationalWorkbookBuffer(first.generated));
    expect(again).toMatchObject({ status: "VALIDATED", householdsTotal: 4, householdsExisting: 4, householdsValid: 0, issueCount: 0 });

    const listed = await listExistingHouseholds(county, again.id, ALL_ROWS);
    expect(listed.total).toBe(4);
    const byNo = new Map(listed.rows.map((row) => [row.householdNo, row]));
    expect(byNo.get(a)).toMatchObject({ state: "EXISTING", version: 1, blockers: [] });
    expect(
      byNo
        .get(a)!
        .changes.map((change) => change.field)
        .sort(),
    ).toEqual(["民族", "联系电话", "饮水是否困难"].sort());
    expect(byNo.get(a)!.changes.find((change) => change.field === "联系电话")).toMatchObject({ subject: "户", before: original.phone, after: "13912345678" });
    expect(byNo.get(b)!.blockers.join()).toContain("脱贫年度不同");
    expect(byNo.get(c)!.changes).toEqual([]);

    const choose = (stagedId: string, choice: string, version: number) =>
      chooseExistingUpdate(county, { batchId: again.id, stagedId, choice, version: String(version) });
    await expectAppError(choose(byNo.get(a)!.id, "UPDATE", 2), "CONFLICT");
    await expectAppError(choose(byNo.get(b)!.id, "UPDATE", 1), "RULE_VIOLATION");
    expect((await expectAppError(choose(byNo.get(c)!.id, "UPDATE", 1), "RULE_VIOLATION")).message).toContain("无需更新");
    expect(await db.importHousehold.count({ where: { batchId: again.id, state: "UPDATE" } })).toBe(0);
    // Another township's cadre does not see the batch at all.
    await expectAppError(
      chooseExistingUpdate(await signInAs("town"), { batchId: again.id, stagedId: byNo.get(a)!.id, choice: "UPDATE", version: "1" }),
      "NOT_FOUND",
    );
    await choose(byNo.get(a)!.id, "UPDATE", 1);
    expect(await db.auditEvent.count({ where: { entityId: again.id, action: "import.choose" } })).toBe(1);

    const result = await mergeImport(county, { batchId: again.id, mode: "ALL", incomeYear: "2023" });
    expect(result).toMatchObject({ merged: true, households: 0, members: 0, updated: 1 });
    const updated = await db.household.findUniqueOrThrow({ where: { id: original.id }, include: { members: true } });
    expect(updated).toMatchObject({ phone: "13912345678", drinkingWaterDifficult: true, version: 2 });
    expect(updated.members.find((member) => member.id === head.id)).toMatchObject({ ethnicity: "苗族", version: 2 });
    const others = await db.household.findMany({ where: { countyCode: "522698", householdNo: { in: [b, c] } } });
    expect(others.every((household) => household.version === 1)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: original.id, action: "household.importUpdate" } });
    expect(JSON.stringify(audit.after)).toContain(`联系电话：${original.phone} → 13912345678`);

    expect(await undoImport(county, { batchId: again.id })).toMatchObject({ households: 0, restored: 1 });
    const restored = await db.household.findUniqueOrThrow({ where: { id: original.id }, include: { members: true } });
    expect(restored).toMatchObject({ phone: original.phone, drinkingWaterDifficult: original.drinkingWaterDifficult, version: 3 });
    expect(restored.members.find((member) => member.id === head.id)!.ethnicity).toBe(head.ethnicity);
    expect(await db.auditEvent.count({ where: { entityId: original.id, action: "household.importUndoUpdate" } })).toBe(1);

    // Chosen, then edited in the archive before the merge: the merge is refused as a whole and changes nothing.
    const third = await upload(county, await nationalWorkbookBuffer(first.generated));
    const staged = (await listExistingHouseholds(county, third.id, ALL_ROWS)).rows.find((row) => row.householdNo === a)!;
    await chooseExistingUpdate(county, { batchId: third.id, stagedId: staged.id, choice: "UPDATE", version: String(staged.version) });
    await db.household.update({ where: { id: original.id }, data: { villageGroup: "9组", version: { increment: 1 } } });
    await expectAppError(mergeImport(county, { batchId: third.id, mode: "ALL", incomeYear: "2023" }), "CONFLICT");
    expect((await getImportBatch(county, third.id)).status).toBe("FAILED");
    expect(await db.household.findUniqueOrThrow({ where: { id: original.id } })).toMatchObject({ phone: original.phone, version: 4 });

    // Skipping again, then merging: nothing of the archive changes.
    await chooseExistingUpdate(county, { batchId: third.id, stagedId: staged.id, choice: "SKIP", version: "4" });
    expect(await mergeImport(county, { batchId: third.id, mode: "ALL", incomeYear: "2023" })).toMatchObject({ merged: true, updated: 0 });
    expect(await db.household.findUniqueOrThrow({ where: { id: original.id } })).toMatchObject({ phone: original.phone, version: 4 });
  });
});
