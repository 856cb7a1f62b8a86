/**
 * How a sign-off sheet's chain is shown, the same for every chain: the steps with their state
 * and signer, every entry of every round with what became of it, and the sheet's activity log.
 * Pure: the chain's query passes what it loaded.
 */
import { describeAuditEvent, type AuditRow } from "@/lib/audit/describe";
import type { AuditNames } from "@/lib/audit/fields";
import { ROLE, type Role } from "@/lib/domain/codes";
import { STEP_STATE_LABELS, type ChainStatus, type Signature, type SignOffEvaluation } from "./rules";

export const CHAIN_STATUS_LABELS: Record<ChainStatus, string> = {
  IN_PROGRESS: "办理中",
  REJECTED: "已退回",
  APPROVED: "已审定",
};

export function chainStatusLabel(status: string): string {
  return CHAIN_STATUS_LABELS[status as ChainStatus] ?? status;
}

export const roleLabel = (role: string) => ROLE.labels[role as Role] ?? role;

/** VALID: counts now; INVALID: the step's latest entry, made stale; SUPERSEDED: a later entry of the step replaced it; EARLIER_ROUND: history. */
export type EntryState = "VALID" | "INVALID" | "SUPERSEDED" | "EARLIER_ROUND";

/** The state of each entry, in the order given (`signatures` are the chain state's entries). */
export function entryStates<S extends string>(
  signatures: readonly Signature<S>[],
  evaluation: Pick<SignOffEvaluation<S>, "steps">,
  round: number,
): EntryState[] {
  const shown = new Set(evaluation.steps.map((view) => view.signature));
  const valid = new Set(evaluation.steps.filter((view) => view.state === "DONE").map((view) => view.signature));
  return signatures.map((signature) => {
    if (signature.round !== round) return "EARLIER_ROUND";
    if (valid.has(signature)) return "VALID";
    return shown.has(signature) ? "INVALID" : "SUPERSEDED";
  });
}

/** The chain's steps for the screen: state label and, when signed, who and when. */
export function stepRows<S extends string>(evaluation: Pick<SignOffEvaluation<S>, "steps">, userNames: ReadonlyMap<string, string>) {
  return evaluation.steps.map((view) => ({
    step: view.step,
    label: view.label,
    state: view.state,
    stateLabel: STEP_STATE_LABELS[view.state],
    signature: view.signature
      ? { name: userNames.get(view.signature.userId) ?? "", roleLabel: roleLabel(view.signature.role), signedAt: new Date(view.signature.signedAt) }
      : null,
  }));
}

type SheetAuditRow = AuditRow & { id: bigint; occurredAt: Date; actorName: string | null; actorRole: string | null };

/** The sheet's activity log: who did what when, rendered from each action's definition (lib/audit/events.ts). */
export function activityRows(rows: readonly SheetAuditRow[], names: AuditNames) {
  return rows.map((row) => ({
    id: row.id.toString(),
    occurredAt: row.occurredAt,
    actorName: row.actorName ?? "系统",
    actorRole: row.actorRole ? roleLabel(row.actorRole) : "",
    ...describeAuditEvent(row, names),
  }));
}
