import { inputClass } from "@/components/ui/styles";
import { SEARCH_MAX_LENGTH } from "@/lib/search";

/** The `q` box of a list's filter form, limited like the server (lib/search.ts); shows why a search was refused. */
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
      <input
        name="q"
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-label={label}
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
