import type { FormState } from "@/lib/action-result";

export type FormActionFn = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;
