"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { activeHref, type NavEntry, type NavGroup } from "@/lib/navigation";
import { OfflineStatus } from "@/components/offline/offline-status";
import { SignOutButton } from "@/components/offline/sign-out-button";

type Props = {
  user: { displayName: string; roleLabel: string; regionName: string };
  home: { href: string; label: string };
  groups: { group: NavGroup; entries: Pick<NavEntry, "href" | "label">[] }[];
  signOut: () => Promise<void>;
  children: React.ReactNode;
};

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The signed-in frame: a skip link, the red title bar and the grouped menu. From 1024 px the menu
 * is a sidebar; below, a drawer behind the "菜单" button (focus kept inside while open, Esc or a
 * tap outside closes it and focus returns to the button). The menu ends with the user and 退出,
 * so the keyboard reaches the menu before 退出.
 */
export function AppShell({ user, home, groups, signOut, children }: Props) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const menuButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const current = activeHref(pathname, [home.href, ...groups.flatMap((section) => section.entries.map((entry) => entry.href))]);

  const close = useCallback(() => {
    setOpen(false);
    menuButton.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
        return;
      }
      if (event.key !== "Tab" || !panel.current) return;
      const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.offsetParent !== null);
      if (items.length === 0) return;
      const [head, tail] = [items[0], items[items.length - 1]];
      if (event.shiftKey && document.activeElement === head) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && document.activeElement === tail) {
        event.preventDefault();
        head.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      document.removeEventListener("keydown", onKey);
      document.body.style.overflow = overflow;
    };
  }, [open, close]);

  const linkClass = (href: string) =>
    `flex min-h-11 items-center rounded-md px-3 text-sm ${current === href ? "bg-brand-50 font-semibold text-brand-800" : "text-slate-800 hover:bg-slate-100"}`;

  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        跳到主要内容
      </a>
      <header className="no-print sticky top-0 z-30 border-b border-brand-800 bg-brand-700 text-white lg:static">
        {/* On a phone the upload status gets a row of its own under the title and 菜单; beside them from 640 px. */}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
          <Link href="/" className="flex min-h-11 items-center whitespace-nowrap text-base font-semibold tracking-wide sm:text-lg">
            精准扶贫业务系统
          </Link>
          <div className="order-3 w-full text-sm empty:hidden sm:order-2 sm:ml-auto sm:w-auto">
            <OfflineStatus />
          </div>
          <button
            ref={menuButton}
            type="button"
            className="order-2 ml-auto flex min-h-11 min-w-11 shrink-0 items-center gap-2 whitespace-nowrap rounded-md border border-white/50 px-3 text-sm hover:bg-white/10 sm:order-3 sm:ml-0 lg:hidden"
            aria-expanded={open}
            aria-controls="main-menu"
            onClick={() => setOpen((value) => !value)}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
              <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
            </svg>
            菜单
          </button>
        </div>
      </header>
      <div className="lg:flex">
        {open ? <div className="no-print fixed inset-0 z-40 bg-slate-900/50 lg:hidden" aria-hidden="true" onClick={close} /> : null}
        <nav
          id="main-menu"
          ref={panel}
          aria-label="主导航"
          className={`no-print z-50 w-72 max-w-[85vw] shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-white ${
            open ? "fixed inset-y-0 left-0 flex shadow-xl" : "hidden"
          } lg:sticky lg:top-0 lg:flex lg:h-screen lg:w-60 lg:shadow-none`}
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2 lg:hidden">
            <span className="font-semibold">菜单</span>
            <button type="button" onClick={close} className="min-h-11 min-w-11 rounded-md border border-slate-300 px-3 text-sm">
              关闭
            </button>
          </div>
          <div className="flex-1 space-y-3 p-3">
            <ul>
              <li>
                <Link
                  href={home.href}
                  className={linkClass(home.href)}
                  aria-current={current === home.href ? "page" : undefined}
                  onClick={() => setOpen(false)}
                >
                  {home.label}
                </Link>
              </li>
            </ul>
            {groups.map((section) => (
              <section key={section.group} aria-labelledby={`nav-group-${section.group}`}>
                <h2 id={`nav-group-${section.group}`} className="px-3 pb-1 text-xs font-semibold tracking-wider text-slate-600">
                  {section.group}
                </h2>
                <ul>
                  {section.entries.map((entry) => (
                    <li key={entry.href}>
                      <Link
                        href={entry.href}
                        className={linkClass(entry.href)}
                        aria-current={current === entry.href ? "page" : undefined}
                        onClick={() => setOpen(false)}
                      >
                        {entry.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
          <div className="border-t border-slate-200 p-3 text-sm">
            <p className="px-3 pb-2 text-slate-700" data-testid="current-user">
              {user.displayName} · {user.roleLabel} · {user.regionName}
            </p>
            <SignOutButton
              signOut={signOut}
              className="min-h-11 w-full rounded-md border border-slate-300 px-3 text-left hover:bg-slate-100 disabled:opacity-60"
            />
          </div>
        </nav>
        <main id="main" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-6xl px-3 py-5 focus:outline-none sm:px-4">
          {children}
        </main>
      </div>
    </div>
  );
}
