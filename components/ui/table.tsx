import Link from "next/link";

/**
 * The phone-table pattern (issue 14): a table keeps its key columns at every width; the other
 * columns carry `col-secondary` (hidden below 640 px) and their values are repeated in a
 * <RowDetail> under the key cell, shown only below 640 px. Names use `cell-name`, statuses
 * `badge` (app/globals.css), so neither wraps.
 */
export function RowDetail({ items }: { items: (React.ReactNode | null | undefined | false)[] }) {
  const shown = items.filter((item) => item !== null && item !== undefined && item !== false && item !== "");
  if (shown.length === 0) return null;
  return (
    <div className="row-detail">
      {shown.map((item, index) => (
        <span key={index}>
          {index > 0 ? " · " : null}
          {item}
        </span>
      ))}
    </div>
  );
}

/** A household's 户编号 as a link that is a proper tap target. */
export function HouseholdNoLink({ id, householdNo }: { id: string; householdNo: string }) {
  return (
    <Link href={`/households/${id}`} className="key-link font-mono text-xs">
      {householdNo}
    </Link>
  );
}

/**
 * The sideways-scrolling box around a wide table. Focusable and named, so a keyboard user can
 * scroll it even when its cells hold no link (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={`overflow-x-auto ${className}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
