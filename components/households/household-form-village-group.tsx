"use client";

import { useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { SelectField, TextField } from "@/components/ui/fields";

type Village = { code: string; groups?: { name: string; retired: boolean }[] };

/**
 * The household's 自然村/组 (posted as household.villageGroup): a select of the village's groups in use when the village
 * has a list (an edit keeps the household's own value even if its group was retired since), free text when it has none.
 * On create it follows the 所属村 select of the same form.
 */
export function VillageGroupField({
  name,
  state,
  villages,
  fixedVillage,
  defaultValue,
}: {
  name: string;
  state: FormState<unknown>;
  villages: Village[];
  fixedVillage?: string;
  defaultValue?: string | null;
}) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [villageCode, setVillageCode] = useState(fixedVillage ?? (villages.length === 1 ? villages[0].code : ""));
  useEffect(() => {
    if (fixedVillage) return;
    const select = anchor.current?.closest("form")?.elements.namedItem("villageCode");
    if (!(select instanceof HTMLSelectElement)) return;
    const follow = () => setVillageCode(select.value);
    follow();
    select.addEventListener("change", follow);
    return () => select.removeEventListener("change", follow);
  }, [fixedVillage]);
  const groups = villages.find((village) => village.code === villageCode)?.groups ?? [];
  const choices = groups.filter((group) => !group.retired || group.name === defaultValue).map((group) => group.name);
  return (
    <>
      <span ref={anchor} hidden />
      {groups.length ? (
        <SelectField
          key={`list-${villageCode}`}
          name={name}
          label="自然村/组"
          state={state}
          options={choices.map((choice) => ({ value: choice, label: choice }))}
          placeholder="（不填）"
          defaultValue={defaultValue && choices.includes(defaultValue) ? defaultValue : ""}
          hint="本村的自然村/组清单（区划管理中维护）"
        />
      ) : (
        <TextField key="free" name={name} label="村民小组" state={state} defaultValue={defaultValue} maxLength={20} hint="如：3组" />
      )}
    </>
  );
}
