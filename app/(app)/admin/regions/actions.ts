"use server";

import { formAction } from "@/lib/commands/form-action";
import { createRegion, mergeVillages, moveRegion, renameRegion, retireRegion } from "@/lib/regions/commands";
import { importRegionTree } from "@/lib/regions/import-tree";
import { createVillageGroup, moveVillageGroup, renameVillageGroup, retireVillageGroup } from "@/lib/regions/village-groups";

const regionPages = () => [{ layout: "/" }];

export const createRegionAction = formAction(createRegion, { message: "已新建", revalidate: regionPages });
export const renameRegionAction = formAction(renameRegion, { message: "已更名", revalidate: regionPages });
export const moveRegionAction = formAction(moveRegion, { revalidate: regionPages });
export const retireRegionAction = formAction(retireRegion, { message: "已撤销该村", revalidate: regionPages });
export const mergeVillagesAction = formAction(mergeVillages, {
  message: "已合并",
  revalidate: regionPages,
});
export const importRegionTreeAction = formAction(importRegionTree, { files: { one: ["file"] }, revalidate: regionPages });
export const createVillageGroupAction = formAction(createVillageGroup, { message: "已新建自然村/组", revalidate: regionPages });
export const renameVillageGroupAction = formAction(renameVillageGroup, { message: "已更名", revalidate: regionPages });
export const moveVillageGroupAction = formAction(moveVillageGroup, { revalidate: regionPages });
export const retireVillageGroupAction = formAction(retireVillageGroup, { message: "已撤销该自然村/组", revalidate: regionPages });
