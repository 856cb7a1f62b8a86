import type { Metadata } from "next";
import { UserForm } from "@/components/users/user-form";
import { requirePage } from "@/lib/auth/page-guard";
import { listRegionsInScope } from "@/lib/regions/queries";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "新建用户" };

export default async function NewUserPage() {
  const actor = await requirePage("user.manage");
  const regions = await listRegionsInScope(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">新建用户</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <UserForm action={createUserAction} regions={regions} />
      </div>
    </div>
  );
}
