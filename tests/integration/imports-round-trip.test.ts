import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportNationalLedger } from "@/lib/exports/national-ledger";
import { mergeImport, undoImport, uploadAndProcess } from "@/lib/imports/commands";
import { waitForBatch } from "@/lib/imports/queries";
import { maskIdNumber } from "@/lib/members/id-number";
import { DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { DEMO_GENERATOR_COUNTY, generateNationalRows, nationalWorkbookBuffer } from "@/scripts/generate-national-workbook";
import { signInAs } from "./helpers";

const QINGGANG = DEMO_TOWNSHIPS[3];
const ZHULIN = QINGGANG.villages[3];

/** The archive of the given households, without ids and timestamps, in a stable order. */
async function archiveOf(householdNos: string[]) {
  const households = await db.household.findMany({
    where: { householdNo: { in: householdNos } },
    orderBy: { householdNo: "asc" },
    include: { members: { orderBy: { idNumber: "asc" } }, incomes: true },
  });
  return households.map(({ id: _id, createdAt: _c, updatedAt: _u, members, incomes, ...household }) => ({
    ...household,
    members: members.map(({ id: _m, householdId: _h, createdAt: _mc, updatedAt: _mu, ...member }) => member),
    incomes: incomes.map(({ id: _i, householdId: _ih, updatedAt: _iu, ...income }) => income),
  }));
}

describe("export in the national layout and the round trip", () => {
  it("an export imported into a county without those households gives the same archive", async () => {
    const county = await signInAs("county");
    const generated = generateNationalRows({
      households: 6,
      seed: 21,
      firstSequence: 7001,
      idRegion: "520108",
      county: { ...DEMO_GENERATOR_COUNTY, townships: [{ name: QINGGANG.name, villages: [ZHULIN] }] },
    });
    // A name a spreadsheet would take for a formula: it must come back as the same text.
    const other = generated.rows.find((row) => row.relation !== "户主")!;
    other.name = "=SUM(1,2)";
    const householdNos = [...new Set(generated.rows.map((row) => String(row.householdNo)))];
    const first = await uploadAndProcess(county, { file: { name: "原始.xlsx", bytes: new Uint8Array(await nationalWorkbookBuffer(generated)) } });
    expect(await waitForBatch(county, first.batchId)).toMatchObject({ issueCount: 0, householdsValid: 6 });
    await mergeImport(county, { batchId: first.batchId, mode: "ALL", incomeYear: "2022" });
    const before = await archiveOf(householdNos);
    expect(before).toHaveLength(6);

    const auditsBefore = await db.auditEvent.count({ where: { action: "ledger.export" } });
    const exported = await exportNationalLedger(county, { village: ZHULIN.code });
    expect(await db.auditEvent.count({ where: { action: "ledger.export" } })).toBe(auditsBefore + 1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const formulaCell = sheet
      .getSheetValues()
      .flat()
      .find((value) => value === "=SUM(1,2)");
    expect(formulaCell).toBe("=SUM(1,2)");
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));

    await undoImport(county, { batchId: first.batchId });
    expect(await archiveOf(householdNos)).toEqual([]);

    const second = await uploadAndProcess(county, { file: { name: "台账导出.xlsx", bytes: new Uint8Array(exported) } });
    expect(await waitForBatch(county, second.batchId)).toMatchObject({ status: "VALIDATED", issueCount: 0, householdsValid: 6, headerRow: 2 });
    await mergeImport(county, { batchId: second.batchId, mode: "ALL", incomeYear: "2022" });
    expect(await archiveOf(householdNos)).toEqual(before);
  });

  it("masks ID numbers for a role that does not see them in full, and records nothing then", async () => {
    const county = await signInAs("county");
    const leader = await signInAs("leader");
    const generated = generateNationalRows({
      households: 2,
      seed: 22,
      firstSequence: 7101,
      idRegion: "520109",
      county: { ...DEMO_GENERATOR_COUNTY, townships: [{ name: QINGGANG.name, villages: [QINGGANG.villages[2]] }] },
    });
    const batch = await uploadAndProcess(county, { file: { name: "a.xlsx", bytes: new Uint8Array(await nationalWorkbookBuffer(generated)) } });
    await waitForBatch(county, batch.batchId);
    await mergeImport(county, { batchId: batch.batchId, mode: "ALL", incomeYear: "2022" });
    const audits = await db.auditEvent.count({ where: { action: "ledger.export" } });
    const exported = await exportNationalLedger(leader, { village: QINGGANG.villages[2].code });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const values = book.worksheets[0].getSheetValues().flat().map(String);
    for (const row of generated.rows) {
      expect(values).toContain(maskIdNumber(String(row.idNumber)));
      expect(values).not.toContain(String(row.idNumber));
    }
    expect(await db.auditEvent.count({ where: { action: "ledger.export" } })).toBe(audits);
  });

  it("the county's whole ledger, read a few households at a time, lists every present member once, households in 户编号 order", async () => {
    const county = await signInAs("county");
    const exported = await exportNationalLedger(county, {}, { pageSize: 3 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const numberColumn = header.indexOf("户编号") + 1;
    const listed: string[] = [];
    for (let row = 3; row <= sheet.rowCount; row++) listed.push(String(sheet.getRow(row).getCell(numberColumn).value));
    const expected = await db.$queryRaw<{ household_no: string; people: bigint }[]>`
      SELECT h.household_no, count(m.id) AS people FROM household h JOIN member m ON m.household_id = h.id AND m.status = 'PRESENT'
       WHERE h.county_code = ${county.countyCode} AND h.status <> 'CANCELLED' GROUP BY h.household_no ORDER BY h.household_no`;
    expect(expected.length).toBeGreaterThan(6); // at least three pages
    expect(listed).toEqual(expected.flatMap((row) => Array.from({ length: Number(row.people) }, () => row.household_no)));
    expect(String(sheet.getCell(1, 1).value)).toContain(`${listed.length} 人`);
  });
});
