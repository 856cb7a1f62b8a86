import type { Metadata } from "next";
import { HouseholdForm } from "@/components/households/household-form";
import { requirePage } from "@/lib/auth/page-guard";
import { villagesWithHelpers } from "@/lib/households/form-options";
import { createHouseholdAction } from "../actions";

export const metadata: Metadata = { title: "新建户档" };

export default async function NewHouseholdPage() {
  const actor = await requirePage("household.write");
  const villages = await villagesWithHelpers(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">新建户档</h1>
      <p className="text-sm text-slate-500">先登记户信息和户主，保存后可继续添加家庭成员、收入和佐证材料。带 * 的为必填项。</p>
      <HouseholdForm action={createHouseholdAction} villages={villages} defaults={{ identificationYear: new Date().getFullYear() }} />
    </div>
  );
}
