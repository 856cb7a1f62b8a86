import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { defineCommand } from "@/lib/commands/define-command";
import type { Tx } from "@/lib/db";

/** What every rejection form posts. */
export type RejectionInput = { sheetId: string; version: number; step: string; reason: string };

type SheetOf = { sheet: { id: string; round: number } };

/**
 * 退回, the same for every chain: the sheet is loaded within the actor's scope, the chain decides
 * whether this actor may reject at this step now (role, order, a reason, the form's version),
 * then the chain writes the new round — guarded, with its audit row, in the same transaction.
 * Earlier rounds stay as history and no longer count (lib/sign-off/rules.ts).
 */
export function defineRejection<S extends z.ZodType<RejectionInput, unknown>, C extends SheetOf>(spec: {
  permission: Permission;
  input: S;
  /** The sheet and its chain state, within the actor's scope (else NOT_FOUND). */
  load: (tx: Tx, actor: Actor, sheetId: string) => Promise<C>;
  /** The chain's check of REJECT on the posted step; throws the refusal. */
  authorize: (actor: Actor, context: C, request: { step: z.output<S>["step"]; action: "REJECT"; version: number; reason: string }) => void;
  /** Writes round + 1 (status REJECTED, the round's records cleared) through the guarded update, and its audit row. */
  startNewRound: (tx: Tx, actor: Actor, context: C, rejection: { step: z.output<S>["step"]; reason: string; at: Date }) => Promise<void>;
}) {
  return defineCommand({
    permission: spec.permission,
    input: spec.input,
    async run({ actor, input, tx }) {
      const data = input as RejectionInput;
      const context = await spec.load(tx, actor, data.sheetId);
      spec.authorize(actor, context, { step: data.step, action: "REJECT", version: data.version, reason: data.reason });
      await spec.startNewRound(tx, actor, context, { step: data.step, reason: data.reason, at: new Date() });
      return { sheetId: context.sheet.id };
    },
  });
}
