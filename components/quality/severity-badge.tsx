const STYLE = { ERROR: "bg-red-100 text-red-800", SUSPECT: "bg-amber-100 text-amber-800" } as const;
const LABEL = { ERROR: "错误", SUSPECT: "疑点" } as const;

/** 错误 (must be fixed) or 疑点 (must be checked). */
export function SeverityBadge({ severity }: { severity: "ERROR" | "SUSPECT" }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STYLE[severity]}`}>{LABEL[severity]}</span>;
}
