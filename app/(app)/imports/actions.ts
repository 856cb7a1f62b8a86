"use server";

import { formAction } from "@/lib/commands/form-action";
import { chooseExistingUpdate, mergeImport, undoImport, uploadAndProcess } from "@/lib/imports/commands";

// Every page address comes from the batch id the command returned, never from the posted form.
export const uploadImportAction = formAction(uploadAndProcess, { files: { one: ["file"] }, redirect: (result) => `/imports/${result.batchId}` });
export const mergeImportAction = formAction(mergeImport, {
  message: "导入已完成",
  revalidate: (result) => [`/imports/${result.batchId}`, "/imports"],
});
export const undoImportAction = formAction(undoImport, {
  message: "已撤销本批次导入",
  revalidate: (result) => [`/imports/${result.batchId}`, "/imports"],
});
export const chooseExistingImportAction = formAction(chooseExistingUpdate, {
  message: "已保存该户的选择",
  revalidate: (result) => [`/imports/${result.batchId}`],
});
