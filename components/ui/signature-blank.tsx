/** A place on paper for a handwritten signature and its date, under the signer's title. */
export function SignatureBlank({ title, lineClass = "border-black" }: { title: string; lineClass?: string }) {
  return (
    <div className="space-y-2">
      <div className="flex items-end gap-1">
        <span className="whitespace-nowrap">{title}：</span>
        <span className={`h-6 flex-1 border-b ${lineClass}`} />
      </div>
      <div className="flex items-end gap-1">
        <span className="whitespace-nowrap">日期：</span>
        <span className={`h-5 flex-1 border-b ${lineClass}`} />
      </div>
    </div>
  );
}
