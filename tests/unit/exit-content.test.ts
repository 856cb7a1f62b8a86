import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/codes";
import { assessmentDate, buildExitContent, type HouseholdExitData } from "@/lib/exits/household/content";
import { daysBetween, offeredActionLabel, offeredActions, stepActorsLabel, waitsForActor } from "@/lib/exits/household/presentation";
import { evaluateChain, type ChainActor, type ChainState } from "@/lib/exits/household/rules";
import { VERIFICATION_ALPHABET, generateVerificationCode, normaliseVerificationCode } from "@/lib/exits/household/verification-code";
import { buildVillageContent } from "@/lib/exits/village/content";
import { shortHash } from "@/lib/sign-off/content-hash";

function household(overrides: Partial<HouseholdExitData> = {}): HouseholdExitData {
  return {
    household: {
      id: "h1",
      householdNo: "5226981002010001",
      address: "杨柳村1组",
      attribute: "GENERAL",
      primaryCause: "ILLNESS",
      otherCauses: [],
      foodSecure: true,
      clothingSecure: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: false,
      housingGrade: "B",
    },
    members: [
      {
        id: "m2",
        name: "户主",
        idNumber: "522698197001010011",
        relation: "HEAD",
        gender: "MALE",
        birthDate: "1970-01-01",
        status: "PRESENT",
        schoolStatus: "NOT_IN_SCHOOL",
        schoolingExemption: "NONE",
        health: "HEALTHY",
        basicMedicalInsurance: true,
        seriousIllnessInsurance: true,
      },
      {
        id: "m1",
        name: "之子",
        idNumber: "522698201209010013",
        relation: "SON",
        gender: "MALE",
        birthDate: "2012-09-01",
        status: "PRESENT",
        schoolStatus: "PRIMARY",
        schoolingExemption: "NONE",
        health: "HEALTHY",
        basicMedicalInsurance: true,
        seriousIllnessInsurance: true,
      },
    ],
    incomes: [
      {
        year: 2020,
        wageFen: 1_000_000,
        businessIncomeFen: 0,
        businessExpenseFen: 0,
        propertyFen: 0,
        minimumLivingFen: 0,
        extremePovertySupportFen: 0,
        pensionFen: 0,
        familyPlanningFen: 0,
        ecologicalCompensationFen: 0,
        otherTransferFen: 0,
      },
    ],
    completedHousingMeasures: [],
    evidence: [{ id: "a1", category: "住房照片", sha256: "f".repeat(64) }],
    ...overrides,
  };
}

const OPTIONS = { assessmentYear: 2020, povertyLineFen: 400_000, compulsorySchoolAge: { from: 6, to: 15 }, today: "2026-11-24" };

