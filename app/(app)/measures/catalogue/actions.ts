"use server";

import { formAction } from "@/lib/commands/form-action";
import { addCatalogueItem, restoreCatalogueItem, retireCatalogueItem, saveFitMatrix } from "@/lib/measures/catalogue";

const cataloguePage = () => ["/measures/catalogue"];

export const addCatalogueItemAction = formAction(addCatalogueItem, { message: "已添加", revalidate: cataloguePage });
export const retireCatalogueItemAction = formAction(retireCatalogueItem, { message: "已停用", revalidate: cataloguePage });
export const restoreCatalogueItemAction = formAction(restoreCatalogueItem, { message: "已恢复", revalidate: cataloguePage });
export const saveFitMatrixAction = formAction(saveFitMatrix, { message: "匹配表已保存", revalidate: cataloguePage });
