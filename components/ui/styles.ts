// Class names shared by server and client components. A plain module on purpose: a value
// exported from a "use client" module is only a client reference on the server
// (tests/unit/client-boundary.test.ts).

export const inputClass =
  "block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500 disabled:bg-slate-100";
