/** A titled block of the dashboard; `wide` spans both columns on large screens. Never split across printed pages. */
export function Section({
  title,
  id,
  children,
  wide = false,
  actions,
}: {
  title: string;
  id: string;
  children: React.ReactNode;
  wide?: boolean;
  actions?: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`break-inside-avoid rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:rounded-none print:border-slate-400 print:shadow-none ${wide ? "lg:col-span-2" : ""}`}
      data-testid={`section-${id}`}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-800">
          {title}
        </h2>
        {actions ? <div className="no-print flex gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a phone (the only horizontal scroll on the page); cells take their look from `.dash-table` (app/globals.css), numbers add `num`. */
export function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="-mx-4 overflow-x-auto px-4 print:mx-0 print:overflow-visible print:px-0">
      <table className="dash-table min-w-full text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}

export function ExportLink({ href }: { href: string }) {
  return (
    <a href={href} className="rounded-md border border-slate-300 px-3 py-1 text-xs text-slate-700 hover:border-brand-600">
      导出 Excel
    </a>
  );
}
