import type { Metadata } from "next";
import { AddItemForm, FitMatrixForm } from "@/components/measures/catalogue-forms";
import { ActionForm } from "@/components/ui/action-form";
import { requirePage } from "@/lib/auth/page-guard";
import { MEASURE_CATEGORY } from "@/lib/domain/codes";
import { listCatalogue } from "@/lib/measures/catalogue";
import { addCatalogueItemAction, restoreCatalogueItemAction, retireCatalogueItemAction, saveFitMatrixAction } from "./actions";

export const metadata: Metadata = { title: "措施目录" };

export default async function CataloguePage() {
  await requirePage("catalogue.manage");
  const { items, fits } = await listCatalogue();
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">措施目录与匹配表</h1>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">措施目录</h2>
        <p className="text-sm text-slate-600">已被使用的措施不能删除，只能停用；停用后不能再新增该措施，已有记录不受影响。点措施右侧的“⋯”停用或恢复。</p>
        {MEASURE_CATEGORY.codes.map((category) => (
          <div key={category}>
            <h3 className="mt-2 text-sm font-medium text-slate-700">{MEASURE_CATEGORY.label(category)}</h3>
            <ul className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid={`catalogue-${category}`}>
              {items
                .filter((item) => item.category === category)
                .map((item) => (
                  <li
                    key={item.id}
                    data-testid="catalogue-item"
                    className={`flex min-h-11 items-start justify-between gap-2 rounded-md border px-3 py-1 text-sm ${item.retired ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200"}`}
                  >
                    <span className="min-w-0 py-2">
                      <span className={item.retired ? "text-slate-600 line-through" : "text-slate-900"}>{item.name}</span>
                      {item.usedBy ? <span className="ml-1 whitespace-nowrap text-xs text-slate-600">（{item.usedBy} 项）</span> : null}
                      {item.retired ? <span className="badge ml-1 bg-slate-200 text-slate-700">已停用</span> : null}
                    </span>
                    {/* The state change sits behind a compact menu, so the list is not a column of red buttons. */}
                    <details className="group relative shrink-0">
                      <summary
                        className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
                        aria-label={`管理“${item.name}”`}
                      >
                        <span aria-hidden="true" className="text-lg leading-none">
                          ⋯
                        </span>
                      </summary>
                      <div className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
                        {item.retired ? (
                          <ActionForm action={restoreCatalogueItemAction} hidden={{ itemId: item.id, version: item.version }} label="恢复使用">
                            <p className="text-xs text-slate-600">恢复后可再新增该措施。</p>
                          </ActionForm>
                        ) : (
                          <ActionForm
                            action={retireCatalogueItemAction}
                            hidden={{ itemId: item.id, version: item.version }}
                            label="停用"
                            tone="danger"
                            confirmText={`确定停用"${item.name}"吗？`}
                          >
                            <p className="text-xs text-slate-600">停用后不能再新增该措施，已有记录不受影响。</p>
                          </ActionForm>
                        )}
                      </div>
                    </details>
                  </li>
                ))}
            </ul>
          </div>
        ))}
        <div className="border-t border-slate-200 pt-3">
          <AddItemForm action={addCatalogueItemAction} />
        </div>
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">致贫原因 ↔ 措施类别 匹配表</h2>
        <p className="text-sm text-slate-600">勾选表示该类别的措施可以解决该致贫原因。新增或修改措施时按此表检查；施策不精准清单也按此表计算。</p>
        <FitMatrixForm action={saveFitMatrixAction} pairs={fits} />
      </section>
    </div>
  );
}
