import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/styles";
import { UserForm } from "@/components/users/user-form";
import { requirePage } from "@/lib/auth/page-guard";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { formatDateTime } from "@/lib/dates";
import type { Role } from "@/lib/domain/codes";
import { listRegionsInScope } from "@/lib/regions/queries";
import { getUser } from "@/lib/users/queries";
import { disableUserAction, enableUserAction, resetPasswordAction, resetTwoFactorAction, signOutEverywhereAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requirePage("user.manage");
  const { id } = await params;
  const user = /^[0-9a-f-]{36}$/.test(id) ? await getUser(actor, id) : null;
  if (!user) notFound();
  const [regions, twoFactor] = await Promise.all([listRegionsInScope(actor), getTwoFactorStatus(actor, user.id)]);
  const ref = { userId: user.id, version: user.version };
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">
        {user.displayName}（{user.username}）{user.active ? null : <span className="ml-2 text-base text-red-600">已停用</span>}
      </h1>
      {(await searchParams).created ? <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">用户已创建</p> : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">基本信息、角色与管辖范围</h2>
        <UserForm
          key={user.version}
          action={updateUserAction}
          regions={regions}
          initial={{
            ...ref,
            displayName: user.displayName,
            role: user.role as Role,
            regionCode: user.regionCode,
            phone: user.phone,
            leaderTownships: user.leaderTownships.map((row) => row.townshipCode),
          }}
        />
      </section>
      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">重置密码</h2>
          <ActionForm action={resetPasswordAction} hidden={ref} label="重置密码" confirmText="确定重置该用户的密码吗？其现有会话将失效。">
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder="新密码（至少 10 位，不能是常见密码或用户名）"
              aria-label="新密码"
              className={inputClass}
            />
          </ActionForm>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">账号状态</h2>
          {user.active ? (
            <ActionForm action={disableUserAction} hidden={ref} label="停用账号" tone="danger" confirmText="确定停用该账号吗？该用户将立即无法继续使用系统。" />
          ) : (
            <ActionForm action={enableUserAction} hidden={ref} label="启用账号" tone="primary" />
          )}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">会话</h2>
          <ActionForm
            action={signOutEverywhereAction}
            hidden={{ userId: user.id }}
            label="强制下线（全部设备）"
            confirmText="确定让该用户在所有设备上退出登录吗？"
          />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="two-factor-status">
          <h2 className="mb-2 font-medium">两步验证</h2>
          <p className="mb-2 text-sm text-slate-600">
            {twoFactor.enrolledAt
              ? `已启用（${formatDateTime(twoFactor.enrolledAt)}），剩余恢复码 ${twoFactor.recoveryCodesLeft} 个`
              : twoFactor.required
                ? "未设置：该用户下次登录时须先设置"
                : "该角色不需要两步验证"}
          </p>
          {twoFactor.enrolledAt ? (
            <ActionForm
              action={resetTwoFactorAction}
              hidden={{ userId: user.id }}
              label="重置两步验证"
              tone="danger"
              confirmText="确定重置该用户的两步验证吗？其验证器和恢复码将失效，该用户须重新扫码设置后才能继续使用系统。"
            />
          ) : null}
        </div>
      </section>
    </div>
  );
}
