"use client";

import { useState } from "react";
import type { FormState } from "@/lib/action-result";
import { ROLE, type Role } from "@/lib/domain/codes";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { useFormAction } from "@/components/ui/use-form-action";
import { requiredRegionLevel, takesLeaderTownships } from "@/lib/users/rules";

type Region = { code: string; name: string; level: string; parentCode: string | null };
type Initial = { userId: string; version: number; displayName: string; role: Role; regionCode: string; phone: string | null; leaderTownships: string[] };

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  regions: Region[];
  initial?: Initial;
};

export function UserForm({ action, regions, initial }: Props) {
  const { state, pending, onSubmit, formAction } = useFormAction(action);
  const [role, setRole] = useState<Role>(initial?.role ?? "VILLAGE_CADRE");
  const level = requiredRegionLevel(role);
  const names = new Map(regions.map((region) => [region.code, region.name]));
  const choices = regions.filter((region) => region.level === level);
  const townships = regions.filter((region) => region.level === "TOWNSHIP");
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-4 sm:grid-cols-2" noValidate>
      {initial ? (
        <>
          <input type="hidden" name="userId" value={initial.userId} />
          <input type="hidden" name="version" value={initial.version} />
        </>
      ) : (
        <>
          <Field name="username" label="用户名" state={state} required hint="字母、数字、下划线，2–40 个字符">
            {(props) => <input {...props} autoCapitalize="none" maxLength={40} className={inputClass} />}
          </Field>
          <Field name="password" label="初始密码" state={state} required hint="至少 10 位，不能与用户名相同，不能是常见密码">
            {(props) => <input {...props} type="password" autoComplete="new-password" className={inputClass} />}
          </Field>
        </>
      )}
      <Field name="displayName" label="姓名" state={state} required>
        {(props) => <input {...props} defaultValue={initial?.displayName} maxLength={40} className={inputClass} />}
      </Field>
      <Field name="phone" label="手机号码" state={state}>
        {(props) => <input {...props} defaultValue={initial?.phone ?? ""} inputMode="numeric" maxLength={11} className={inputClass} />}
      </Field>
      <Field name="role" label="角色" state={state} required>
        {(props) => (
          <select {...props} value={role} onChange={(event) => setRole(event.target.value as Role)} className={inputClass}>
            {ROLE.codes.map((code) => (
              <option key={code} value={code}>
                {ROLE.label(code)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="regionCode" label="管辖范围" state={state} required>
        {(props) => (
          <select
            {...props}
            key={level}
            defaultValue={initial && requiredRegionLevel(initial.role) === level ? initial.regionCode : choices[0]?.code}
            className={inputClass}
          >
            {choices.map((region) => (
              <option key={region.code} value={region.code}>
                {region.parentCode && level === "VILLAGE" ? `${names.get(region.parentCode)} / ` : ""}
                {region.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {takesLeaderTownships(role) ? (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">包片乡镇</legend>
          <div className="flex flex-wrap gap-3">
            {townships.map((township) => (
              <label key={township.code} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="leaderTownships"
                  value={township.code}
                  defaultChecked={initial?.leaderTownships.includes(township.code)}
                  className="h-5 w-5"
                />
                {township.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="space-y-3 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pending={pending}>{initial ? "保存修改" : "创建用户"}</SubmitButton>
      </div>
    </form>
  );
}
