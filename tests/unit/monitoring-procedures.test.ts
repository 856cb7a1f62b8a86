import { describe, expect, it } from "vitest";
import type { ExitSnapshot, ExitSnapshotMember } from "@/lib/exits/household/criteria";
import { MONITORING_CHAINS, recordedSteps, type MonitoringChainState, type MonitoringCheckInput, type MonitoringSignature } from "@/lib/monitoring/chains";
import type { MonitoringStep } from "@/lib/monitoring/codes";
import {
  addMonths,
  ageInDays,
  assistanceKindCheck,
  risksWithoutMeasure,
  eliminationCriteria,
  hasNoLabour,
  incomeWarnings,
  selfApplicationOverdue,
  type EliminationCriterionCode,
  type EliminationFacts,
} from "@/lib/monitoring/rules";

const member = (overrides: Partial<ExitSnapshotMember> & Pick<ExitSnapshotMember, "id" | "name" | "birthDate">): ExitSnapshotMember => ({
  status: "PRESENT",
  schoolStatus: "NOT_IN_SCHOOL",
  schoolingExemption: "NONE",
  basicMedicalInsurance: true,
  seriousIllnessInsurance: true,
  ...overrides,
});

const snapshot = (overrides: Partial<ExitSnapshot> = {}): ExitSnapshot => ({
  assessmentYear: 2026,
  asOf: "2026-07-01",
  povertyLineFen: null,
  income: null,
  household: { foodSecure: true, clothingSecure: true, drinkingWaterSafe: true, drinkingWaterDifficult: false, housingGrade: "B" },
  completedHousingMeasures: [],
  members: [member({ id: "p1", name: "王大山", birthDate: "1975-03-02" }), member({ id: "p2", name: "李秀英", birthDate: "1978-07-15" })],
  compulsorySchoolAge: { from: 6, to: 15 },
  ...overrides,
});

/** Two people, 7 200 元 each in 2025 and 2026 against a 6 000 元 line, identified 2026-01-01, every risk resolved: every condition met on 2026-07-01. */
const facts = (overrides: Partial<EliminationFacts> = {}): EliminationFacts => ({
  today: "2026-07-01",
  identifiedOn: "2026-01-01",
  minMonths: 6,
  years: [
    { year: 2025, income: { netIncomeFen: 1_440_000, presentMembers: 2 }, lineFen: 600_000 },
    { year: 2026, income: { netIncomeFen: 1_440_000, presentMembers: 2 }, lineFen: 600_000 },
  ],
  snapshot: snapshot(),
  presentMemberSkills: ["GENERAL", "WEAK"],
  risks: [{ label: "因病", resolvedOn: "2026-05-01" }],
  ...overrides,
});

const result = (f: EliminationFacts, code: EliminationCriterionCode) => eliminationCriteria(f).find((entry) => entry.code === code)!;
const allMet = (f: EliminationFacts) => eliminationCriteria(f).every((entry) => entry.met);

