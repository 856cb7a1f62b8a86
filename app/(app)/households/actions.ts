"use server";

import { uploadAttachment } from "@/lib/attachments/commands";
import { formAction } from "@/lib/commands/form-action";
import { createHousehold } from "@/lib/households/create-household";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { addMember, changeHead, endMembership, updateMember } from "@/lib/members/commands";
import { revealIdNumber } from "@/lib/members/reveal-id-number";

// Every page address comes from the household id the command returned, never from the posted form.
const householdPage = ({ householdId }: { householdId: string }) => `/households/${householdId}`;

export const createHouseholdAction = formAction(createHousehold, { nested: true, redirect: (household) => `/households/${household.id}?saved=created` });
export const updateHouseholdAction = formAction(updateHousehold, {
  nested: true,
  redirect: (result) => `${householdPage(result)}?saved=household${result.quality.length ? "&notes=household" : ""}`,
});
// A save that left 疑点数据 on what was saved names it, so that the household page lists them with the way back to the
// form, which shows them beside the fields (lib/data-quality/on-save.ts).
const memberPage = (result: { householdId: string; quality: unknown[] }, memberId: string) =>
  `${householdPage(result)}?saved=member${result.quality.length ? `&notes=${memberId}` : ""}`;
export const addMemberAction = formAction(addMember, { redirect: (result) => memberPage(result, result.id) });
export const updateMemberAction = formAction(updateMember, { redirect: (result) => memberPage(result, result.memberId) });
export const endMembershipAction = formAction(endMembership, { redirect: (result) => `${householdPage(result)}?saved=member-ended` });
export const changeHeadAction = formAction(changeHead, { redirect: (result) => `${householdPage(result)}?saved=head-changed` });
export const saveIncomeAction = formAction(saveIncome, { message: "收入已保存", revalidate: (result) => [householdPage(result)] });
export const uploadAttachmentAction = formAction(uploadAttachment, {
  files: { one: ["file"] },
  message: "已上传",
  revalidate: (result) => [householdPage(result)],
});
export const revealIdNumberAction = formAction(revealIdNumber);
