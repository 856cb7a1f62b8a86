/**
 * The drafts on the device: one IndexedDB object store (through `idb`), each draft under its user's id.
 * Every read filters by the signed-in user; sign-out deletes that user's drafts (components/offline/sign-out-button.tsx).
 * Changes are announced on a BroadcastChannel, so the "待上传 N 条" of every open tab follows.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { draftsOf, type Draft } from "@/lib/offline/rules";

interface OfflineDb extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { byUser: string } };
}

const DB_NAME = "fupin-offline";
const CHANNEL = "fupin-offline-drafts";
export const DRAFTS_CHANGED = "offline-drafts-changed";
/** A request got no answer (the phone may still say it is online: a signal with no data). */
export const NETWORK_FAILED = "offline-network-failed";

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;

function database(): Promise<IDBPDatabase<OfflineDb>> {
  opened ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(db) {
      const store = db.createObjectStore("drafts", { keyPath: "id" });
      store.createIndex("byUser", "userId");
    },
  });
  return opened;
}

function announce() {
  window.dispatchEvent(new Event(DRAFTS_CHANGED));
  if (typeof BroadcastChannel === "function") {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage("changed");
    channel.close();
  }
}

/** Calls `listener` whenever drafts change in this tab or another; returns the unsubscribe. */
export function onDraftsChanged(listener: () => void): () => void {
  window.addEventListener(DRAFTS_CHANGED, listener);
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  channel?.addEventListener("message", listener);
  return () => {
    window.removeEventListener(DRAFTS_CHANGED, listener);
    channel?.close();
  };
}

export async function listDrafts(userId: string): Promise<Draft[]> {
  const db = await database();
  return draftsOf(await db.getAllFromIndex("drafts", "byUser", userId), userId);
}

export async function getDraft(userId: string, id: string): Promise<Draft | undefined> {
  const draft = await (await database()).get("drafts", id);
  return draft?.userId === userId ? draft : undefined;
}

export async function putDraft(draft: Draft): Promise<void> {
  await (await database()).put("drafts", draft);
  announce();
}

export async function deleteDraft(userId: string, id: string): Promise<void> {
  const db = await database();
  const draft = await db.get("drafts", id);
  if (draft?.userId === userId) await db.delete("drafts", id);
  announce();
}

/** At sign-out: every draft of this user. */
export async function wipeDrafts(userId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction("drafts", "readwrite");
  for (const key of await tx.store.index("byUser").getAllKeys(userId)) await tx.store.delete(key);
  await tx.done;
  announce();
}
