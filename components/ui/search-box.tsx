import { inputClass } from "@/components/ui/styles";
import { SEARCH_MAX_LENGTH } from "@/lib/search";

/** The `q` box of a list's filter form with its visible <label>, limited like the server (lib/search.ts); shows why a search was refused. */
export function SearchBox({
  defaultValue,
  placeholder,
  label,
  error,
  className,
}: {
  defaultValue?: string;
  placeholder: string;
  label: string;
  error?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor="search-q" className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id="search-q"
        type="search"
        name="q"
        defaultValue={defaultValue}
        placeholder={placeholder}
        maxLength={SEARCH_MAX_LENGTH}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? "search-error" : undefined}
        className={inputClass}
      />
      {error ? (
        <p id="search-error" role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
