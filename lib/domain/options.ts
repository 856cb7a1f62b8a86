/** Code lists as select options, in their declared order. */
export function optionsOf(set: { codes: readonly string[]; labels: Record<string, string> }) {
  return set.codes.map((code) => ({ value: code, label: set.labels[code] }));
}
