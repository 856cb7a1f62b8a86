/**
 * The sign-off kernel: the mechanics every sign-off chain shares (household exit, village exit,
 * and the monitoring procedure to come). Pure. A chain DECLARES its steps — in order, with the
 * roles per action and whether a step is signed or recorded — and gets from `defineSignOffChain`
 * the evaluation and the checks below; it never re-implements them.
 *
 * The rules, in one place:
 * - Order: the chain is a list of stages; the steps of one stage may be done in any order, a
 *   stage starts once every step of the one before is valid.
 * - Every completed step is a `Signature` entry bound to the content hash of the sheet at that
 *   moment. Only the latest entry of a step in the current round counts. It is valid when its
 *   hash is the current hash, its record holds (`recordHolds`, e.g. a consent scan, a closed
 *   notice) and it was made no earlier than the steps of the stage before. So once an earlier
 *   step is re-signed, every later entry is stale (已失效) and the chain resumes from the first
 *   step that is missing or invalid.
 * - Rejection rounds: a rejection starts a new round; earlier rounds are history and never count.
 * - Separation of duties: one person signs at most one step per round. Recorded steps (an act
 *   written down by a user, not that user's judgement) do not count; invalidated signatures of
 *   the round do — the person has already acted on the sheet.
 * - Who: the step's roles for the action, then the chain's own scope test, then a reason for a
 *   rejection, then the chain's criteria for every forward action.
 */
import { ROLE, type Role } from "@/lib/domain/codes";

export type Signature<S extends string = string> = {
  step: S;
  userId: string;
  role: Role;
  contentHash: string;
  signedAt: string;
  round: number;
};

/** REJECTED: a signer sent the sheet back; a new round waits for the first step. */
export type ChainStatus = "IN_PROGRESS" | "REJECTED" | "APPROVED";

export type SignOffState<S extends string = string> = { round: number; status: ChainStatus; signatures: Signature<S>[] };

export type StepState = "DONE" | "INVALID" | "PENDING" | "WAITING";
export const STEP_STATE_LABELS: Record<StepState, string> = {
  DONE: "已完成",
  INVALID: "已失效",
  PENDING: "待办理",
  WAITING: "未开始",
};

export type StepView<S extends string = string> = {
  step: S;
  label: string;
  state: StepState;
  signature?: Signature<S>;
};

export type SignOffEvaluation<S extends string = string> = {
  steps: StepView<S>[];
  /** The steps that may be acted on now (several when a stage allows any order); empty when every step is done. */
  nextSteps: S[];
  invalidSignatures: Signature<S>[];
};

/** Every chain knows these two actions; a chain adds its own for recorded steps. */
export type KernelAction = "SIGN" | "REJECT";

export type StepDeclaration<A extends string> = {
  label: string;
  /** signed: a person's signature (counts for separation of duties); recorded: an act written down (does not). */
  kind: "signed" | "recorded";
  /** The roles that may take each action on this step; an action not listed does not belong to the step. */
  roles: Partial<Record<A, readonly Role[]>>;
};

export type SignOffActor = { userId: string; role: Role };

export type SignOffRefusalCode =
  "WRONG_ORDER" | "WRONG_ROLE" | "OUT_OF_SCOPE" | "ALREADY_SIGNED_OTHER_STEP" | "CRITERIA_NOT_MET" | "SHEET_CLOSED" | "REASON_REQUIRED";

export type Refusal<C extends string = SignOffRefusalCode> = { ok: false; code: C; message: string };
export type SignOffCheck<C extends string = SignOffRefusalCode> = { ok: true } | Refusal<C>;

export type SignOffCheckInput<S extends string, A extends string, St extends SignOffState<S>, Ac extends SignOffActor> = {
  state: St;
  currentContentHash: string;
  step: S;
  action: A;
  actor: Ac;
  /** The chain's criteria on the current data, re-checked by the server at every step. */
  criteriaMet: boolean;
  /** REJECT: why. */
  reason?: string;
};

