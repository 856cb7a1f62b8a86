"use client";

import { useState } from "react";
import { PAGES_CACHE } from "@/lib/offline/cache-rules";
import { listDrafts, wipeDrafts } from "@/lib/offline/store";
import { useOffline } from "@/components/offline/offline-provider";

/**
 * 退出: the drafts and the pages kept on this device belong to the user signing out, so both are deleted
 * first (after a warning when drafts were never sent), then the session ends.
 */
export function SignOutButton({ signOut, className }: { signOut: () => Promise<void>; className: string }) {
  const offline = useOffline();
  const [busy, setBusy] = useState(false);
  async function leave() {
    setBusy(true);
    try {
      if (offline) {
        const drafts = await listDrafts(offline.userId).catch(() => []);
        if (drafts.length && !window.confirm(`本机还有 ${drafts.length} 条未上传的记录，退出后将被删除。确定退出吗？`)) return;
        await wipeDrafts(offline.userId).catch(() => undefined);
      }
      if ("caches" in window) await caches.delete(PAGES_CACHE).catch(() => false);
      await signOut();
    } finally {
      setBusy(false);
    }
  }
  return (
    <form action={leave}>
      <button type="submit" disabled={busy} className={className}>
        退出
      </button>
    </form>
  );
}
