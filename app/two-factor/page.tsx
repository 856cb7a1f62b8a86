import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { currentSessionRef, getActor } from "@/lib/auth/session";
import { getTwoFactorPage, type TwoFactorPageState } from "@/lib/auth/two-factor";
import { isAppError } from "@/lib/errors";
import { signOutAction } from "./actions";
import { EnrolForm } from "./enrol-form";
import { safeReturnPath } from "@/lib/http/return-path";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "两步验证" };
export const dynamic = "force-dynamic";

/** Outside the (app) group: the one page a session still waiting for its second factor can reach. */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const returnPath = safeReturnPath((await searchParams).callbackUrl, { never: "/two-factor" });
  const current = await currentSessionRef();
  if (!current) redirect(`/login?callbackUrl=${encodeURIComponent(returnPath)}`);
  let page: TwoFactorPageState;
  try {
    page = await getTwoFactorPage(current.ref, current.ip);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "UNAUTHENTICATED") redirect(`/login?callbackUrl=${encodeURIComponent(returnPath)}`);
    if (error.code === "FORBIDDEN") redirect(returnPath);
    return <Problem message={error.message} />;
  }
  if (page.step === "done") redirect(returnPath);
  // In the demo's optional mode an un-enrolled user is already signed in and may leave.
  const canSkip = page.step === "enrol" && (await getActor()) !== null;
  const qrSvg = page.step === "enrol" ? await QRCode.toString(page.otpauthUri, { type: "svg", margin: 1, width: 192, errorCorrectionLevel: "M" }) : "";

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div>
          <h1 className="text-xl font-semibold text-brand-800">{page.step === "enrol" ? "设置两步验证" : "两步验证"}</h1>
          <p className="mt-1 text-sm text-slate-500">
            {page.displayName}（{page.username}）
          </p>
        </div>
        {page.step === "enrol" ? (
          <>
            <p className="text-sm text-slate-700">
              系统管理员、县扶贫办和督查账号登录时，除密码外还须输入手机验证器生成的 6 位验证码。请在手机上安装验证器应用（如 Microsoft Authenticator、Google
              身份验证器、FreeOTP 或腾讯身份验证器），扫描下方二维码，然后输入它显示的验证码。
            </p>
            <div className="flex justify-center">
              <div className="h-48 w-48" role="img" aria-label="两步验证二维码" data-testid="two-factor-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
            </div>
            <div className="text-sm">
              <p className="text-slate-600">无法扫描时，在验证器中选择“手动输入密钥”，输入：</p>
              <p className="mt-1 break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-base tracking-wider" data-testid="two-factor-secret">
                {page.secret.match(/.{1,4}/g)?.join(" ")}
              </p>
              <p className="mt-1 text-xs text-slate-500">类型：基于时间（TOTP），6 位，30 秒</p>
            </div>
            <EnrolForm returnPath={returnPath} />
            {canSkip ? (
              <p className="text-center text-sm">
                <Link href={returnPath} className="text-brand-700 underline">
                  暂不设置，返回系统
                </Link>
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">请打开手机上的验证器应用，输入本系统当前显示的 6 位验证码。</p>
            <VerifyForm returnPath={returnPath} />
            <p className="text-xs text-slate-500">验证器和恢复码都无法使用时，请联系系统管理员重置两步验证。</p>
          </>
        )}
        <form action={signOutAction} className="border-t border-slate-100 pt-4 text-center">
          <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
            退出登录
          </button>
        </form>
      </div>
    </main>
  );
}

function Problem({ message }: { message: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold text-brand-800">两步验证</h1>
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
        <form action={signOutAction} className="text-center">
          <button type="submit" className="text-sm text-slate-600 underline hover:text-slate-900">
            退出登录
          </button>
        </form>
      </div>
    </main>
  );
}
