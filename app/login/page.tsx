import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { SIGN_IN_MESSAGES, type SignInFailureCode } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const initialError = params.code ? (SIGN_IN_MESSAGES[params.code as SignInFailureCode] ?? SIGN_IN_MESSAGES.INVALID_CREDENTIALS) : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-center text-xl font-semibold text-brand-800">精准扶贫业务系统</h1>
        <p className="mb-6 mt-1 text-center text-sm text-slate-500">一户一档 · 帮扶措施 · 脱贫退出核验</p>
        <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
        {env().TWO_FACTOR_MODE === "optional" ? (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid="two-factor-demo-note">
            演示环境：系统管理员、县扶贫办、督查账号未强制两步验证；正式部署必须启用。
          </p>
        ) : null}
      </div>
    </main>
  );
}
