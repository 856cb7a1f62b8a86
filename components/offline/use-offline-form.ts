"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { defaultValues, fieldLabels, fillForm, optionTexts, submittedValues } from "@/lib/offline/form-values";
import { resizePhoto } from "@/lib/offline/resize-photo";
import { baseForResave, draftFromHash, draftId, isCreating, valuesToRestore, type Draft, type DraftFile, type DraftKind } from "@/lib/offline/rules";
import { deleteDraft, getDraft, listDrafts, NETWORK_FAILED, onDraftsChanged, putDraft } from "@/lib/offline/store";
import { useOffline } from "@/components/offline/offline-provider";
import { useFormAction } from "@/components/ui/use-form-action";

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

type Options = {
  kind: DraftKind;
  /** The form's mark (`data-offline-form`), one per record: "member:<id>", "household:<id>", "visit:<householdId>". */
  formKey: string;
  /** What the drafts list calls this entry. */
  title: (formData: FormData) => string;
  /** A file field whose photos are resized on the device before they are sent or kept. */
  photos?: string;
  confirmText?: string;
  /** False for a form that is only sent online: no draft, no mark. */
  enabled?: boolean;
  /** The page whose form shows the record's current values, when not the page the form is on (income: `?year=`). */
  pageUrl?: string;
  /** Where the draft is opened back in its form, when not `pageUrl` (Draft.openUrl). */
  openUrl?: string;
  /**
   * A draft of another form key this form can take back (`#draft=` from /drafts): the income form takes any
   * year's draft of its household and switches to that year first. Default: the form's own key only.
   */
  accepts?: (draft: Draft) => boolean;
  /** Called before a draft is put back into the form (the income form switches to the draft's year). */
  prepare?: (draft: Draft) => void;
};

/** A draft of this form kept on the device: shown above the form, opened back into it, or discarded. */
export type SavedDraft = { draft: Draft; restored: boolean; restore: () => void; discard: () => Promise<void> };

export const SAVED_OFFLINE = "当前没有网络：已保存到本机，联网后自动上传（页头“待上传”可查看）";
export const SAVED_AFTER_DROP = "网络中断，未能提交：已保存到本机，联网后自动上传（页头“待上传”可查看）";

/**
 * useFormAction for the forms used in the field (visit, new and edited member and household, a year's income):
 * photos resized before any send; with no connection the submit is kept in IndexedDB as a draft of the signed-in
 * user instead of being lost, and so is one whose request fails on the way. A draft of the form (its own, or one
 * named by `#draft=<id>` from /drafts) can be put back into it, edited and saved again, or discarded. Returns what
 * useFormAction returns, plus `offlineNotice` to show beside the form, `formProps` to spread on the <form> (its
 * mark and ref) and `savedDraft` for <DraftBanner>.
 */
