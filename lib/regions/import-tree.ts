import "server-only";
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { defineCommand } from "@/lib/commands/define-command";
import { AppError } from "@/lib/errors";
import { planTreeImport, type TreeIssue, type PlannedRegion } from "@/lib/regions/tree-import-rules";
import { readTreeSheet } from "@/lib/regions/tree-sheet";
import { ZImportRegionTree } from "@/lib/regions/schema";

export const TREE_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** An .xlsx is a ZIP container: its first bytes, whatever the file is called. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export type TreeImportResult = {
  mode: "preview" | "apply";
  fileName: string;
  rows: number;
  creates: PlannedRegion[];
  unchanged: number;
  errors: TreeIssue[];
  applied: boolean;
};

const fileError = (message: string) => new AppError("VALIDATION", message, { file: [message] });

/**
 * The region tree from a spreadsheet (columns by name: 代码, 名称, 级别, 上级代码). `preview` checks every row and writes
 * nothing; `apply` checks again inside the transaction (the county's regions locked) and creates every new township and
 * village, or — with one error anywhere — nothing. Each region created gets its audit row, the import one more.
 */
export const importRegionTree = defineCommand({
  permission: "region.manage",
  input: ZImportRegionTree,
  async run({ actor, input, tx }): Promise<TreeImportResult> {
    const file = input.file;
    if (!file || file.bytes.byteLength === 0) throw fileError("请选择要导入的 Excel 文件（.xlsx）");
    if (file.bytes.byteLength > TREE_FILE_MAX_BYTES) throw fileError("文件超过 5 MB");
    if (!ZIP_SIGNATURE.every((byte, index) => file.bytes[index] === byte)) throw fileError("该文件不是 Excel 工作簿（.xlsx）；旧版 .xls 请先另存为 .xlsx");
    const sheet = await readTreeSheet(file.bytes);
    if (!sheet.ok) throw fileError(sheet.message);

    // Two imports (or an import and a hand edit) of one county run one after the other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`region-tree:${actor.countyCode}`}))`;
    const existing = await tx.region.findMany({
      where: { countyCode: actor.countyCode },
      select: { code: true, name: true, level: true, parentCode: true, retiredAt: true },
    });
    const plan = planTreeImport(
      sheet.rows,
      actor.countyCode,
      existing.map(({ retiredAt, ...region }) => ({ ...region, retired: retiredAt !== null })),
    );
    const result = { mode: input.mode, fileName: file.name, rows: sheet.rows.length, ...plan, applied: false };
    if (input.mode === "preview" || plan.errors.length > 0 || plan.creates.length === 0) return result;

    const nextOrder = new Map<string, number>();
    const maxima = await tx.region.groupBy({ by: ["parentCode"], where: { countyCode: actor.countyCode }, _max: { sortOrder: true } });
    for (const row of maxima) if (row.parentCode) nextOrder.set(row.parentCode, (row._max.sortOrder ?? -1) + 1);
    for (const region of plan.creates) {
      const sortOrder = nextOrder.get(region.parentCode) ?? 0;
      nextOrder.set(region.parentCode, sortOrder + 1);
      await tx.region.create({
        data: {
          code: region.code,
          name: region.name,
          level: region.level,
          parentCode: region.parentCode,
          countyCode: actor.countyCode,
          townshipCode: region.level === "TOWNSHIP" ? region.code : region.parentCode,
          sortOrder,
        },
      });
      await recordAudit(tx, actor, {
        action: "region.create",
        entityType: "Region",
        entityId: region.code,
        countyCode: actor.countyCode,
        after: { code: region.code, name: region.name, level: region.level, parentCode: region.parentCode, sortOrder },
      });
    }
    await recordAudit(tx, actor, {
      action: "region.import",
      entityType: "Region",
      entityId: `${actor.countyCode}000000`,
      countyCode: actor.countyCode,
      after: {
        fileName: file.name,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        townships: plan.creates.filter((region) => region.level === "TOWNSHIP").length,
        villages: plan.creates.filter((region) => region.level === "VILLAGE").length,
        unchanged: plan.unchanged,
      },
    });
    return { ...result, applied: true };
  },
});
