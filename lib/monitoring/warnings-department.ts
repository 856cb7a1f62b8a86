import "server-only";
import ExcelJS from "exceljs";
import { recordAudit } from "@/lib/audit/record";
import { householdScopeWhere } from "@/lib/auth/scope";
import { defineCommand } from "@/lib/commands/define-command";
import { fromDateString, todayString } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { cellText, rowCells } from "@/lib/imports/cells";
import { spreadsheetFileProblem } from "@/lib/imports/file-type";
import { maskIdNumber } from "@/lib/members/id-number";
import { departmentRows, warningSourceLabel } from "@/lib/monitoring/warnings-rules";
import { ZDepartmentListInput } from "@/lib/monitoring/warnings-schema";

/** A department's list is a few hundred rows at most; 5 MiB is ample. */
const LIST_MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5_000;

async function readSheet(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("VALIDATION", "无法读取该 Excel 文件，请检查后重新上传", { file: ["无法读取该 Excel 文件，请检查后重新上传"] });
  }
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    rows[rowNumber - 1] = rowCells(row.values).map(cellText);
  });
  return Array.from(rows, (row) => row ?? []);
}

/**
 * 部门筛查预警 (county office): a department's .xlsx list (身份证号码, 说明) matched by ID number to a member of a
 * household in scope; each matched row becomes one OPEN 预警 DEPARTMENT_<kind> of that household (a household named
 * twice in the list gets one). Rows matched to nobody are returned to the user (ID masked) and not stored.
 */
export const uploadDepartmentList = defineCommand({
  permission: "monitoring.manage",
  input: ZDepartmentListInput,
  async run({ actor, input, tx }) {
    const problem = spreadsheetFileProblem(input.file.bytes, LIST_MAX_BYTES);
    if (problem) throw new AppError("VALIDATION", problem, { file: [problem] });
    const parsed = departmentRows(await readSheet(input.file.bytes));
    if (!parsed.ok) throw new AppError("VALIDATION", parsed.message, { file: [parsed.message] });
    if (parsed.rows.length > MAX_ROWS) {
      throw new AppError("VALIDATION", `名单不能超过 ${MAX_ROWS} 行`, { file: [`名单不能超过 ${MAX_ROWS} 行`] });
    }
    const ids = [...new Set(parsed.rows.map((row) => row.idNumber).filter(Boolean))];
    const members = await tx.member.findMany({
      where: { idNumber: { in: ids }, household: householdScopeWhere(actor) },
      select: { idNumber: true, household: { select: { id: true, countyCode: true, townshipCode: true, villageCode: true } } },
    });
    const byId = new Map(members.map((member) => [member.idNumber, member.household]));
    const source = `DEPARTMENT_${input.department}`;
    const raisedOn = todayString();
    const done = new Set<string>();
    const unmatched: { rowNumber: number; idNumber: string }[] = [];
    let created = 0;
    for (const row of parsed.rows) {
      const household = byId.get(row.idNumber);
      if (!household) {
        unmatched.push({ rowNumber: row.rowNumber, idNumber: row.idNumber ? maskIdNumber(row.idNumber) : "（空）" });
        continue;
      }
      if (done.has(household.id)) continue;
      done.add(household.id);
      const reason = `${warningSourceLabel(source)}：${row.note || "未写说明"}`.slice(0, 300);
      const warning = await tx.monitoringWarning.create({
        data: {
          countyCode: household.countyCode,
          townshipCode: household.townshipCode,
          villageCode: household.villageCode,
          householdId: household.id,
          source,
          reason,
          raisedOn: fromDateString(raisedOn),
          raisedById: actor.userId,
        },
      });
      await recordAudit(tx, actor, {
        action: "monitoringWarning.raise",
        entityType: "MonitoringWarning",
        entityId: warning.id,
        countyCode: household.countyCode,
        after: { householdId: household.id, source: warningSourceLabel(source), reason, raisedOn },
      });
      created += 1;
    }
    return { created, unmatched };
  },
});
