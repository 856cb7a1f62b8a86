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
        <p className="text-sm text-slate-600">已被使用的措施不能删除，只能停用；停用后不能再新增该措施，已有记录不受影响。</p>
        {MEASURE_CATEGORY.codes.map((category) => (
          <div key={category}>
            <h3 className="mt-2 text-sm font-medium text-slate-700">{MEASURE_CATEGORY.label(category)}</h3>
            <ul className="mt-1 flex flex-wrap gap-2">
              {items
                .filter((item) => item.category === category)
                .map((item) => (
                  <li
                    key={item.id}
                    className={`flex items-center gap-2 rounded border px-2 py-1 text-sm ${item.retired ? "border-dashed text-slate-400" : "border-slate-200"}`}
                  >
                    {item.name}
                    {item.usedBy ? <span className="text-xs text-slate-500">（{item.usedBy} 项）</span> : null}
                    {item.retired ? (
                      <ActionForm action={restoreCatalogueItemAction} hidden={{ itemId: item.id, version: item.version }} label="恢复" />
                    ) : (
                      <ActionForm
                        action={retireCatalogueItemAction}
                        hidden={{ itemId: item.id, version: item.version }}
                        label="停用"
                        tone="danger"
                        confirmText={`确定停用"${item.name}"吗？`}
                      />
                    )}
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
