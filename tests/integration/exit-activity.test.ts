import { describe, expect, it } from "vitest";
import { getExitSheet } from "@/lib/exits/household/get-exit-sheet";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { rejectSheet } from "@/lib/exits/household/reject-sheet";
import { saveIncome } from "@/lib/income/commands";
import { createTestHousehold, FIRST_VILLAGE } from "./factories";
import { signInAs } from "./helpers";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("an exit sheet's activity log", () => {
  it("is rendered from the audit definitions: labelled steps, reasons, no ids or hashes", async () => {
    const [village, helper] = await Promise.all([signInAs("village"), signInAs("helper")]);
    const { id: householdId } = await createTestHousehold(village, FIRST_VILLAGE, { household: { helperId: helper.userId } });
    await saveIncome(village, { householdId, year: "2020", version: "0", wageFen: "20000" });
    const { sheetId } = await openExitSheet(helper, { householdId, assessmentYear: "2020", opinion: "收入稳定" });
    const sheet = await getExitSheet(village, sheetId);
    await rejectSheet(village, { sheetId, version: String(sheet.sheet.version), step: "DEMOCRATIC_REVIEW", reason: "评议材料不全" });

    const { activity } = await getExitSheet(village, sheetId);
    const lines = activity.map((entry) =>
      [entry.action, entry.subject ?? "", ...entry.changes.map((change) => `${change.field}：${change.before}→${change.after}`)].join(" "),
    );
    expect(lines.some((line) => line.includes("提出") && line.includes("收入稳定"))).toBe(true);
    expect(lines.some((line) => line.includes("评议材料不全"))).toBe(true);
    for (const line of lines) {
      expect(line).not.toMatch(UUID);
      expect(line).not.toMatch(/[0-9a-f]{64}/);
      expect(line).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
