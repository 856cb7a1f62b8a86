"use client";

import { useRef, useState } from "react";
import type { FormState } from "@/lib/action-result";
import { defaultValues, fieldLabels, optionTexts, submittedValues } from "@/lib/offline/form-values";
import { resizePhoto } from "@/lib/offline/resize-photo";
import { draftId, type Draft, type DraftFile, type DraftKind } from "@/lib/offline/rules";
import { getDraft, NETWORK_FAILED, putDraft } from "@/lib/offline/store";
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
  /** False for a form that is only sent online (a new member): no draft, no mark. */
  enabled?: boolean;
};

export const SAVED_OFFLINE = "当前没有网络：已保存到本机，联网后自动上传（页头“待上传”可查看）";
export const SAVED_AFTER_DROP = "网络中断，未能提交：已保存到本机，联网后自动上传（页头“待上传”可查看）";

/**
 * useFormAction for the forms used in the field (visit, member, household): photos resized before any
 * send; with no connection the submit is kept in IndexedDB as a draft of the signed-in user instead of
 * being lost, and so is one whose request fails on the way. Returns what useFormAction returns, plus
 * `offlineNotice` to show beside the form and `formProps` to spread on the <form> (its mark).
 */
export function useOfflineFormAction(action: Action, { kind, formKey, title, photos, confirmText, enabled = true }: Options) {
  const context = useOffline();
  const offline = enabled ? context : null;
  const [offlineNotice, setOfflineNotice] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const lastForm = useRef<HTMLFormElement | null>(null);

  async function keep(formData: FormData, form: HTMLFormElement) {
    if (!offline) return;
    const { values, files } = submittedValues(formData);
    const shown = defaultValues(form);
    // A check box left unticked posts nothing: it is still the user's value (none), not a field they did not see.
    for (const name of Object.keys(shown)) values[name] ??= [];
    const kept: Record<string, DraftFile[]> = {};
    for (const [name, list] of Object.entries(files)) kept[name] = list.map((file) => ({ name: file.name, type: file.type, blob: file }));
    const record = kind === "visit" ? `visit:${values.idempotencyKey?.[0] ?? Date.now()}` : formKey;
    const id = draftId(offline.userId, record);
    const earlier = await getDraft(offline.userId, id);
    const now = Date.now();
    const draft: Draft = {
      id,
      userId: offline.userId,
      kind,
      title: title(formData),
      pageUrl: window.location.pathname + window.location.search,
      formKey,
      mine: values,
      files: kept,
      // A second offline save of the same edit keeps what the user first saw.
      base: kind === "visit" ? {} : (earlier?.base ?? shown),
      labels: fieldLabels(form),
      options: optionTexts(form),
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
      status: "pending",
    };
    await putDraft(draft);
  }

  const guarded: Action = async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch (error) {
      // A server action that got no answer rejects ("Failed to fetch"); the command's own errors come back as results,
      // so anything thrown here except Next's redirect/not-found is the way there, not the record.
      if (isNextControlFlow(error) || !offline || !lastForm.current) throw error;
      await keep(formData, lastForm.current);
      window.dispatchEvent(new Event(NETWORK_FAILED));
      setOfflineNotice(SAVED_AFTER_DROP);
      // A visit is done (the form clears for the next one, with a new key); an edit keeps what the user typed.
      return kind === "visit" ? { ok: true } : previous;
    }
  };

  const form = useFormAction(guarded, null, confirmText, {
    idempotent: kind === "visit",
    async before(formData, element) {
      lastForm.current = element;
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
        return { send: false, reset: kind === "visit" };
      } finally {
        setPreparing(false);
      }
    },
  });
  return { ...form, pending: form.pending || preparing, offlineNotice, formProps: offline ? { "data-offline-form": formKey } : {} };
}