describe("the content of a household exit sheet", () => {
  it("evaluates the six criteria and the income of the assessment year", () => {
    const content = buildExitContent(household(), OPTIONS);
    expect(content.allMet).toBe(true);
    expect(content.criteria.map((criterion) => criterion.code)).toEqual(["INCOME", "FOOD", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING"]);
    expect(content.income?.result.perCapitaFen).toBe(500_000);
    expect(content.income?.presentMembers).toBe(2);
    expect(content.snapshot.asOf).toBe("2020-12-31");
  });

  it("is not met without an income record of the year or without a line", () => {
    expect(buildExitContent(household({ incomes: [] }), OPTIONS).criteria[0]).toMatchObject({ met: false, reason: "该户没有2020年度的收入记录" });
    expect(buildExitContent(household(), { ...OPTIONS, povertyLineFen: null }).allMet).toBe(false);
  });

  it("counts grade D housing as met only with a completed 危房改造", () => {
    const grade = (housingGrade: string) => ({ ...household().household, housingGrade });
    expect(buildExitContent(household({ household: grade("D") }), OPTIONS).allMet).toBe(false);
    const fixed = buildExitContent(
      household({ household: grade("D"), completedHousingMeasures: [{ id: "x", item: "危房改造", completedOn: "2020-09-30" }] }),
      OPTIONS,
    );
    expect(fixed.criteria[5]).toMatchObject({ met: true, reason: "住房安全等级为D级（整栋危房），已完成危房改造" });
  });

  it("gives the same hash for the same data in any order, and a new one when a member changes", () => {
    const base = buildExitContent(household(), OPTIONS).hash;
    const reordered = household();
    reordered.members.reverse();
    expect(buildExitContent(reordered, OPTIONS).hash).toBe(base);
    const renamed = household();
    renamed.members[0] = { ...renamed.members[0], name: "改名" };
    expect(buildExitContent(renamed, OPTIONS).hash).not.toBe(base);
    const moreEvidence = household({ evidence: [...household().evidence, { id: "a2", category: "收入证明", sha256: "e".repeat(64) }] });
    expect(buildExitContent(moreEvidence, OPTIONS).hash).not.toBe(base);
    expect(shortHash(base)).toMatch(/^[0-9A-F]{12}$/);
  });

  it("counts ages at the end of a past assessment year, or today within it", () => {
    expect(assessmentDate(2020, "2026-11-24")).toBe("2020-12-31");
    expect(assessmentDate(2026, "2026-11-24")).toBe("2026-11-24");
  });
});

describe("verification codes", () => {
  it("are 8 characters without look-alikes", () => {
    const code = generateVerificationCode();
    expect(code).toHaveLength(8);
    expect([...code].every((ch) => VERIFICATION_ALPHABET.includes(ch))).toBe(true);
    expect(VERIFICATION_ALPHABET).not.toMatch(/[01ILO]/);
    expect(generateVerificationCode(() => 0)).toBe("22222222");
  });

  it("are read back from what a user types", () => {
    expect(normaliseVerificationCode(" k5va-3pzy ")).toBe("K5VA3PZY");
    expect(normaliseVerificationCode("K5VA3PZ0")).toBeNull();
    expect(normaliseVerificationCode("K5VA")).toBeNull();
  });
});

describe("what a sheet offers an actor", () => {
  const HASH = "a".repeat(64);
  const actor = (role: Role, userId = `u-${role}`, assigned = false): ChainActor => ({ userId, role, coversHousehold: true, isAssignedHelper: assigned });
  const sig = (step: Parameters<typeof evaluateChain>[0]["signatures"][number]["step"], who: ChainActor, minute: number) => ({
    step,
    userId: who.userId,
    role: who.role,
    contentHash: HASH,
    signedAt: new Date(Date.UTC(2026, 10, 10, 0, minute)).toISOString(),
    round: 1,
  });
  const offer = (state: ChainState, who: ChainActor, criteriaMet = true, today = "2026-11-24") =>
    offeredActions({ state, evaluation: evaluateChain(state, HASH), currentContentHash: HASH, actor: who, criteriaMet, today, noticeMinDays: 7 });

  it("offers the review to the village cadre and nothing to the work team yet", () => {
    const state: ChainState = { round: 1, status: "IN_PROGRESS", signatures: [sig("PROPOSE", actor("HELPER"), 0)], notice: null, consentEvidenceCount: 0 };
    const cadre = offer(state, actor("VILLAGE_CADRE"));
    expect(cadre).toMatchObject({ step: "DEMOCRATIC_REVIEW", sign: true, reject: true });
    expect(waitsForActor(cadre)).toBe(true);
    expect(offeredActionLabel(cadre)).toBe("签署");
    expect(waitsForActor(offer(state, actor("WORK_TEAM")))).toBe(false);
    expect(offer(state, actor("VILLAGE_CADRE"), false)).toMatchObject({ sign: false, blocked: "该户两不愁三保障尚未全部达标，不能继续退出程序" });
  });

  it("says why the proposer may not sign the next step, and when the notice may close", () => {
    const cadre = actor("VILLAGE_CADRE");
    const proposed: ChainState = { round: 1, status: "IN_PROGRESS", signatures: [sig("PROPOSE", cadre, 0)], notice: null, consentEvidenceCount: 0 };
    expect(offer(proposed, cadre).blocked).toContain("同一人只能签署一个环节");

    const team = actor("WORK_TEAM");
    const atNotice: ChainState = {
      round: 1,
      status: "IN_PROGRESS",
      signatures: [
        sig("PROPOSE", actor("HELPER"), 0),
        sig("DEMOCRATIC_REVIEW", cadre, 1),
        sig("WORK_TEAM_VERIFY", team, 2),
        sig("HOUSEHOLD_CONSENT", cadre, 3),
      ],
      notice: { postedOn: "2026-11-20", closedOn: null, objections: [{ resolved: false }] },
      consentEvidenceCount: 1,
    };
    const town = offer(atNotice, actor("TOWNSHIP_CADRE"));
    expect(town.closeNotice).toEqual({ earliest: "2026-11-27", closable: false, unresolved: 1 });
    expect(offeredActionLabel(town)).toBe("公示中");
    expect(town.manageObjections).toBe(true);
    expect(offer(atNotice, actor("HELPER", "u-helper", true))).toMatchObject({ manageObjections: false, closeNotice: null, startNotice: false });
  });

  it("counts calendar days and names who acts on a step", () => {
    expect(daysBetween("2026-11-16", "2026-11-24")).toBe(8);
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(stepActorsLabel("PUBLIC_NOTICE")).toBe("村干部、驻村工作队、乡镇干部");
    expect(stepActorsLabel("COUNTY_APPROVAL")).toBe("县扶贫办");
  });
});

describe("the content of a village exit sheet", () => {
  const conditions = {
    collectiveIncomeFen: 12_000_000,
    collectiveIncomeTargetFen: 10_000_000,
    hardenedRoad: true,
    powerSupply: true,
    safeWater: true,
    clinicFourRooms: true,
    qualifiedDoctor: true,
    cultureVenue: true,
    broadband: true,
  };
  const input = {
    villageCode: "522698100201",
    assessmentYear: 2020,
    remainingPoorPeople: 1,
    ruralPopulation: 100,
    thresholdPermille: 20,
    conditions,
    evidence: [],
  };

  it("is met below the threshold and changes with the remaining poor people", () => {
    const content = buildVillageContent(input);
    expect(content.allMet).toBe(true);
    expect(content.incidence?.display).toBe("1.00%");
    expect(buildVillageContent({ ...input, remainingPoorPeople: 2 }).allMet).toBe(false);
    expect(buildVillageContent({ ...input, remainingPoorPeople: 2 }).hash).not.toBe(content.hash);
    expect(buildVillageContent({ ...input, ruralPopulation: null }).incidence).toBeNull();
  });
});
