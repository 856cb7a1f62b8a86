"use server";

import { formAction } from "@/lib/commands/form-action";
import { createHousehold } from "@/lib/households/create-household";
import { updateHousehold } from "@/lib/households/update-household";
import { addMember, updateMember } from "@/lib/members/commands";

// The edits kept offline are sent from whatever page the user is on when the connection returns
// (lib/offline/send.ts): the same commands as the forms' actions, but answering instead of redirecting, so a
// background send never moves the user to another page.
const householdPage = ({ householdId }: { householdId: string }) => [`/households/${householdId}`];

export const updateMemberDraftAction = formAction(updateMember, { message: "成员信息已保存", revalidate: householdPage });
export const updateHouseholdDraftAction = formAction(updateHousehold, { nested: true, message: "户基本信息已保存", revalidate: householdPage });
// A new member kept offline carries its form's idempotency key: sent twice, it is added once.
export const addMemberDraftAction = formAction(addMember, { message: "成员已添加", revalidate: householdPage });
// A new household kept offline: its form's key (kept on the head member) makes a second send find the first household.
export const createHouseholdDraftAction = formAction(createHousehold, { nested: true, message: "户档已建立", revalidate: () => ["/households"] });
