"use client";

import type { FormState } from "@/lib/action-result";
import { MemberFields, memberPartHasValues, type MemberDefaults } from "@/components/households/member-fields";
import { Section, SelectField, TextField } from "@/components/ui/fields";
import { RELATION } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { ErrorSummary, FieldScope, FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { DraftBanner } from "@/components/offline/draft-banner";
import { OfflineNotice } from "@/components/offline/offline-notice";
import { useOfflineFormAction } from "@/components/offline/use-offline-form";

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  householdId: string;
  member?: { id: string; version: number } & MemberDefaults;
};

export function MemberForm({ action, householdId, member }: Props) {
  // Savable with no signal (lib/offline): an edit with the version it was based on; a new member with the form's
  // idempotency key, so a send repeated after a lost answer adds the member once.
  const { state, pending, onSubmit, formAction, offlineNotice, formProps, savedDraft } = useOfflineFormAction(action, {
    kind: member ? "member" : "newMember",
    formKey: member ? `member:${member.id}` : `member-new:${householdId}`,
    title: (formData) => `成员 ${String(formData.get("name") ?? "")}`,
  });
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate aria-label={member ? "成员信息" : "添加家庭成员"} {...formProps}>
      <ErrorSummary state={state} />
      <DraftBanner saved={savedDraft} />
      <input type="hidden" name="householdId" value={householdId} />
      {member ? (
        <>
          <input type="hidden" name="memberId" value={member.id} />
          <input type="hidden" name="version" value={member.version} />
        </>
      ) : null}
      <Section title="基本信息">
        <MemberFields state={state} defaults={member} part="main" />
        {member ? null : <TextField name="joinedOn" label="加入本户日期（新增人口时填写）" state={state} type="date" />}
      </Section>
      <Section title="民族、就学与健康" optional open={memberPartHasValues(member ?? {}, "health")} note="已预填，可修改">
        <MemberFields state={state} defaults={member} part="health" />
      </Section>
      <Section title="务工与社会保障" optional open={memberPartHasValues(member ?? {}, "work")} note="已预填，可修改">
        <MemberFields state={state} defaults={member} part="work" />
      </Section>
      <div className="space-y-2">
        <OtherFieldNotes />
        <FormMessage state={state} />
        <OfflineNotice text={offlineNotice} />
        <SubmitButton pending={pending}>{member ? "保存成员信息" : "添加成员"}</SubmitButton>
      </div>
    </form>
  );
}

export function EndMembershipForm({ action, householdId, member }: Props & { member: { id: string; version: number; name?: string } }) {
  const { state, onSubmit, formAction } = useFormAction(action, null, `确定办理 ${member.name ?? "该成员"} 的减少吗？此人将不再计入在户人口（档案保留）。`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-3" noValidate>
      <FieldScope id="end">
        <input type="hidden" name="householdId" value={householdId} />
        <input type="hidden" name="memberId" value={member.id} />
        <input type="hidden" name="version" value={member.version} />
        <fieldset className="flex items-center gap-4 text-sm">
          <legend className="sr-only">减少原因</legend>
          <label className="flex min-h-11 items-center gap-1">
            <input type="radio" name="status" value="DECEASED" className="h-5 w-5" /> 死亡
          </label>
          <label className="flex min-h-11 items-center gap-1">
            <input type="radio" name="status" value="MOVED_OUT" className="h-5 w-5" /> 迁出
          </label>
        </fieldset>
        <TextField name="statusDate" label="日期" state={state} type="date" />
        <div className="space-y-2 sm:col-span-3">
          <FormMessage state={state} />
          <button type="submit" className="min-h-11 rounded-md border border-red-300 bg-white px-4 text-sm font-medium text-red-700 hover:bg-red-50">
            办理减少
          </button>
        </div>
      </FieldScope>
    </form>
  );
}

export function ChangeHeadForm({ action, householdId, member }: Props & { member: { id: string; version: number; name?: string } }) {
  const { state, pending, onSubmit, formAction } = useFormAction(action, null, `确定把 ${member.name ?? "该成员"} 设为户主吗？`);
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-3" noValidate>
      <FieldScope id="head">
        <input type="hidden" name="householdId" value={householdId} />
        <input type="hidden" name="memberId" value={member.id} />
        <input type="hidden" name="version" value={member.version} />
        <SelectField
          name="formerHeadRelation"
          label="原户主改为新户主的"
          state={state}
          options={optionsOf(RELATION).filter((option) => option.value !== "HEAD")}
          placeholder="请选择"
        />
        <SubmitButton pending={pending}>设为户主</SubmitButton>
        <div className="sm:col-span-3">
          <FormMessage state={state} />
        </div>
      </FieldScope>
    </form>
  );
}
