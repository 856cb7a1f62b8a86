// 疑点清单 export (issue 12 point 5): the hits of /quality with its filters and scope, as safe cells, ID numbers masked.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportQualityHits } from "@/lib/data-quality/export";
import { ZHitFilter } from "@/lib/data-quality/schema";
import { addMember } from "@/lib/members/commands";
import { createTestHousehold, memberFields, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const cells: ExcelJS.Cell[][] = [];

async function rowsOf(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const sheet = workbook.getWorksheet("疑点清单")!;
  const rows: unknown[][] = [];
  cells.length = 0;
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
    const list: ExcelJS.Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => list.push(cell));
    cells.push(list);
  });
  return rows;
}

describe("疑点清单 export", () => {
  it("lists the rule's hits in the user's scope with the member's ID masked and a formula-like name made inert; town2 gets none of them; a helper is refused", async () => {
    const [village, town2, helper] = await Promise.all([signInAs("village"), signInAs("town2"), signInAs("helper")]);
    const { id: householdId, householdNo } = await createTestHousehold(village);
    const idNumber = uniqueIdNumber(1997, "FEMALE");
    await addMember(village, { householdId, ...memberFields({ name: "=子女己", relation: "SON", idNumber }) });

    const rows = await rowsOf(await exportQualityHits(village, ZHitFilter.parse({ rule: "M-006", severity: "ERROR" })));
    expect(rows[1]).toEqual(["严重程度", "规则编号", "规则", "乡镇", "村", "户编号", "户主", "成员", "成员身份证号", "问题"]);
    const ours = rows.slice(2).filter((row) => row[5] === householdNo);
    expect(ours).toHaveLength(1);
    const nameCell = cells[rows.indexOf(ours[0])][7];
    expect(nameCell.value).toBe("=子女己"); // kept as text, never a formula
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.formula).toBeUndefined();
    expect(ours[0].slice(0, 3)).toEqual(["错误", "M-006", "与户主关系与性别不符"]);
    expect(ours[0][8]).not.toBe(idNumber);
    expect(String(ours[0][8])).toContain("*");
    expect(rows.slice(2).every((row) => row[1] === "M-006")).toBe(true);

    const elsewhere = await rowsOf(await exportQualityHits(town2, ZHitFilter.parse({ rule: "M-006" })));
    expect(elsewhere.slice(2).some((row) => row[5] === householdNo)).toBe(false);
    await expectAppError(exportQualityHits(helper, ZHitFilter.parse({})), "FORBIDDEN");
  });
});
