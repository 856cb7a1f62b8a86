import type { Metadata } from "next";
import Link from "next/link";
import { RegionImportForm } from "@/components/regions/region-import-form";
import { requirePage } from "@/lib/auth/page-guard";
import { importRegionTreeAction } from "../actions";

export const metadata: Metadata = { title: "从表格导入区划" };

export default async function RegionImportPage() {
  await requirePage("region.manage");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">从表格导入区划</h1>
        <p className="text-sm text-slate-600">
          第一张工作表中须有“代码”“名称”“级别”“上级代码”四列（按列名识别，顺序不限，表头上方可有标题行）。级别填“乡镇”或“村”；代码为 12 位统计用区划代码。
          先预览：逐行检查，有一处错误就不导入任何区划；系统中已有且名称、上级相同的行跳过。
        </p>
        <p className="mt-2 flex flex-wrap gap-4 text-sm">
          <a className="text-brand-700 underline" href="/admin/regions/export">
            下载本县现有区划表（可作模板）
          </a>
          <Link className="text-brand-700 underline" href="/admin/regions">
            返回区划管理
          </Link>
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <RegionImportForm action={importRegionTreeAction} />
      </div>
    </div>
  );
}
