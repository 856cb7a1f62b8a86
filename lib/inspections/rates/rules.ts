/**
 * Which sampled households count where in 三率一度 (lib/inspections/rates.ts computes the rates from these counts).
 * One definition serves the rates page and its drill-down lists, so every number equals the length of its list. Pure.
 */
import type { SampleKind, Satisfaction } from "@/lib/domain/codes";

export const RATE_MEASURES = ["wrongExit", "missed", "approval"] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];
export const RATE_PARTS = ["numerator", "denominator"] as const;
export type RatePart = (typeof RATE_PARTS)[number];

export const RATE_MEASURE_LABEL: Record<RateMeasure, string> = { wrongExit: "错退率", missed: "漏评率", approval: "群众认可度" };

/** What each list holds, in words. */
export const RATE_PART_LABEL: Record<RateMeasure, Record<RatePart, string>> = {
  wrongExit: { numerator: "核查认定错退的抽查已脱贫户", denominator: "见到农户并核查了退出标准的抽查已脱贫户" },
  missed: { numerator: "核查认定漏评（应纳未纳）的抽查未建档户", denominator: "见到农户并核查了是否应纳入的抽查未建档户" },
  approval: { numerator: "回答“满意”或“基本满意”的受访户", denominator: "回答了群众认可度的受访户（含不满意、不了解）" },
};

export type CheckFacts = {
  atHome: boolean;
  meetsStandard: boolean | null;
  shouldRegister: boolean | null;
  satisfaction: Satisfaction | string | null;
};

const APPROVING: readonly string[] = ["SATISFIED", "BASICALLY_SATISFIED"];

/** Whether a sampled household (its kind and its field check, if any) belongs to a measure's numerator or denominator. */
export function countsIn(measure: RateMeasure, part: RatePart, pick: { kind: SampleKind | string; check: CheckFacts | null }): boolean {
  const check = pick.check;
  if (!check || !check.atHome) return false;
  switch (measure) {
    case "wrongExit":
      if (pick.kind !== "EXITED" || check.meetsStandard === null) return false;
      return part === "denominator" || check.meetsStandard === false;
    case "missed":
      if (pick.kind !== "LISTED" || check.shouldRegister === null) return false;
      return part === "denominator" || check.shouldRegister === true;
    case "approval":
      if (check.satisfaction === null) return false;
      return part === "denominator" || APPROVING.includes(check.satisfaction);
  }
}

/** The answers of 群众认可度 among the picks, for approvalRate. */
export function satisfactionCounts(picks: readonly { check: CheckFacts | null }[]) {
  const counts = { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unknown: 0 };
  for (const { check } of picks) {
    if (!check?.atHome) continue;
    if (check.satisfaction === "SATISFIED") counts.satisfied++;
    else if (check.satisfaction === "BASICALLY_SATISFIED") counts.basicallySatisfied++;
    else if (check.satisfaction === "DISSATISFIED") counts.dissatisfied++;
    else if (check.satisfaction === "UNKNOWN") counts.unknown++;
  }
  return counts;
}
