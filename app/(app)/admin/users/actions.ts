"use server";

import { formAction } from "@/lib/commands/form-action";
import { createUser, disableUser, enableUser, resetPassword, resetTwoFactor, signOutEverywhere, updateUser } from "@/lib/users/commands";

const userPages = () => [{ layout: "/admin/users" }];

export const createUserAction = formAction(createUser, { redirect: ({ id }) => `/admin/users/${id}?created=1` });
export const updateUserAction = formAction(updateUser, { message: "已保存", revalidate: userPages });
export const disableUserAction = formAction(disableUser, { message: "已停用，该用户的会话已失效", revalidate: userPages });
export const enableUserAction = formAction(enableUser, { message: "已启用", revalidate: userPages });
export const resetPasswordAction = formAction(resetPassword, { message: "密码已重置，该用户需用新密码重新登录", revalidate: userPages });
export const signOutEverywhereAction = formAction(signOutEverywhere, { message: "该用户的所有会话已失效", revalidate: userPages });
export const resetTwoFactorAction = formAction(resetTwoFactor, { message: "两步验证已重置，该用户下次操作时须重新设置", revalidate: userPages });
