/**
 * Reading a form in the browser: its values as loaded (the `base` of an offline edit), what it submits, its
 * field labels and select option texts. The same reader takes the form out of a page fetched afresh, so the
 * "current" values of a record are the ones the server itself renders into its edit form — no second
 * mapping from database columns to form fields.
 */
import type { DraftFile, FieldValues } from "@/lib/offline/rules";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.querySelectorAll<Control>("input[name], select[name], textarea[name]")).filter((element) => !element.disabled);
}

function push(values: FieldValues, name: string, value: string) {
  (values[name] ??= []).push(value);
}

/** The values the form showed when it was rendered (default values, not what the user has typed since). */
export function defaultValues(form: HTMLFormElement): FieldValues {
  const values: FieldValues = Object.create(null);
  for (const element of controls(form)) {
    const { name } = element;
    if (element instanceof HTMLSelectElement || element.tagName === "SELECT") {
      const select = element as HTMLSelectElement;
      const options = Array.from(select.options);
      const chosen = options.filter((option) => option.defaultSelected);
      if (chosen.length) for (const option of chosen) push(values, name, option.value);
      else if (!select.multiple && options.length) push(values, name, options[0].value);
      else values[name] ??= [];
      continue;
    }
    const input = element as HTMLInputElement;
    if (input.type === "file" || input.type === "submit" || input.type === "button") continue;
    if (input.type === "checkbox" || input.type === "radio") {
      if (input.defaultChecked) push(values, name, input.value);
      else values[name] ??= [];
      continue;
    }
    push(values, name, (element as HTMLInputElement | HTMLTextAreaElement).defaultValue);
  }
  return values;
}

/** What a submit posts, split into text values and files. */
export function submittedValues(formData: FormData): { values: FieldValues; files: Record<string, File[]> } {
  const values: FieldValues = Object.create(null);
  const files: Record<string, File[]> = Object.create(null);
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string") push(values, name, value);
    else if (value.size > 0) (files[name] ??= []).push(value);
  }
  return { values, files };
}

/** The visible label of each named field (without the required-field star), for the conflict view. */
export function fieldLabels(form: HTMLFormElement): Record<string, string> {
  const labels: Record<string, string> = Object.create(null);
  const document = form.ownerDocument;
  for (const element of controls(form)) {
    if (labels[element.name] || (element as HTMLInputElement).type === "hidden") continue;
    const grouped = form.querySelectorAll(`[name="${CSS.escape(element.name)}"]`).length > 1;
    const legend = grouped ? element.closest("fieldset")?.querySelector("legend") : null;
    const label = legend || (element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`)) || element.closest("label");
    const text = (label?.textContent ?? element.getAttribute("aria-label") ?? "").replace(/\*/g, "").trim();
    if (text) labels[element.name] = text;
  }
  return labels;
}

export function optionTexts(form: HTMLFormElement): Record<string, Record<string, string>> {
  const options: Record<string, Record<string, string>> = Object.create(null);
  for (const select of Array.from(form.querySelectorAll<HTMLSelectElement>("select[name]"))) {
    options[select.name] = Object.fromEntries(Array.from(select.options).map((option) => [option.value, option.textContent?.trim() ?? option.value]));
  }
  return options;
}

export function toFormData(values: FieldValues, files: Record<string, DraftFile[]> = {}): FormData {
  const formData = new FormData();
  for (const [name, list] of Object.entries(values)) for (const value of list) formData.append(name, value);
  for (const [name, list] of Object.entries(files)) for (const file of list) formData.append(name, new File([file.blob], file.name, { type: file.type }));
  return formData;
}

/** The form marked `data-offline-form="<key>"` in a page's HTML, as that page renders it now. */
export function formInPage(html: string, formKey: string): HTMLFormElement | null {
  const page = new DOMParser().parseFromString(html, "text/html");
  return page.querySelector<HTMLFormElement>(`form[data-offline-form="${CSS.escape(formKey)}"]`);
}
