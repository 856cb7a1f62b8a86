import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission, type Permission } from "@/lib/auth/permissions";
import { db, type Db, type Tx } from "@/lib/db";
import { parseInput } from "@/lib/validation";

/**
 * The one way to define a command (ARCHITECTURE: "every command is defined through one
 * definer"). A command names its permission and its input schema; the definer checks the
 * permission, then parses the input, then runs the body — by default inside one transaction,
 * so the change and its audit row commit together. Leaving out `permission` or `input` does
 * not compile (tests/unit/command-definer.test.ts).
 *
 * The body still establishes scope first: it loads the record it touches through the scope
 * module (lib/auth/scope.ts) before reading anything else.
 */
type BaseSpec<S extends z.ZodType> = {
  /** The catalogue entry (lib/auth/permissions.ts) an actor must hold. */
  permission: Permission;
  /** The zod schema of the input; its Chinese messages are what the form shows. */
  input: S;
};

type TransactionalSpec<S extends z.ZodType, R> = BaseSpec<S> & {
  transaction?: "one";
  run: (context: { actor: Actor; input: z.output<S>; tx: Tx }) => Promise<R>;
};

/**
 * For the few commands whose steps cannot share one transaction: a create that is retried on a
 * unique-key race, files stored after their record commits. The body opens its transactions
 * itself and writes each change with its audit row inside one of them.
 */
type StepwiseSpec<S extends z.ZodType, R> = BaseSpec<S> & {
  transaction: "inside-body";
  run: (context: { actor: Actor; input: z.output<S>; db: Db }) => Promise<R>;
};

export type CommandSpec<S extends z.ZodType, R> = TransactionalSpec<S, R> | StepwiseSpec<S, R>;

/** A defined command: call it with the actor and the raw (untrusted) input. */
export type Command<R> = ((actor: Actor, input: unknown) => Promise<R>) & { readonly permission: Permission };

export function defineCommand<S extends z.ZodType, R>(spec: CommandSpec<S, R>): Command<R> {
  const command = async (actor: Actor, rawInput: unknown): Promise<R> => {
    requirePermission(actor, spec.permission);
    const input = parseInput(spec.input, rawInput);
    if (spec.transaction === "inside-body") return spec.run({ actor, input, db });
    return db.$transaction((tx) => spec.run({ actor, input, tx }));
  };
  return Object.assign(command, { permission: spec.permission });
}
