"use client";

import type { FormState } from "@/lib/action-result";
import { FUEL_TYPE, HOUSEHOLD_ATTRIBUTE, HOUSING_GRADE, IDENTIFICATION_STANDARD, POVERTY_CAUSE, ROAD_TYPE } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { CheckboxField, CheckboxGroup, Section, SelectField, TextField } from "@/components/ui/fields";
import { ErrorSummary, FormMessage, OtherFieldNotes, SubmitButton } from "@/components/ui/form";
import { MemberFields } from "@/components/households/member-fields";
import { OfflineNotice } from "@/components/offline/offline-notice";
import { useOfflineFormAction } from "@/components/offline/use-offline-form";
import { DraftBanner } from "@/components/offline/draft-banner";
import { VillageGroupField } from "@/components/households/household-form-village-group";

export type HouseholdDefaults = Partial<{
  villageGroup: string | null;
  address: string;
  phone: string | null;
  attribute: string;
  identificationStandard: string;
  identificationYear: number;
  primaryCause: string;
  otherCauses: string[];
  helperId: string;
  farmlandMu: string;
  forestMu: string;
  hasElectricity: boolean;
  hasBroadcastTv: boolean;
  drinkingWaterSafe: boolean;
  drinkingWaterDifficult: boolean;
  distanceToRoadKm: string;
  roadType: string;
  housingAreaM2: string;
  housingGrade: string;
  hasSanitaryToilet: boolean;
  fuelType: string;
  inCooperative: boolean;
  foodSecure: boolean;
  clothingSecure: boolean;
}>;