export type SignOffDeclaration<
  S extends string,
  A extends string,
  St extends SignOffState<S>,
  Ac extends SignOffActor,
  I extends SignOffCheckInput<S, A | KernelAction, St, Ac>,
  C extends string,
> = {
  /** The stages in order; the steps of one stage may be completed in any order. */
  stages: readonly (readonly S[])[];
  steps: Record<S, StepDeclaration<A | KernelAction>>;
  /** How an action is named in messages: "签署", "登记贫困户认可" …; `verb` in "不能{verb}{step}" (default: the name). */
  actions: Record<A | KernelAction, { name: string; verb?: string }>;
  messages: {
    /** The sheet is approved. */
    approved: string;
    /** Every step is valid, nothing is left to do. */
    complete: string;
    /** A forward action while the chain's criteria fail. */
    criteriaNotMet: string;
    /** "…须由{roles}{roleVerb}": the action's name unless given (the village sheet says "办理"). */
    roleVerb?: string;
  };
  /** Whether a step's record still holds besides its entry (evidence present, notice closed). */
  recordHolds?: (state: St, step: S) => boolean;
  /** The chain's own scope test once the role fits: a message when the actor may not act on this sheet. */
  outOfScope: (actor: Ac, step: S) => string | null;
  /** Checks of one action after the common ones passed (evidence, dates …). */
  checkAction?: (input: I, evaluation: SignOffEvaluation<S>) => SignOffCheck<C>;
};

/** Orders ISO timestamps; falls back to string order when one does not parse. */
export function compareInstants(a: string, b: string): number {
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}

/** The latest entry per step among the signatures of `round` (later array position wins ties). */
export function latestSignatures<S extends string>(signatures: readonly Signature<S>[], round: number): Map<S, Signature<S>> {
  const latest = new Map<S, Signature<S>>();
  for (const signature of signatures) {
    if (signature.round !== round) continue;
    const known = latest.get(signature.step);
    if (!known || compareInstants(signature.signedAt, known.signedAt) >= 0) latest.set(signature.step, signature);
  }
  return latest;
}

export function refuse<C extends string>(code: C, message: string): Refusal<C> {
  return { ok: false, code, message };
}

const quoted = (label: string) => `"${label}"`;

export type SignOffChain<
  S extends string,
  A extends string,
  St extends SignOffState<S>,
  Ac extends SignOffActor,
  I extends SignOffCheckInput<S, A | KernelAction, St, Ac>,
  C extends string,
> = ReturnType<typeof defineSignOffChain<S, A, St, Ac, I, C>>;

export function defineSignOffChain<
  S extends string,
  A extends string,
  St extends SignOffState<S>,
  Ac extends SignOffActor,
  I extends SignOffCheckInput<S, A | KernelAction, St, Ac>,
  C extends string = never,
