import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import type { UploadedFile } from "@/lib/attachments/commands";
import type { Command } from "@/lib/commands/define-command";
import { runAction } from "@/lib/run-action";
import { formDataToObject, nestFormFields } from "@/lib/validation";

type FormActionOptions<R> = {
  /** Fields named "group.field" become nested objects (the household form). */
  nested?: boolean;
  /** Form fields that carry one file each, or several (read as `UploadedFile`s into the input). */
  files?: { one?: readonly string[]; many?: readonly string[] };
  /** The success message the form shows. */
  message?: string;
  /** Pages to refresh (`{ layout }`: a path and everything under it), computed from what the command returned — never from the posted form. */
  revalidate?: (result: R) => (string | { layout: string })[];
  /** Where to go after success, computed from what the command returned. */
  redirect?: (result: R) => string;
};

async function readFile(value: FormDataEntryValue | null): Promise<UploadedFile | null> {
  return value instanceof File && value.size > 0 ? { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) } : null;
}

async function formInput(formData: FormData, options: FormActionOptions<unknown>): Promise<Record<string, unknown>> {
  const fileFields = [...(options.files?.one ?? []), ...(options.files?.many ?? [])];
  const fields = formDataToObject(formData, { omit: fileFields });
  const input = options.nested ? nestFormFields(fields) : fields;
  for (const name of options.files?.one ?? []) input[name] = await readFile(formData.get(name));
  for (const name of options.files?.many ?? []) {
    input[name] = (await Promise.all(formData.getAll(name).map(readFile))).filter((file): file is UploadedFile => file !== null);
  }
  return input;
}

/**
 * The one way to expose a command to a form (`useActionState`): the signed-in actor (or the
 * sign-in page), the form parsed without trusting its field names, the command's expected
 * errors as a typed result, then revalidation and redirect from the command's own result.
 */
export function formAction<R>(command: Command<R>, options: FormActionOptions<R> = {}) {
  return async function action(_previous: FormState<unknown>, formData: FormData): Promise<FormState<R>> {
    const actor = await requireActor();
    const result = await runAction(async () => command(actor, await formInput(formData, options as FormActionOptions<unknown>)), options.message);
    if (!result.ok) return result;
    for (const path of options.revalidate?.(result.data as R) ?? []) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(path.layout, "layout");
    }
    if (options.redirect) redirect(options.redirect(result.data as R));
    return result;
  };
}