type Props = {
  action: (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
  /** Create: the villages to choose from, with each village's 帮扶责任人. Edit: the household's own. */
  villages: { code: string; label: string; helpers: { id: string; name: string }[]; groups?: { name: string; retired: boolean }[] }[];
  defaults?: HouseholdDefaults;
  edit?: { householdId: string; version: number; villageCode: string };
};

/** What a new household starts with in the groups shown collapsed; an edit opens a group that holds anything else. */
const CONDITION_PRESETS = {
  farmlandMu: "0",
  forestMu: "0",
  distanceToRoadKm: "0",
  roadType: "HARDENED",
  fuelType: "FIREWOOD",
  hasElectricity: true,
  hasBroadcastTv: true,
  inCooperative: false,
  foodSecure: true,
  clothingSecure: true,
} as const;

function conditionsHaveValues(defaults: HouseholdDefaults): boolean {
  return (Object.keys(CONDITION_PRESETS) as (keyof typeof CONDITION_PRESETS)[]).some((field) => {
    const value = defaults[field];
    if (value === undefined || value === null) return false;
    return typeof value === "boolean"
      ? value !== CONDITION_PRESETS[field]
      : Number(value) !== Number(CONDITION_PRESETS[field]) && String(value) !== CONDITION_PRESETS[field];
  });
}

/**
 * 户档 (docs/domain.md §1, §20): the fields to fill in come first (基本信息, 户主, 住房与饮水), the
 * groups with sensible presets are folded (其他致贫原因, 户主其他信息, 生产生活条件). Field names
 * and the posted form are those the command has always read.
 */
export function HouseholdForm({ action, villages, defaults = {}, edit }: Props) {
  // Savable with no signal (lib/offline): an edit with the version it was based on; a new household with the form's
  // idempotency key, so a send repeated after a lost answer creates it once.
  const { state, pending, onSubmit, formAction, offlineNotice, formProps, savedDraft } = useOfflineFormAction(action, {
    kind: edit ? "household" : "newHousehold",
    formKey: edit ? `household:${edit.householdId}` : "household-new",
    title: (formData) => (edit ? `住址 ${String(formData.get("household.address") ?? "")}` : `户主 ${String(formData.get("head.name") ?? "")}`),
  });
  const h = (field: string) => `household.${field}`;
  const helpers = edit
    ? (villages.find((village) => village.code === edit.villageCode)?.helpers ?? [])
    : villages.flatMap((village) => village.helpers.map((helper) => ({ ...helper, label: `${helper.name}（${village.label}）` })));
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate aria-label={edit ? "户信息" : "新建户档"} {...formProps}>
      <ErrorSummary state={state} />
      <DraftBanner saved={savedDraft} />
      {edit ? (
        <>
          <input type="hidden" name="householdId" value={edit.householdId} />
          <input type="hidden" name="version" value={edit.version} />
        </>
      ) : null}
      <Section title="基本信息">
        {edit ? null : (
          <SelectField
            name="villageCode"
            label="所属村"
            state={state}
            required
            options={villages.map((village) => ({ value: village.code, label: village.label }))}
            placeholder={villages.length > 1 ? "请选择" : undefined}
            defaultValue={villages.length === 1 ? villages[0].code : undefined}
          />
        )}
        <VillageGroupField name={h("villageGroup")} state={state} villages={villages} fixedVillage={edit?.villageCode} defaultValue={defaults.villageGroup} />
        <TextField name={h("address")} label="住址" state={state} required defaultValue={defaults.address} maxLength={120} className="sm:col-span-2" />
        <TextField name={h("phone")} label="联系电话" state={state} defaultValue={defaults.phone} type="tel" maxLength={13} />
        <SelectField
          name={h("attribute")}
          label="贫困户属性"
          state={state}
          required
          options={optionsOf(HOUSEHOLD_ATTRIBUTE)}
          defaultValue={defaults.attribute}
          placeholder="请选择"
        />
        <SelectField
          name={h("identificationStandard")}
          label="识别标准"
          state={state}
          required
          options={optionsOf(IDENTIFICATION_STANDARD)}
          defaultValue={defaults.identificationStandard ?? "NATIONAL"}
        />
        <TextField
          name={h("identificationYear")}
          label="识别年度"
          state={state}
          required
          defaultValue={defaults.identificationYear}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
        />
        <SelectField
          name={h("helperId")}
          label="帮扶责任人"
          state={state}
          required
          options={helpers.map((helper) => ({ value: helper.id, label: "label" in helper ? String(helper.label) : helper.name }))}
          defaultValue={defaults.helperId}
          placeholder="请选择"
        />
        <SelectField
          name={h("primaryCause")}
          label="主要致贫原因"
          state={state}
          required
          options={optionsOf(POVERTY_CAUSE)}
          defaultValue={defaults.primaryCause}
          placeholder="请选择"
        />
      </Section>
      {edit ? null : (
        <>
          <Section title="户主">
            <MemberFields state={state} prefix="head." withRelation={false} part="main" />
          </Section>
          <Section title="户主其他信息" optional note="民族、就学、健康、务工与社会保障；已预填，可修改">
            <MemberFields state={state} prefix="head." withRelation={false} part="health" />
            <MemberFields state={state} prefix="head." withRelation={false} part="work" />
          </Section>
        </>
      )}
      <Section title="住房与饮水">
        <SelectField
          name={h("housingGrade")}
          label="住房安全等级"
          state={state}
          required
          options={optionsOf(HOUSING_GRADE)}
          defaultValue={defaults.housingGrade}
          placeholder="请选择"
        />
        <TextField name={h("housingAreaM2")} label="住房面积（㎡）" state={state} defaultValue={defaults.housingAreaM2 ?? "0"} inputMode="decimal" />
        <div className="grid grid-cols-1 gap-x-4 sm:col-span-2 sm:grid-cols-2">
          <CheckboxField name={h("drinkingWaterSafe")} label="饮水安全" defaultChecked={defaults.drinkingWaterSafe ?? true} />
          <CheckboxField name={h("drinkingWaterDifficult")} label="饮水困难" defaultChecked={defaults.drinkingWaterDifficult ?? false} />
          <CheckboxField name={h("hasSanitaryToilet")} label="有卫生厕所" defaultChecked={defaults.hasSanitaryToilet} />
        </div>
      </Section>
      <Section
        title="其他致贫原因"
        optional
        open={Boolean(defaults.otherCauses?.length)}
        note={defaults.otherCauses?.length ? `已选 ${defaults.otherCauses.length} 项` : "选填，可多选"}
      >
        <CheckboxGroup name={h("otherCauses")} legend="其他致贫原因（可多选）" options={optionsOf(POVERTY_CAUSE)} defaultValues={defaults.otherCauses} />
      </Section>
      <Section title="生产生活条件" optional open={conditionsHaveValues(defaults)} note="耕地、林地、道路、燃料、用电、吃穿；已预填，可修改">
        <TextField name={h("farmlandMu")} label="耕地面积（亩）" state={state} defaultValue={defaults.farmlandMu ?? "0"} inputMode="decimal" />
        <TextField name={h("forestMu")} label="林地面积（亩）" state={state} defaultValue={defaults.forestMu ?? "0"} inputMode="decimal" />
        <TextField
          name={h("distanceToRoadKm")}
          label="与村主干路距离（公里）"
          state={state}
          defaultValue={defaults.distanceToRoadKm ?? "0"}
          inputMode="decimal"
        />
        <SelectField
          name={h("roadType")}
          label="入户路类型"
          state={state}
          required
          options={optionsOf(ROAD_TYPE)}
          defaultValue={defaults.roadType ?? "HARDENED"}
        />
        <SelectField
          name={h("fuelType")}
          label="主要燃料类型"
          state={state}
          required
          options={optionsOf(FUEL_TYPE)}
          defaultValue={defaults.fuelType ?? "FIREWOOD"}
        />
        <div className="grid grid-cols-1 gap-x-4 sm:col-span-2 sm:grid-cols-2">
          <CheckboxField name={h("hasElectricity")} label="通生活用电" defaultChecked={defaults.hasElectricity ?? true} />
          <CheckboxField name={h("hasBroadcastTv")} label="通广播电视" defaultChecked={defaults.hasBroadcastTv ?? true} />
          <CheckboxField name={h("inCooperative")} label="加入农民专业合作社" defaultChecked={defaults.inCooperative} />
          <CheckboxField name={h("foodSecure")} label="不愁吃（口粮有保障）" defaultChecked={defaults.foodSecure ?? true} />
          <CheckboxField name={h("clothingSecure")} label="不愁穿（四季衣被有保障）" defaultChecked={defaults.clothingSecure ?? true} />
        </div>
      </Section>
      <div className="sticky bottom-0 space-y-2 border-t border-slate-200 bg-slate-50/95 py-3">
        <OtherFieldNotes />
        <FormMessage state={state} />
        <OfflineNotice text={offlineNotice} />
        <SubmitButton pending={pending}>{edit ? "保存修改" : "建档"}</SubmitButton>
      </div>
    </form>
  );
}
