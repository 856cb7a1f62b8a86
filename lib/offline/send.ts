/**
 * Sends the signed-in user's drafts, oldest first, through the same server actions the forms use (so the
 * same commands, permissions, scope checks and audit). Run when the connection returns, when a page loads
 * online, and by "立即上传" (components/offline/offline-status.tsx). One send at a time per user, across tabs.
 *
 * - A visit carries the idempotency key its form made: a send whose answer was lost and is sent again
 *   finds the visit the first send created (lib/idempotency.ts createOnce) and creates nothing.
 * - An edit carries the version it was based on. A stale version means someone saved the record since —
 *   or this very edit was saved and its answer lost. The page with the form is opened afresh: if the
 *   record already holds the user's values the draft is done; otherwise it becomes a conflict the user
 *   settles field by field (app/(app)/drafts). Never sent over someone else's save without that choice.
 */
import type { FormState } from "@/lib/action-result";
import { formInPage, defaultValues, optionTexts, toFormData } from "@/lib/offline/form-values";
import { editConflicts, isCreating, type Draft, type DraftKind } from "@/lib/offline/rules";
import { deleteDraft, listDrafts, putDraft } from "@/lib/offline/store";

export type DraftAction = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
export type DraftActions = Record<DraftKind, DraftAction>;

export type SendOutcome = { sent: number; alreadySaved: number; conflicts: number; refused: number; offline: boolean };

class Offline extends Error {}

/** The record as the server renders its form now; null when the page no longer shows it (deleted or out of scope). */
async function currentForm(draft: Draft): Promise<HTMLFormElement | null> {
  let response: Response;
  try {
    response = await fetch(draft.pageUrl, { cache: "no-store", credentials: "same-origin", headers: { accept: "text/html" } });
  } catch {
    throw new Offline();
  }
  if (!response.ok || response.redirected) return null;
  return formInPage(await response.text(), draft.formKey);
}

async function sendOne(draft: Draft, actions: DraftActions, outcome: SendOutcome): Promise<void> {
  let result: FormState<unknown>;
  try {
    result = await actions[draft.kind](null, toFormData(draft.mine, draft.files));
  } catch {
    // The request did not get an answer: the draft stays as it was, for the next try.
    throw new Offline();
  }
  if (result?.ok) {
    await deleteDraft(draft.userId, draft.id);
    outcome.sent++;
    return;
  }
  const now = Date.now();
  if (result?.code === "STALE_VERSION" && !isCreating(draft.kind)) {
    const form = await currentForm(draft);
    if (!form) {
      await putDraft({ ...draft, status: "refused", updatedAt: now, error: { message: "该记录已无法打开（可能已被删除或不在您的管辖范围内），修改未能保存" } });
      outcome.refused++;
      return;
    }
    const current = defaultValues(form);
    if (!editConflicts(draft, current).length) {
      await deleteDraft(draft.userId, draft.id);
      outcome.alreadySaved++;
      return;
    }
    await putDraft({ ...draft, status: "conflict", updatedAt: now, current, currentOptions: optionTexts(form), error: undefined });
    outcome.conflicts++;
    return;
  }
  await putDraft({
    ...draft,
    status: "refused",
    updatedAt: now,
    error: { message: result?.message ?? "上传未成功", fieldErrors: result && !result.ok ? result.fieldErrors : undefined },
  });
  outcome.refused++;
}

async function sendAll(userId: string, actions: DraftActions): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, alreadySaved: 0, conflicts: 0, refused: 0, offline: false };
  for (const draft of await listDrafts(userId)) {
    if (draft.status !== "pending") continue;
    try {
      await sendOne(draft, actions, outcome);
    } catch (error) {
      if (!(error instanceof Offline)) throw error;
      outcome.offline = true;
      break;
    }
  }
  return outcome;
}

let running: Promise<SendOutcome> | null = null;

/** Sends the pending drafts; a call while a send runs joins it. Other tabs wait on the same Web Lock. */
export function sendDrafts(userId: string, actions: DraftActions): Promise<SendOutcome> {
  if (running) return running;
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  const work = locks ? locks.request(`fupin-offline-send:${userId}`, () => sendAll(userId, actions)) : sendAll(userId, actions);
  running = work.finally(() => {
    running = null;
  });
  return running;
}
