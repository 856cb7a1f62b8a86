import { describe, expect, it } from "vitest";
import { OBJECTION_ROLES, SHEET_EVIDENCE_UPLOADERS, queueStageFor } from "@/lib/exits/household/rules";

describe("who does what besides the steps, derived from the household chain", () => {
  it("narrows the work queue by the first step each role moves forward", () => {
    expect(queueStageFor("HELPER")).toBe("ANY_OPEN");
    expect(queueStageFor("VILLAGE_CADRE")).toBe("ANY_OPEN");
    expect(queueStageFor("WORK_TEAM")).toBe("ANY_OPEN");
    expect(queueStageFor("TOWNSHIP_CADRE")).toBe("NOTICE_POSTED");
    expect(queueStageFor("COUNTY_OFFICE")).toBe("NOTICE_CLOSED");
    expect(queueStageFor("COUNTY_LEADER")).toBeNull();
    expect(queueStageFor("INSPECTOR")).toBeNull();
    expect(queueStageFor("ADMIN")).toBeNull();
  });

  it("lets those who post or close the notice handle objections, and those who record a step upload its evidence", () => {
    expect(OBJECTION_ROLES).toEqual(["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"]);
    expect(SHEET_EVIDENCE_UPLOADERS).toEqual({ CONSENT: ["VILLAGE_CADRE", "WORK_TEAM", "HELPER"], NOTICE_PHOTO: ["VILLAGE_CADRE", "WORK_TEAM"] });
  });
});