export function useOfflineFormAction(action: Action, options: Options) {
  const { kind, formKey, title, photos, confirmText, enabled = true, pageUrl, openUrl, accepts, prepare } = options;
  const context = useOffline();
  const offline = enabled ? context : null;
  const creating = isCreating(kind);
  const [offlineNotice, setOfflineNotice] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const lastForm = useRef<HTMLFormElement | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  // The draft on the device for this form (an edit's own key; for a form that creates, only one opened from /drafts).
  const [saved, setSaved] = useState<Draft | null>(null);
  // The draft put back into the form: saving replaces it (same id, same idempotency key) or, once sent, deletes it.
  const [restored, setRestored] = useState<Draft | null>(null);
  const [toFill, setToFill] = useState<Draft | null>(null);
  const restoredRef = useRef<Draft | null>(null);
  useEffect(() => {
    restoredRef.current = restored;
  }, [restored]);
  const accept = useCallback((draft: Draft) => (accepts ? accepts(draft) : draft.formKey === formKey), [accepts, formKey]);

  const userId = offline?.userId;
  useEffect(() => {
    if (!userId) return;
    let live = true;
    const look = async () => {
      const wanted = draftFromHash(window.location.hash);
      const named = wanted ? await getDraft(userId, wanted) : undefined;
      if (!live) return;
      if (named && accept(named)) {
        // Opened from /drafts: put it back at once, and take the fragment off so a reload shows the form as it is.
        window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
        prepare?.(named);
        setSaved(named);
        setToFill(named);
        return;
      }
      if (creating) return;
      const own = (await listDrafts(userId)).find((draft) => draft.id === draftId(userId, formKey));
      if (live) setSaved(own ?? null);
    };
    void look();
    const unsubscribe = onDraftsChanged(() => void look());
    return () => {
      live = false;
      unsubscribe();
    };
    // `prepare` and `accept` change with the form's own state; the draft is looked up again only when the key does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, formKey, creating]);
  // A draft of this record waits on the device: the form is unfolded (the income form sits in a folded group of the
  // household page), so its banner is seen.
  const savedId = saved?.id;
  useEffect(() => {
    if (!savedId || !formRef.current) return;
    for (let group = formRef.current.closest("details"); group; group = group.parentElement?.closest("details") ?? null) group.open = true;
  }, [savedId]);

  // After the render that `prepare` caused (the income form's year), so the fields show that year's values first.
  useEffect(() => {
    if (!toFill || !formRef.current) return;
    fillForm(formRef.current, valuesToRestore(toFill));
    for (let group = formRef.current.closest("details"); group; group = group.parentElement?.closest("details") ?? null) group.open = true;
    formRef.current.scrollIntoView({ block: "start" });
    setRestored(toFill);
    setToFill(null);
  }, [toFill]);

  const savedDraft: SavedDraft | null =
    offline && saved
      ? {
          draft: saved,
          restored: restored?.id === saved.id,
          restore: () => {
            prepare?.(saved);
            setToFill(saved);
          },
          discard: async () => {
            if (!window.confirm(`确定放弃本机保存的“${saved.title}”吗？这条草稿将被删除，无法恢复。`)) return;
            await deleteDraft(saved.userId, saved.id);
            // The form goes back to what the page shows (the record as it is), without the draft's values.
            if (restored?.id === saved.id) formRef.current?.reset();
            setSaved(null);
            setRestored(null);
          },
        }
      : null;

  async function forget(draft: Draft | null) {
    if (!draft) return;
    await deleteDraft(draft.userId, draft.id);
    setSaved(null);
    setRestored(null);
  }

  async function keep(formData: FormData, form: HTMLFormElement) {
    if (!offline) return;
    const { values, files } = submittedValues(formData);
    const shown = defaultValues(form);
    // A check box left unticked posts nothing: it is still the user's value (none), not a field they did not see.
    for (const name of Object.keys(shown)) values[name] ??= [];
    const kept: Record<string, DraftFile[]> = {};
    for (const [name, list] of Object.entries(files)) kept[name] = list.map((file) => ({ name: file.name, type: file.type, blob: file }));
    const record = creating ? `${kind}:${values.idempotencyKey?.[0] ?? Date.now()}` : formKey;
    const id = draftId(offline.userId, record);
    const earlier = await getDraft(offline.userId, id);
    const now = Date.now();
    const draft: Draft = {
      id,
      userId: offline.userId,
      kind,
      title: title(formData),
      pageUrl: pageUrl ?? window.location.pathname + window.location.search,
      openUrl,
      formKey,
      mine: values,
      // Photos kept with a draft put back into the form stay with it unless the user chose others.
      files: Object.keys(kept).length ? kept : (restoredRef.current?.files ?? {}),
      // A second offline save of the same edit keeps what the user first saw (while the form shows that version).
      base: creating ? {} : baseForResave(earlier, shown),
      labels: fieldLabels(form),
      options: optionTexts(form),
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
      status: "pending",
    };
    await putDraft(draft);
    // A draft opened back into the form and saved offline again: it is this one now (for a form that creates, the
    // same key made the same id; the form is cleared for the next record).
    setRestored(creating ? null : draft);
    setSaved(creating ? null : draft);
  }

  const guarded: Action = async (previous, formData) => {
    const sentDraft = restoredRef.current;
    try {
      const result = await action(previous, formData);
      // Saved online from a draft put back into the form: the draft is done.
      if (result?.ok) await forget(sentDraft);
      return result;
    } catch (error) {
      // A server action that got no answer rejects ("Failed to fetch"); the command's own errors come back as results,
      // so anything thrown here except Next's redirect/not-found is the way there, not the record.
      if (isNextControlFlow(error)) {
        // A redirect is the form's success (the member form goes back to the member's page).
        if ((error as { digest: string }).digest.startsWith("NEXT_REDIRECT")) await forget(sentDraft);
        throw error;
      }
      if (!offline || !lastForm.current) throw error;
      await keep(formData, lastForm.current);
      window.dispatchEvent(new Event(NETWORK_FAILED));
      setOfflineNotice(SAVED_AFTER_DROP);
      // A visit is done (the form clears for the next one, with a new key); an edit keeps what the user typed.
      return creating ? { ok: true } : previous;
    }
  };

  const form = useFormAction(guarded, null, confirmText, {
    idempotent: creating,
    async before(formData, element) {
      lastForm.current = element;
      // A draft put back into the form keeps its key: if its first send did reach the server, this one finds that record.
      const key = restoredRef.current?.mine.idempotencyKey?.[0];
      if (creating && key) formData.set("idempotencyKey", key);
      for (const [name, list] of Object.entries(restoredRef.current?.files ?? {})) {
        const chosen = formData.getAll(name).some((value) => value instanceof File && value.size > 0);
        if (!chosen) {
          formData.delete(name);
          for (const file of list) formData.append(name, new File([file.blob], file.name, { type: file.type }));
        }
      }
      setOfflineNotice(null);
      setPreparing(true);
      try {
        if (photos) {
          const originals = formData.getAll(photos).filter((value): value is File => value instanceof File && value.size > 0);
          if (originals.length) {
            const resized = await Promise.all(originals.map(resizePhoto));
            formData.delete(photos);
            for (const file of resized) formData.append(photos, file);
          }
        }
        if (!offline || navigator.onLine) return { send: true };
        await keep(formData, element);
        setOfflineNotice(SAVED_OFFLINE);
        return { send: false, reset: creating };
      } finally {
        setPreparing(false);
      }
    },
  });
  const formProps = offline ? { "data-offline-form": formKey, ref: formRef } : { ref: formRef };
  return { ...form, pending: form.pending || preparing, offlineNotice, formProps, savedDraft };
}
