"use client";

import type { FormState } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { RenameRegionForm } from "@/components/regions/region-forms";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** A township's or village's commands: rename, move up/down, and (villages) retire — behind one disclosure so the list stays short. */
export function RegionRowActions({
  region,
  actions,
  first,
  last,
}: {
  region: { code: string; name: string; version: number; level: string; households: number };
  actions: { rename: Action; move: Action; retire: Action };
  first: boolean;
  last: boolean;
}) {
  return (
    <details className="group">
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:border-brand-600">
        操作
      </summary>
      <div className="mt-2 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
        <RenameRegionForm action={actions.rename} code={region.code} name={region.name} version={region.version} />
        <div className="flex flex-wrap gap-2">
          {first ? null : <ActionForm action={actions.move} hidden={{ code: region.code, version: region.version, direction: "up" }} label="上移" />}
          {last ? null : <ActionForm action={actions.move} hidden={{ code: region.code, version: region.version, direction: "down" }} label="下移" />}
          {region.level === "VILLAGE" ? (
            <ActionForm
              action={actions.retire}
              hidden={{ code: region.code, version: region.version }}
              label="撤销该村"
              tone="danger"
              confirmText={`确定撤销${region.name}吗？撤销后不能再在该村建档，已有记录仍可查看。`}
            />
          ) : null}
        </div>
      </div>
    </details>
  );
}
