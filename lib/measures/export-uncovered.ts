import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { POVERTY_CAUSE, type PovertyCause } from "@/lib/domain/codes";
import { buildWorkbook, type Column } from "@/lib/exports/workbook";
import { findUncoveredHouseholds, type TUncoveredFilter, type UncoveredRow } from "@/lib/measures/find-uncovered";

const COLUMNS: Column<UncoveredRow>[] = [
  { header: "户编号", width: 20, value: (row) => row.householdNo },
  { header: "乡镇", width: 10, value: (row) => row.townshipName },
  { header: "村", width: 10, value: (row) => row.villageName },
  { header: "户主", width: 10, value: (row) => row.headName },
  { header: "户主身份证号", width: 22, value: (row) => row.headIdMasked },
  { header: "住址", width: 30, value: (row) => row.address },
  { header: "帮扶责任人", width: 10, value: (row) => row.helperName },
  { header: "未覆盖的致贫原因", width: 30, value: (row) => row.uncoveredCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、") },
  { header: "未覆盖原因数", width: 12, value: (row) => row.uncoveredCauses.length },
];

/** 施策不精准清单 as an Excel file, ID numbers masked, in the actor's scope. */
export async function exportUncovered(actor: Actor, filter: TUncoveredFilter): Promise<Buffer> {
  const { page, summary } = await findUncoveredHouseholds(actor, filter, "all");
  return buildWorkbook(
    "施策不精准清单",
    `施策不精准清单（${actor.regionName}，共 ${summary.households} 户、${summary.causes} 项原因未覆盖）`,
    COLUMNS,
    page.rows,
  );
}
