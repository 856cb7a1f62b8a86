"use client";

import { SerwistProvider } from "@serwist/turbopack/react";
import { createContext, useContext, useEffect } from "react";
import type { DraftActions } from "@/lib/offline/send";
import { PAGES_CACHE } from "@/lib/offline/cache-rules";

type OfflineContextValue = { userId: string; actions: DraftActions };
type Props = OfflineContextValue & { serviceWorker: boolean; children: React.ReactNode };

const OfflineContext = createContext<OfflineContextValue | null>(null);

/** The signed-in user and the actions drafts are sent through; null outside the signed-in pages (forms then never keep drafts). */
export function useOffline(): OfflineContextValue | null {
  return useContext(OfflineContext);
}

const LAST_USER = "fupin-offline-user";

/**
 * Around every signed-in page (app/(app)/layout.tsx): registers the service worker (not in development) and
 * gives forms and the header the user's id. Pages kept for another user on this device are dropped the first
 * time a different user signs in (sign-out drops them too; this covers a session that simply expired).
 */
export function OfflineProvider({ userId, actions, serviceWorker, children }: Props) {
  useEffect(() => {
    const previous = window.localStorage.getItem(LAST_USER);
    if (previous && previous !== userId && "caches" in window) void caches.delete(PAGES_CACHE);
    window.localStorage.setItem(LAST_USER, userId);
  }, [userId]);
  return (
    <SerwistProvider swUrl="/serwist/sw.js" disable={!serviceWorker} reloadOnOnline={false} cacheOnNavigation>
      <OfflineContext.Provider value={{ userId, actions }}>{children}</OfflineContext.Provider>
    </SerwistProvider>
  );
}
