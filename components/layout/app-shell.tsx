import Link from "next/link";
import type { NavEntry } from "@/lib/navigation";
import { OfflineStatus } from "@/components/offline/offline-status";
import { SignOutButton } from "@/components/offline/sign-out-button";

type Props = {
  user: { displayName: string; roleLabel: string; regionName: string };
  navigation: NavEntry[];
  signOut: () => Promise<void>;
  children: React.ReactNode;
};

export function AppShell({ user, navigation, signOut, children }: Props) {
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-wide">
            精准扶贫业务系统
          </Link>
          <div className="flex flex-wrap items-center justify-end gap-3 text-sm">
            <OfflineStatus />
            <span className="hidden sm:inline" data-testid="current-user">
              {user.displayName} · {user.roleLabel} · {user.regionName}
            </span>
            <SignOutButton signOut={signOut} />
          </div>
        </div>
        <nav aria-label="主导航" className="mx-auto max-w-6xl overflow-x-auto px-2">
          <ul className="flex gap-1 whitespace-nowrap pb-1 text-sm">
            <li>
              <Link href="/" className="block rounded-t px-3 py-2 hover:bg-white/10">
                首页
              </Link>
            </li>
            {navigation.map((entry) => (
              <li key={entry.href}>
                <Link href={entry.href} className="block rounded-t px-3 py-2 hover:bg-white/10">
                  {entry.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-3 py-5 sm:px-4">{children}</main>
    </div>
  );
}
