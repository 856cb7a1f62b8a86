"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { Draft } from "@/lib/offline/rules";
import { sendDrafts } from "@/lib/offline/send";
import { listDrafts, NETWORK_FAILED, onDraftsChanged } from "@/lib/offline/store";
import { useOffline } from "@/components/offline/offline-provider";

/**
 * The header's "待上传 N 条": the signed-in user's drafts on this device, sent by itself when the connection
 * returns and when a page opens online, or at once with "立即上传". Drafts that need the user (a conflict, a
 * refusal) are counted apart and lead to 待上传草稿 (/drafts).
 */
const RETRY_MS = 15_000;

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

export function OfflineStatus() {
  const offline = useOffline();
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [sending, setSending] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  const userId = offline?.userId;
  const actions = offline?.actions;

  const reload = useCallback(async () => {
    if (userId) setDrafts(await listDrafts(userId));
  }, [userId]);

  // `manual`: "立即上传" tries even when the phone says it is offline (it is sometimes wrong both ways).
  const send = useCallback(
    async (manual = false) => {
      if (!userId || !actions || (!manual && !navigator.onLine)) return;
      setSending(true);
      try {
        const outcome = await sendDrafts(userId, actions);
        setUnreachable(outcome.offline);
        if (outcome.sent || outcome.alreadySaved) router.refresh();
      } finally {
        setSending(false);
        await reload();
      }
    },
    [userId, actions, router, reload],
  );

  useEffect(() => {
    if (!userId) return;
    const unsubscribe = onDraftsChanged(() => void reload());
    const goneOnline = () => void send();
    const failed = () => setUnreachable(true);
    // On load, whenever the connection returns, and every 15 s while drafts wait: a phone on a weak signal often
    // says it is online when nothing gets through, and then no "online" event comes when data flows again.
    const first = window.setTimeout(() => void reload().then(() => send()), 0);
    const retry = window.setInterval(
      () => void listDrafts(userId).then((list) => (list.some((draft) => draft.status === "pending") ? send() : undefined)),
      RETRY_MS,
    );
    window.addEventListener("online", goneOnline);
    window.addEventListener(NETWORK_FAILED, failed);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(retry);
      unsubscribe();
      window.removeEventListener("online", goneOnline);
      window.removeEventListener(NETWORK_FAILED, failed);
    };
  }, [userId, reload, send]);

  if (!offline) return null;
  const pending = drafts.filter((draft) => draft.status === "pending").length;
  const needsMe = drafts.length - pending;
  const connected = online && !unreachable;
  if (!drafts.length && connected) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="offline-status">
      {connected ? null : <span className="rounded bg-amber-300 px-2 py-1 font-medium text-amber-950">无网络</span>}
      {drafts.length ? (
        <Link
          href="/drafts"
          className="inline-flex min-h-11 items-center rounded bg-white px-3 font-medium text-brand-800 hover:bg-brand-50"
          data-testid="pending-drafts"
        >
          待上传 {drafts.length} 条{needsMe ? `（${needsMe} 条需处理）` : ""}
        </Link>
      ) : null}
      {pending ? (
        <button
          type="button"
          onClick={() => void send(true)}
          disabled={sending}
          className="inline-flex min-h-11 items-center rounded border border-white/60 px-3 hover:bg-white/10 disabled:opacity-60"
        >
          {sending ? "正在上传…" : "立即上传"}
        </button>
      ) : null}
    </div>
  );
}
