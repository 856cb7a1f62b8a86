"use client";

import type { FormState } from "@/lib/action-result";
import { EDUCATION_LEVEL, HEALTH, LABOUR_SKILL, RELATION, SCHOOL_STATUS, SCHOOLING_EXEMPTION, WORK_STATUS } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { CheckboxField, SelectField, TextField } from "@/components/ui/fields";

export type MemberDefaults = Partial<{
  name: string;
  idNumber: string;
  relation: string;
  ethnicity: string;
  educationLevel: string;
  schoolStatus: string;
  schoolingExemption: string;
  health: string;
  disabilityGrade: string | null;
  labourSkill: string;
  workStatus: string;
  workMonths: number | null;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  pensionInsurance: boolean;
  minimumLiving: boolean;
  extremeSupport: boolean;
}>;

/** What a new member starts with in the groups shown collapsed (docs/domain.md §2). */
const PRESETS = {
  ethnicity: "汉族",
  schoolStatus: "NOT_IN_SCHOOL",
  schoolingExemption: "NONE",
  health: "HEALTHY",
  disabilityGrade: "",
  workStatus: "NONE",
  workMonths: "",
  basicMedicalInsurance: true,
  seriousIllnessInsurance: true,
  pensionInsurance: false,
  minimumLiving: false,
  extremeSupport: false,
} as const;

const PART_FIELDS = {
  health: ["ethnicity", "schoolStatus", "schoolingExemption", "health", "disabilityGrade"],
  work: ["workStatus", "workMonths", "basicMedicalInsurance", "seriousIllnessInsurance", "pensionInsurance", "minimumLiving", "extremeSupport"],
} as const satisfies Record<string, readonly (keyof typeof PRESETS)[]>;

/** Whether a collapsed group of an existing member holds anything besides the presets (then it is shown open). */
export function memberPartHasValues(defaults: MemberDefaults, part: keyof typeof PART_FIELDS): boolean {
  return PART_FIELDS[part].some((field) => {
    const value = defaults[field];
    if (value === undefined) return false;
    return String(value ?? "") !== String(PRESETS[field]);
  });
}

/**
 * The member fields (docs/domain.md §2); `prefix` nests them ("head.name") inside a larger form.
 * `part` renders one group of them, so a form can show the fields to fill in first ("main") and
 * fold the pre-filled ones ("health": 民族、就学、健康; "work": 务工与社会保障); "all" is every field.
 */
export function MemberFields({
  state,
  prefix = "",
  defaults = {},
  withRelation = true,
  part = "all",
}: {
  state: FormState<unknown>;
  prefix?: string;
  defaults?: MemberDefaults;
  withRelation?: boolean;
  part?: "all" | "main" | "health" | "work";
}) {
  const n = (field: string) => `${prefix}${field}`;
  const show = (group: "main" | "health" | "work") => part === "all" || part === group;
  return (
    <>
      {show("main") ? (
        <>
          <TextField name={n("name")} label="姓名" state={state} required defaultValue={defaults.name} maxLength={40} autoComplete="off" />
          <TextField
            name={n("idNumber")}
            label="身份证号码"
            state={state}
            required
            defaultValue={defaults.idNumber}
            maxLength={18}
            pattern="[0-9]{17}[0-9Xx]"
            autoCapitalize="characters"
            hint="18 位，末位可能是 X；性别和出生日期由号码自动得出"
          />
          {withRelation ? (
            <SelectField
              name={n("relation")}
              label="与户主关系"
              state={state}
              required
              options={optionsOf(RELATION).filter((option) => option.value !== "HEAD" || defaults.relation === "HEAD")}
              defaultValue={defaults.relation}
              placeholder="请选择"
            />
          ) : null}
          <SelectField
            name={n("educationLevel")}
            label="文化程度"
            state={state}
            required
            options={optionsOf(EDUCATION_LEVEL)}
            defaultValue={defaults.educationLevel}
            placeholder="请选择"
          />
          <SelectField
            name={n("labourSkill")}
            label="劳动技能"
            state={state}
            required
            options={optionsOf(LABOUR_SKILL)}
            defaultValue={defaults.labourSkill}
            placeholder="请选择"
          />
        </>
      ) : null}
      {show("health") ? (
        <>
          <TextField name={n("ethnicity")} label="民族" state={state} defaultValue={defaults.ethnicity ?? PRESETS.ethnicity} maxLength={20} />
          <SelectField
            name={n("schoolStatus")}
            label="在校生状况"
            state={state}
            required
            options={optionsOf(SCHOOL_STATUS)}
            defaultValue={defaults.schoolStatus ?? PRESETS.schoolStatus}
          />
          <SelectField
            name={n("schoolingExemption")}
            label="义务教育阶段未在校原因"
            state={state}
            options={optionsOf(SCHOOLING_EXEMPTION)}
            defaultValue={defaults.schoolingExemption ?? PRESETS.schoolingExemption}
            hint="仅适用于适龄未在校且有送教上门或因病休学证明的儿童"
          />
          <SelectField
            name={n("health")}
            label="健康状况"
            state={state}
            required
            options={optionsOf(HEALTH)}
            defaultValue={defaults.health ?? PRESETS.health}
          />
          <TextField name={n("disabilityGrade")} label="残疾等级" state={state} defaultValue={defaults.disabilityGrade} maxLength={10} hint="如：二级" />
        </>
      ) : null}
      {show("work") ? (
        <>
          <SelectField
            name={n("workStatus")}
            label="务工状况"
            state={state}
            options={optionsOf(WORK_STATUS)}
            defaultValue={defaults.workStatus ?? PRESETS.workStatus}
          />
          <TextField
            name={n("workMonths")}
            label="务工时间（月）"
            state={state}
            defaultValue={defaults.workMonths}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={2}
          />
          <div className="grid grid-cols-1 gap-x-4 sm:col-span-2 sm:grid-cols-2">
            <CheckboxField
              name={n("basicMedicalInsurance")}
              label="参加城乡居民基本医疗保险"
              defaultChecked={defaults.basicMedicalInsurance ?? PRESETS.basicMedicalInsurance}
            />
            <CheckboxField
              name={n("seriousIllnessInsurance")}
              label="参加大病保险"
              defaultChecked={defaults.seriousIllnessInsurance ?? PRESETS.seriousIllnessInsurance}
            />
            <CheckboxField name={n("pensionInsurance")} label="参加城乡居民基本养老保险" defaultChecked={defaults.pensionInsurance} />
            <CheckboxField name={n("minimumLiving")} label="享受低保" defaultChecked={defaults.minimumLiving} />
            <CheckboxField name={n("extremeSupport")} label="享受特困供养" defaultChecked={defaults.extremeSupport} />
          </div>
        </>
      ) : null}
    </>
  );
}