>(declaration: SignOffDeclaration<S, A, St, Ac, I, C>) {
  const order: readonly S[] = declaration.stages.flat();
  const label = (step: S) => declaration.steps[step].label;
  const stepName = (step: S) => quoted(label(step));
  const rolesFor = (step: S, action: A | KernelAction): readonly Role[] | undefined => declaration.steps[step].roles[action];

  function evaluate(state: St, currentContentHash: string): SignOffEvaluation<S> {
    const latest = latestSignatures(state.signatures, state.round);
    const views = new Map<S, StepView<S>>();
    const invalidSignatures: Signature<S>[] = [];
    const nextSteps: S[] = [];
    let gap = false;
    let previousStageSignedAt: string | null = null;

    for (const stage of declaration.stages) {
      let stageDone = true;
      let stageSignedAt: string | null = previousStageSignedAt;
      for (const step of stage) {
        const signature = latest.get(step);
        const valid =
          !gap &&
          signature !== undefined &&
          signature.contentHash === currentContentHash &&
          (declaration.recordHolds?.(state, step) ?? true) &&
          (previousStageSignedAt === null || compareInstants(signature.signedAt, previousStageSignedAt) >= 0);
        let stepState: StepState = "WAITING";
        if (valid) {
          stepState = "DONE";
          if (stageSignedAt === null || compareInstants(signature.signedAt, stageSignedAt) > 0) stageSignedAt = signature.signedAt;
        } else {
          stageDone = false;
          if (signature) {
            stepState = "INVALID";
            invalidSignatures.push(signature);
          } else if (!gap) stepState = "PENDING";
          if (!gap) nextSteps.push(step);
        }
        views.set(step, { step, label: label(step), state: stepState, ...(signature ? { signature } : {}) });
      }
      if (stageDone) previousStageSignedAt = stageSignedAt;
      else gap = true;
    }
    return { steps: order.map((step) => views.get(step)!), nextSteps, invalidSignatures };
  }

  /** Separation of duties: the signed step (other than `step`) this user already signed in the current round. */
  function otherSignedStep(state: St, step: S, userId: string): S | null {
    const other = state.signatures.find(
      (signature) =>
        signature.round === state.round && signature.userId === userId && signature.step !== step && declaration.steps[signature.step].kind === "signed",
    );
    return other?.step ?? null;
  }

  function check(input: I): SignOffCheck<SignOffRefusalCode | C> {
    const { state, step, action, actor } = input;
    const { messages } = declaration;
    if (state.status === "APPROVED") return refuse("SHEET_CLOSED", messages.approved);
    const evaluation = evaluate(state, input.currentContentHash);
    if (evaluation.nextSteps.length === 0) return refuse("SHEET_CLOSED", messages.complete);

    const roles = rolesFor(step, action);
    const { name, verb = name } = declaration.actions[action];
    if (!roles) return refuse("WRONG_ORDER", `${stepName(step)}环节不能${name}`);
    if (!evaluation.nextSteps.includes(step)) {
      return refuse("WRONG_ORDER", `当前应进行${evaluation.nextSteps.map(stepName).join("或")}，不能${verb}${stepName(step)}`);
    }
    if (!roles.includes(actor.role)) {
      const who = roles.map((role) => ROLE.label(role)).join("或");
      return refuse("WRONG_ROLE", `${stepName(step)}须由${who}${messages.roleVerb ?? name}，您的角色是${ROLE.label(actor.role)}`);
    }
    const outOfScope = declaration.outOfScope(actor, step);
    if (outOfScope) return refuse("OUT_OF_SCOPE", outOfScope);

    if (action === "REJECT") return input.reason?.trim() ? { ok: true } : refuse("REASON_REQUIRED", "退回须填写理由");
    if (!input.criteriaMet) return refuse("CRITERIA_NOT_MET", messages.criteriaNotMet);
    if (action === "SIGN") {
      const other = otherSignedStep(state, step, actor.userId);
      if (other) return refuse("ALREADY_SIGNED_OTHER_STEP", `您已签署本核验表的${stepName(other)}，同一人只能签署一个环节`);
    }
    return declaration.checkAction?.(input, evaluation) ?? { ok: true };
  }

  /** The status to store after an entry was added: APPROVED once every step is valid. */
  function deriveStatus(state: St, currentContentHash: string): ChainStatus {
    if (evaluate(state, currentContentHash).nextSteps.length === 0) return "APPROVED";
    const roundStarted = state.signatures.some((signature) => signature.round === state.round);
    return state.status === "REJECTED" && !roundStarted ? "REJECTED" : "IN_PROGRESS";
  }

  /** After a rejection: back to the first step in a new round; earlier entries stay as history. */
  function startNewRound(state: St): St {
    return { ...state, round: state.round + 1, status: "REJECTED" };
  }

  /** The roles that take any of `actions` on `step`, in declaration order, without repeats. */
  function actorsOf(step: S, actions: readonly (A | KernelAction)[]): Role[] {
    return [...new Set(actions.flatMap((action) => rolesFor(step, action) ?? []))];
  }

  return { steps: order, label, rolesFor, actorsOf, evaluate, check, deriveStatus, startNewRound, otherSignedStep };
}
