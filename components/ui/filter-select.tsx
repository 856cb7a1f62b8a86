import { inputClass } from "@/components/ui/styles";
import type { RegionNode } from "@/lib/regions/queries";

/** A list filter with its own visible <label>: "all" first, then the options; the current value comes from the URL. */
export function FilterSelect({
  name,
  label,
  allLabel,
  options,
  value,
}: {
  name: string;
  label: string;
  allLabel: string;
  options: { value: string; label: string }[];
  value?: string;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={`filter-${name}`} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * 乡镇 and 村 filters limited to the actor's regions; a filter with a single choice is left
 * out, and a county-wide user picks the township before its villages are offered.
 */
export function RegionFilters({ regions, township, village }: { regions: RegionNode[]; township?: string; village?: string }) {
  const townships = regions.filter((region) => region.level === "TOWNSHIP");
  const villages =
    townships.length > 1 && !township ? [] : regions.filter((region) => region.level === "VILLAGE" && (!township || region.townshipCode === township));
  const asOptions = (list: RegionNode[]) => list.map((region) => ({ value: region.code, label: region.name }));
  return (
    <>
      {townships.length > 1 ? <FilterSelect name="township" label="乡镇" allLabel="全部乡镇" options={asOptions(townships)} value={township} /> : null}
      {villages.length > 1 ? <FilterSelect name="village" label="村" allLabel="全部村" options={asOptions(villages)} value={village} /> : null}
    </>
  );
}

/** Any other filter control (a year box, a sort order) under the same visible <label> as FilterSelect. */
export function FilterField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block min-w-0">
      <span className="mb-1 block text-xs font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}
