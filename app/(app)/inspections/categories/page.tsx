import type { Metadata } from "next";
import Link from "next/link";
import { CategoryNameForm } from "@/components/inspections/findings/category-forms";
import { ActionForm } from "@/components/ui/action-form";
import { requirePage } from "@/lib/auth/page-guard";
import { listCategoriesForManagement } from "@/lib/inspections/findings/categories";
import { addFindingCategoryAction, moveFindingCategoryAction, renameFindingCategoryAction, setFindingCategoryRetiredAction } from "./actions";

export const metadata: Metadata = { title: "督查问题类别" };

export default async function FindingCategoriesPage() {
  const actor = await requirePage("findingCategory.manage");
  const categories = await listCategoriesForManagement(actor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/inspections" className="hover:underline">
            督查工作台
          </Link>{" "}
          / 问题类别
        </p>
        <h1 className="text-xl font-semibold">督查问题类别</h1>
        <p className="mt-1 text-sm text-slate-600">
          督查人员登记问题时按此顺序选择类别。停用的类别不再供选择，已有问题仍显示原类别；“错退”“漏评”由入户核查自动使用，不能停用。
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-title">
        <h2 id="add-title" className="mb-2 font-semibold">
          新增类别
        </h2>
        <CategoryNameForm action={addFindingCategoryAction} id="new" label="新增类别名称" button="新增" />
      </section>
      <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="问题类别" data-testid="categories">
        {categories.map((category, index) => (
          <li key={category.code} className={`space-y-2 p-4 ${category.retired ? "bg-slate-50" : ""}`} data-testid={`category-${category.code}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-medium">
                {index + 1}. {category.name}
                {category.builtIn ? <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">内置</span> : null}
                {category.retired ? <span className="ml-2 rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-900">已停用</span> : null}
              </h2>
              <span className="text-xs text-slate-500">已有问题 {category.findings} 个</span>
            </div>
            <details>
              <summary className="min-h-6 cursor-pointer text-sm text-brand-700">修改名称</summary>
              <div className="mt-2">
                <CategoryNameForm
                  action={renameFindingCategoryAction}
                  id={category.code}
                  label={`修改“${category.name}”的名称`}
                  button="保存名称"
                  hidden={{ code: category.code, version: category.version }}
                  defaultValue={category.name}
                />
              </div>
            </details>
            <div className="flex flex-wrap gap-2">
              {index > 0 ? (
                <ActionForm action={moveFindingCategoryAction} hidden={{ code: category.code, version: category.version, direction: "UP" }} label="上移" />
              ) : null}
              {index < categories.length - 1 ? (
                <ActionForm action={moveFindingCategoryAction} hidden={{ code: category.code, version: category.version, direction: "DOWN" }} label="下移" />
              ) : null}
              {category.retired ? (
                <ActionForm
                  action={setFindingCategoryRetiredAction}
                  hidden={{ code: category.code, version: category.version, retired: "false" }}
                  label="恢复使用"
                />
              ) : category.builtIn ? null : (
                <ActionForm
                  action={setFindingCategoryRetiredAction}
                  hidden={{ code: category.code, version: category.version, retired: "true" }}
                  label="停用"
                  tone="danger"
                  confirmText={`确定停用“${category.name}”吗？停用后登记问题时不再提供该类别，已有问题不受影响。`}
                />
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
