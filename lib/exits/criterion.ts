/** What every exit criterion (household or village) evaluates to, and the helpers both use. Pure. */

export type Fact = { label: string; value: string };

export type CriterionResult<C extends string = string> = {
  code: C;
  label: string;
  met: boolean;
  reason: string;
  facts: Fact[];
};

/** 563333 → "5,633.33 元" (integer fen, no floating point). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = (abs % 100).toString().padStart(2, "0");
  return `${sign}${yuan}.${cents} 元`;
}

export function allCriteriaMet<C extends string>(results: readonly CriterionResult<C>[]): boolean {
  return results.every((r) => r.met);
}

export function failedCriteria<C extends string>(results: readonly CriterionResult<C>[]): CriterionResult<C>[] {
  return results.filter((r) => !r.met);
}

/**
 * "X未达标" for a criterion's label, without doubling the word: "收入达标" → "收入未达标",
 * "住房安全有保障" → "住房安全有保障未达标".
 */
export function notMetLabel(label: string): string {
  return `${label.endsWith("达标") ? label.slice(0, -2) : label}未达标`;
}
