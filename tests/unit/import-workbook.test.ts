import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseNationalWorkbook } from "@/lib/imports/parse";
import { checkFile, type HouseholdContext } from "@/lib/imports/rules";
import { DEMO_COUNTY, DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { generateNationalRows, nationalWorkbookBuffer } from "@/scripts/generate-national-workbook";

const CONTEXT: HouseholdContext = {
  today: new Date(2024, 5, 15),
  countyName: DEMO_COUNTY.name,
  findVillage(townshipName, villageName) {
    const township = DEMO_TOWNSHIPS.find((entry) => entry.name === townshipName);
    const village = township?.villages.find((entry) => entry.name === villageName);
    return township && village ? { townshipCode: township.code, villageCode: village.code } : null;
  },
};

async function importReport(buffer: Buffer) {
  const parsed = await parseNationalWorkbook(Readable.from(buffer), CONTEXT, { progressEvery: 10 });
  if (!parsed.ok) throw new Error(parsed.message);
  const { households, fileIssues } = checkFile(parsed.rows, CONTEXT);
  const issues = [...parsed.rows.flatMap((row) => row.issues), ...households.flatMap((household) => household.issues), ...fileIssues];
  const invalidRows = new Set(issues.map((issue) => issue.sheetRow));
  const valid = households.filter((household) => household.sheetRows.every((row) => !invalidRows.has(row)));
  return {
    parsed,
    households,
    valid,
    issues: issues.map(({ sheetRow, code }) => ({ sheetRow, code })).sort((a, b) => a.sheetRow - b.sheetRow || a.code.localeCompare(b.code)),
  };
}

describe("national workbook generator and streaming parse", () => {
  it("a clean file of valid households reads without a single issue", async () => {
    const generated = generateNationalRows({ households: 40, seed: 7 });
    const report = await importReport(await nationalWorkbookBuffer(generated));
    expect(report.issues).toEqual([]);
    expect(report.parsed.ok && report.parsed.rows).toHaveLength(generated.expected.rows);
    expect(report.households).toHaveLength(40);
    expect(report.valid).toHaveLength(40);
    // Every Chinese text survives the streaming read (characters straddling chunk boundaries included).
    const read = report.parsed.ok ? report.parsed.rows.map((row) => [row.member?.name, row.household?.village, row.household?.township]) : [];
    expect(read).toEqual(generated.rows.map((row) => [row.name, row.village, row.township]));
  });

  it("every planted error is reported at its sheet row with its code, and nothing else", async () => {
    const generated = generateNationalRows({ households: 25, seed: 3, errors: true, untidy: true });
    const buffer = await nationalWorkbookBuffer(generated, { untidy: true });
    const report = await importReport(buffer);
    expect(report.parsed.ok && report.parsed.header.headerRow).toBe(3);
    expect(report.parsed.ok && report.parsed.header.extra).toEqual(["备注"]);
    expect(report.issues).toEqual(generated.expected.issues);
    expect(new Set(generated.expected.issues.map((issue) => issue.code)).size).toBe(23);
    expect(report.households).toHaveLength(generated.expected.households);
    expect(report.valid).toHaveLength(generated.expected.validHouseholds);
    expect(report.valid.reduce((sum, household) => sum + household.members.length, 0)).toBe(generated.expected.validMembers);
    // 25 generated, one of them loses its validity to the person planted in two households; 22 planted households are grouped (the bad 户编号 one is not).
    expect(generated.expected).toMatchObject({ households: 25 + 22, validHouseholds: 24, invalidHouseholds: 23, rowsWithoutHousehold: 2 });
  });

  it("reports progress while reading", async () => {
    const generated = generateNationalRows({ households: 30, seed: 5 });
    const seen: number[] = [];
    await parseNationalWorkbook(Readable.from(await nationalWorkbookBuffer(generated)), CONTEXT, {
      progressEvery: 10,
      onProgress: ({ rowsRead }) => void seen.push(rowsRead),
    });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(generated.expected.rows + 1);
  });

  it("a file that is not a workbook is refused with a Chinese message", async () => {
    const parsed = await parseNationalWorkbook(Readable.from(Buffer.from("not a zip file at all")), CONTEXT);
    expect(parsed).toEqual({ ok: false, message: "文件无法读取：不是有效的 Excel（.xlsx）文件，或文件已损坏" });
  });
});
