import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { buildWorkbook, type Column } from "@/lib/exports/workbook";
import { QUALITY_SEVERITY } from "./define";
import { findQualityHits, type HitRow } from "./queries";
import type { THitFilter } from "./schema";

/** At most this many hits in one file (a county has a few hundred thousand; the filters narrow it). */
export const QUALITY_EXPORT_LIMIT = 50_000;

const COLUMNS: Column<HitRow>[] = [
  { header: "严重程度", width: 8, value: (row) => QUALITY_SEVERITY[row.severity] },
  { header: "规则编号", width: 10, value: (row) => row.ruleCode },
  { header: "规则", width: 28, value: (row) => row.ruleTitle },
  { header: "乡镇", width: 10, value: (row) => row.townshipName },
  { header: "村", width: 10, value: (row) => row.villageName },
  { header: "户编号", width: 20, value: (row) => row.householdNo },
  { header: "户主", width: 10, value: (row) => row.headName },
  { header: "成员", width: 10, value: (row) => row.memberName },
  { header: "成员身份证号", width: 22, value: (row) => row.memberIdMasked },
  { header: "问题", width: 50, value: (row) => row.message },
];

/** 疑点清单 as an Excel file: the same hits, filters and scope as /quality (lib/exports/workbook.ts safe cells, ID numbers masked). */
export async function exportQualityHits(actor: Actor, filter: THitFilter): Promise<Buffer> {
  const { page } = await findQualityHits(actor, filter, { page: 1, pageSize: QUALITY_EXPORT_LIMIT });
  const cut = page.total > page.rows.length ? `，只导出前 ${page.rows.length} 条，请用筛选缩小范围` : "";
  return buildWorkbook(
    "疑点清单",
    `疑点清单（${actor.regionName}，共 ${page.totalIsAtLeast ? `${page.total} 条以上` : `${page.total} 条`}${cut}）`,
    COLUMNS,
    page.rows,
  );
}
