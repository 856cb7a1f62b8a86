"use client";

export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="min-h-10 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">
      {label}
    </button>
  );
}
