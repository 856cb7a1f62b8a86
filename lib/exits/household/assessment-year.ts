/**
 * The assessment years the 入户核验 page offers and the one it opens on (docs/domain.md §6).
 * Income can only be judged against a poverty line, so the page opens on the latest year that
 * has one rather than on the calendar year (which in January has no line yet and would show
 * every household's income as 未达标).
 */
export const FIRST_ASSESSMENT_YEAR = 2013;

export function assessmentYears({
  currentYear,
  incomeYears,
  lineYears,
  requested,
}: {
  currentYear: number;
  incomeYears: readonly number[];
  lineYears: readonly number[];
  /** The year asked for in the address, as typed; ignored unless it is one of the offered years. */
  requested?: string | null;
}): { years: number[]; year: number; latestLineYear: number | null } {
  const years = [...new Set([currentYear, ...incomeYears, ...lineYears])]
    .filter((year) => Number.isInteger(year) && year >= FIRST_ASSESSMENT_YEAR && year <= currentYear)
    .sort((a, b) => b - a);
  const lined = years.filter((year) => lineYears.includes(year));
  const latestLineYear = lined[0] ?? null;
  const asked = requested && /^\d{4}$/.test(requested.trim()) ? Number(requested.trim()) : NaN;
  const year = years.includes(asked) ? asked : (latestLineYear ?? currentYear);
  return { years, year, latestLineYear };
}
