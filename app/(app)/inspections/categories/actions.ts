"use server";

import { formAction } from "@/lib/commands/form-action";
import { addFindingCategory, moveFindingCategory, renameFindingCategory, setFindingCategoryRetired } from "@/lib/inspections/findings/categories";

const categoryPages = () => [{ layout: "/inspections" }];

export const addFindingCategoryAction = formAction(addFindingCategory, { message: "已新增类别", revalidate: categoryPages });
export const renameFindingCategoryAction = formAction(renameFindingCategory, { message: "名称已修改", revalidate: categoryPages });
export const moveFindingCategoryAction = formAction(moveFindingCategory, { message: "顺序已调整", revalidate: categoryPages });
export const setFindingCategoryRetiredAction = formAction(setFindingCategoryRetired, { message: "已保存", revalidate: categoryPages });
