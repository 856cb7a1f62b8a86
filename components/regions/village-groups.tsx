"use client";

import type { FormState } from "@/lib/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { RegionTextField } from "@/components/regions/region-forms";
import { useFormAction } from "@/components/ui/use-form-action";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
type Group = { id: string; name: string; version: number; retired: boolean; households: number };
export type VillageGroupActions = { create: Action; rename: Action; move: Action; retire: Action };

function CreateGroupForm({ action, villageCode, villageName }: { action: Action; villageCode: string; villageName: string }) {
  const { state, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label={`在${villageName}新建自然村/组`}>
      <input type="hidden" name="villageCode" value={villageCode} />
      <RegionTextField name="name" label="新自然村/组名称" state={state} maxLength={20} hint="如：3组、大寨" className="min-w-40 flex-1" />
      <SubmitButton className="min-h-11">新建自然村/组</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

function RenameGroupForm({ action, group }: { action: Action; group: Group }) {
  const { state, onSubmit, formAction } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label={`更名：${group.name}`}>
      <input type="hidden" name="id" value={group.id} />
      <input type="hidden" name="version" value={group.version} />
      <RegionTextField name="name" label="新名称" state={state} defaultValue={group.name} maxLength={20} className="min-w-32 flex-1" />
      <SubmitButton className="min-h-11">保存名称</SubmitButton>
      <div className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/**
 * A village's 自然村/组 list: add, rename, reorder, retire. Without a list the household form keeps free text; with one,
 * the form offers the groups in use. Retired groups stay listed for the households that still name them.
 */
export function VillageGroupsEditor({
  villageCode,
  villageName,
  groups,
  actions,
}: {
  villageCode: string;
  villageName: string;
  groups: Group[];
  actions: VillageGroupActions;
}) {
  const active = groups.filter((group) => !group.retired);
  return (
    <details className="group">
      <summary className="inline-flex min-h-11 cursor-pointer items-center whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:border-brand-600">
        自然村/组（{active.length}）
      </summary>
      <div className="mt-2 min-w-72 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
        {groups.length === 0 ? (
          <p className="text-sm text-slate-600">{villageName}还没有自然村/组清单，户档中的“村民小组”按自由填写。</p>
        ) : (
          <ul className="space-y-2">
            {groups.map((group) => {
              const index = active.findIndex((candidate) => candidate.id === group.id);
              return (
                <li key={group.id} className="rounded-md border border-slate-200 bg-white p-2">
                  <p className="text-sm">
                    <span className="font-medium">{group.name}</span>
                    <span className="ml-2 text-slate-500">
                      {group.households} 户{group.retired ? " · 已撤销（已有户保留，新建不可选）" : ""}
                    </span>
                  </p>
                  {group.retired ? null : (
                    <div className="mt-2 space-y-2">
                      <RenameGroupForm action={actions.rename} group={group} />
                      <div className="flex flex-wrap gap-2">
                        {index > 0 ? (
                          <ActionForm action={actions.move} hidden={{ id: group.id, version: group.version, direction: "up" }} label="上移" />
                        ) : null}
                        {index < active.length - 1 ? (
                          <ActionForm action={actions.move} hidden={{ id: group.id, version: group.version, direction: "down" }} label="下移" />
                        ) : null}
                        <ActionForm
                          action={actions.retire}
                          hidden={{ id: group.id, version: group.version }}
                          label="撤销"
                          tone="danger"
                          confirmText={`确定撤销“${group.name}”吗？已填该组的 ${group.households} 户保留原值，新建和修改户档时不再可选。`}
                        />
                      </div>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <CreateGroupForm action={actions.create} villageCode={villageCode} villageName={villageName} />
      </div>
    </details>
  );
}