describe("风险消除 conditions", () => {
  it("all met for the reference household", () => {
    expect(allMet(facts())).toBe(true);
  });

  it("income exactly at the monitoring line is not above it; one fen more is", () => {
    const at = facts({ years: [facts().years[0]!, { year: 2026, income: { netIncomeFen: 1_200_000, presentMembers: 2 }, lineFen: 600_000 }] });
    expect(result(at, "INCOME")).toMatchObject({ met: false });
    expect(result(at, "INCOME").reason).toContain("2026 年人均纯收入恰好等于监测线");
    const above = facts({ years: [facts().years[0]!, { year: 2026, income: { netIncomeFen: 1_200_001, presentMembers: 2 }, lineFen: 600_000 }] });
    expect(result(above, "INCOME").met).toBe(true);
  });

  it("income must hold in the latest year too; a year without a line or a record is not judged above", () => {
    const lastYearLow = facts({ years: [{ year: 2025, income: { netIncomeFen: 1_000_000, presentMembers: 2 }, lineFen: 600_000 }, facts().years[1]!] });
    expect(result(lastYearLow, "INCOME").reason).toContain("2025 年人均纯收入低于监测线");
    expect(result(facts({ years: [{ year: 2025, income: null, lineFen: 600_000 }, facts().years[1]!] }), "INCOME").reason).toContain("没有 2025 年的收入记录");
    expect(result(facts({ years: [facts().years[0]!, { year: 2026, income: facts().years[1]!.income, lineFen: null }] }), "INCOME").reason).toContain(
      "未设置 2026 年的监测线",
    );
  });

  it("5 months after identification is refused, 6 months is allowed (month ends clamp)", () => {
    expect(result(facts({ today: "2026-06-30" }), "DURATION")).toMatchObject({ met: false });
    expect(result(facts({ today: "2026-06-30" }), "DURATION").reason).toContain("最早可于 2026-07-01 消除");
    expect(result(facts({ today: "2026-07-01" }), "DURATION").met).toBe(true);
    expect(result(facts({ identifiedOn: null }), "DURATION").met).toBe(false);
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2026-07-01", -6)).toBe("2026-01-01");
    expect(result(facts({ minMonths: 5, today: "2026-06-01" }), "DURATION").met).toBe(true);
  });

  it("never for a household where every present member has no labour capacity, whatever else holds", () => {
    expect(hasNoLabour(["NONE", "LOST"])).toBe(true);
    expect(hasNoLabour(["NONE", "WEAK"])).toBe(false);
    expect(hasNoLabour([])).toBe(false);
    const none = facts({ presentMemberSkills: ["NONE", "LOST"] });
    expect(result(none, "LABOUR")).toMatchObject({ met: false });
    expect(result(none, "LABOUR").reason).toContain("整户无劳动力");
    expect(allMet(none)).toBe(false);
  });

  it("a member without insurance fails 基本医疗有保障 by name (the exit criterion's own wording)", () => {
    const uninsured = facts({
      snapshot: snapshot({ members: [member({ id: "p1", name: "王大山", birthDate: "1975-03-02", seriousIllnessInsurance: false })] }),
    });
    expect(result(uninsured, "MEDICAL")).toMatchObject({ met: false });
    expect(result(uninsured, "MEDICAL").reason).toBe("王大山未参加大病保险");
  });

  it("unsafe drinking water, housing and schooling come from the exit criteria functions", () => {
    const water = facts({ snapshot: snapshot({ household: { ...snapshot().household, drinkingWaterSafe: false } }) });
    expect(result(water, "FOOD_WATER").reason).toContain("饮水不安全");
    expect(result(facts({ snapshot: snapshot({ household: { ...snapshot().household, housingGrade: "D" } }) }), "HOUSING").met).toBe(false);
    const child = member({ id: "c", name: "王小明", birthDate: "2015-09-01", schoolStatus: "NOT_IN_SCHOOL" });
    expect(result(facts({ snapshot: snapshot({ members: [...snapshot().members, child] }) }), "EDUCATION").met).toBe(false);
    const outside = facts({ snapshot: null });
    expect(result(outside, "MEDICAL").reason).toContain("未建档立卡户");
  });

  it("every risk must be resolved", () => {
    const open = facts({
      risks: [
        { label: "因病", resolvedOn: "2026-05-01" },
        { label: "因学", resolvedOn: null },
      ],
    });
    expect(result(open, "RISKS").reason).toBe("风险尚未消除：因学");
    expect(result(facts({ risks: [] }), "RISKS").met).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The chains as declared on the kernel
// ---------------------------------------------------------------------------

const HASH = "a".repeat(64);
let clock = Date.parse("2026-07-01T01:00:00Z");
const entry = (step: MonitoringStep, userId: string, role: MonitoringSignature["role"]): MonitoringSignature => ({
  step,
  userId,
  role,
  contentHash: HASH,
  signedAt: new Date((clock += 60_000)).toISOString(),
  round: 1,
});
const state = (signatures: MonitoringSignature[], overrides: Partial<MonitoringChainState> = {}): MonitoringChainState => ({
  round: 1,
  status: "IN_PROGRESS",
  signatures,
  notice: null,
  consentCount: 1,
  ...overrides,
});
const check = (kind: "IDENTIFY" | "ELIMINATE", input: Partial<MonitoringCheckInput> & Pick<MonitoringCheckInput, "state" | "step" | "action" | "actor">) =>
  MONITORING_CHAINS[kind].check({ currentContentHash: HASH, criteriaMet: true, today: "2026-07-10", noticeMinDays: 5, ...input });

describe("识别纳入 and 风险消除 chains", () => {
  it("declare their steps in the policy's order; 信息比对 and 公告 are recorded by the county office", () => {
    expect(MONITORING_CHAINS.IDENTIFY.steps).toEqual([
      "VISIT",
      "DATA_CHECK",
      "DEMOCRATIC_REVIEW",
      "VILLAGE_NOTICE",
      "TOWNSHIP_REVIEW",
      "COUNTY_APPROVAL",
      "ANNOUNCE",
    ]);
    expect(MONITORING_CHAINS.ELIMINATE.steps).toEqual(["VISIT", "DEMOCRATIC_REVIEW", "VILLAGE_NOTICE", "COUNTY_APPROVAL", "ANNOUNCE"]);
    expect(MONITORING_CHAINS.ELIMINATE.label("COUNTY_APPROVAL")).toBe("县级审核批准");
    expect(recordedSteps("IDENTIFY")).toEqual(["DATA_CHECK", "ANNOUNCE"]);
  });

  it("入户核实 of 识别纳入 needs the consent scan; 风险消除 does not", () => {
    const actor = { userId: "team", role: "WORK_TEAM" as const };
    expect(check("IDENTIFY", { state: state([], { consentCount: 0 }), step: "VISIT", action: "SIGN", actor })).toMatchObject({
      ok: false,
      code: "EVIDENCE_REQUIRED",
    });
    expect(check("ELIMINATE", { state: state([], { consentCount: 0 }), step: "VISIT", action: "SIGN", actor })).toEqual({ ok: true });
    // A signed 入户核实 no longer holds once the round has no scan.
    const visited = state([entry("VISIT", "team", "WORK_TEAM")], { consentCount: 0 });
    expect(MONITORING_CHAINS.IDENTIFY.evaluate(visited, HASH).steps[0]!.state).toBe("INVALID");
  });

  it("one person signs one step; the county office may record 信息比对 and still approve", () => {
    const visited = state([entry("VISIT", "v", "VILLAGE_CADRE"), entry("DATA_CHECK", "c", "COUNTY_OFFICE")]);
    expect(check("IDENTIFY", { state: visited, step: "DEMOCRATIC_REVIEW", action: "SIGN", actor: { userId: "v", role: "VILLAGE_CADRE" } })).toMatchObject({
      code: "ALREADY_SIGNED_OTHER_STEP",
    });
    const upToCounty = state(
      [
        entry("VISIT", "t", "WORK_TEAM"),
        entry("DATA_CHECK", "c", "COUNTY_OFFICE"),
        entry("DEMOCRATIC_REVIEW", "v", "VILLAGE_CADRE"),
        entry("VILLAGE_NOTICE", "t2", "TOWNSHIP_CADRE"),
        entry("TOWNSHIP_REVIEW", "t2", "TOWNSHIP_CADRE"),
      ],
      { notice: { postedOn: "2026-07-01", closedOn: "2026-07-06", objections: [] } },
    );
    expect(check("IDENTIFY", { state: upToCounty, step: "COUNTY_APPROVAL", action: "SIGN", actor: { userId: "c", role: "COUNTY_OFFICE" } })).toEqual({
      ok: true,
    });
  });

  it("the notice closes after the configured days with every objection resolved (the exit chain's rule)", () => {
    const reviewed = [entry("VISIT", "t", "WORK_TEAM"), entry("DEMOCRATIC_REVIEW", "v", "VILLAGE_CADRE")];
    const closer = { userId: "t2", role: "TOWNSHIP_CADRE" as const };
    const posted = (postedOn: string, resolved = true) => state(reviewed, { notice: { postedOn, closedOn: null, objections: [{ resolved }] } });
    expect(check("ELIMINATE", { state: posted("2026-07-06"), step: "VILLAGE_NOTICE", action: "CLOSE_NOTICE", actor: closer })).toMatchObject({
      code: "NOTICE_TOO_SHORT",
    });
    expect(check("ELIMINATE", { state: posted("2026-07-05", false), step: "VILLAGE_NOTICE", action: "CLOSE_NOTICE", actor: closer })).toMatchObject({
      code: "OBJECTION_UNRESOLVED",
    });
    expect(check("ELIMINATE", { state: posted("2026-07-05"), step: "VILLAGE_NOTICE", action: "CLOSE_NOTICE", actor: closer })).toEqual({ ok: true });
  });

  it("the 消除 conditions stop every forward step", () => {
    const refused = check("ELIMINATE", { state: state([]), step: "VISIT", action: "SIGN", actor: { userId: "t", role: "WORK_TEAM" }, criteriaMet: false });
    expect(refused).toMatchObject({ code: "CRITERIA_NOT_MET", message: "风险消除条件尚未全部满足，不能继续风险消除程序" });
  });
});

describe("预警 rules", () => {
  const base = { year: 2026, previous: null, lineFen: 600_000, marginPermille: 500, dropPermille: 300 };
  const codes = (input: Parameters<typeof incomeWarnings>[0]) => incomeWarnings(input).map((warning) => warning.code);

  it("below the line, within the margin (exactly at the line and at the ceiling included), above it", () => {
    expect(codes({ ...base, current: { netIncomeFen: 1_199_999, presentMembers: 2 } })).toEqual(["BELOW_LINE"]);
    expect(codes({ ...base, current: { netIncomeFen: 1_200_000, presentMembers: 2 } })).toEqual(["WITHIN_MARGIN"]);
    expect(codes({ ...base, current: { netIncomeFen: 1_800_000, presentMembers: 2 } })).toEqual(["WITHIN_MARGIN"]);
    expect(codes({ ...base, current: { netIncomeFen: 1_800_001, presentMembers: 2 } })).toEqual([]);
    expect(codes({ ...base, lineFen: null, current: { netIncomeFen: 100, presentMembers: 2 } })).toEqual([]);
  });

  it("a sharp drop per person against last year, at exactly the configured share", () => {
    const previous = { netIncomeFen: 4_000_000, presentMembers: 2 };
    expect(codes({ ...base, previous, current: { netIncomeFen: 2_800_000, presentMembers: 2 } })).toEqual(["SHARP_DROP"]);
    expect(codes({ ...base, previous, current: { netIncomeFen: 2_800_001, presentMembers: 2 } })).toEqual([]);
    // Per person: one more member with the same total is a drop of a third.
    expect(codes({ ...base, previous, current: { netIncomeFen: 4_000_000, presentMembers: 3 } })).toEqual(["SHARP_DROP"]);
  });

  it("a self-application is overdue after the configured days unless acted on; age in whole days", () => {
    expect(ageInDays("2026-03-01", "2026-03-03")).toBe(2);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-03", 2, null)).toBe(false);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-04", 2, null)).toBe(true);
    expect(selfApplicationOverdue("2026-03-01", "2026-03-10", 2, "2026-03-02")).toBe(false);
  });
});

describe("risk ↔ measure fit", () => {
  it("an open risk needs a measure of a fitting category; resolved risks and county-added types", () => {
    const risks = [
      { riskType: "ILLNESS", resolvedOn: null },
      { riskType: "SCHOOLING", resolvedOn: null },
      { riskType: "HOUSING", resolvedOn: "2026-01-01" },
    ];
    expect(risksWithoutMeasure(risks, ["HEALTH"])).toEqual(["SCHOOLING"]);
    expect(risksWithoutMeasure(risks, ["EDUCATION", "SOCIAL_SECURITY"])).toEqual([]);
    expect(risksWithoutMeasure(risks, [])).toEqual(["ILLNESS", "SCHOOLING"]);
    expect(risksWithoutMeasure([{ riskType: "CCUSTOM", resolvedOn: null }], ["MOTIVATION"])).toEqual([]);
    expect(risksWithoutMeasure([{ riskType: "SCHOOLING", resolvedOn: null }], ["EDUCATION"], { SCHOOLING: ["FINANCE"] })).toEqual(["SCHOOLING"]);
  });

  it("开发式帮扶 for a household with labour, 综合保障 for one without", () => {
    expect(assistanceKindCheck(["GENERAL"], ["HEALTH"])).toMatchObject({ kind: "DEVELOPMENT", met: false });
    expect(assistanceKindCheck(["GENERAL", "NONE"], ["EMPLOYMENT"])).toMatchObject({ kind: "DEVELOPMENT", met: true });
    expect(assistanceKindCheck(["NONE", "LOST"], ["INDUSTRY"])).toMatchObject({ kind: "COMPREHENSIVE", met: false });
    expect(assistanceKindCheck(["NONE"], ["SOCIAL_SECURITY"])).toMatchObject({ kind: "COMPREHENSIVE", met: true });
  });
});
