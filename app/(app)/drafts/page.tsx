import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DraftsView } from "@/components/offline/drafts-view";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "待上传草稿" };

/** The drafts kept on this device (they live in the browser, not in the database: components/offline/drafts-view.tsx). */
export default async function DraftsPage() {
  const actor = await requirePage();
  if (!can(actor, "visit.write") && !can(actor, "household.write")) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">待上传草稿</h1>
      <p className="text-sm text-slate-600">
        没有网络时保存的走访记录、新增和修改保存在这台设备上，联网后自动上传。可以“在表单中打开”继续修改。别人在此期间修改过同一条记录时，请在下面逐项比较后选择保留哪一份。
      </p>
      <DraftsView />
    </div>
  );
}
