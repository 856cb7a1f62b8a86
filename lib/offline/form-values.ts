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

function setNative(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  // The prototype's setter, then an event: React's controlled fields (the income form's year) follow as if typed.
  const prototype =
    element instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : element instanceof HTMLSelectElement
        ? HTMLSelectElement.prototype
        : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

/**
 * Puts values back into a form as if the user had entered them (a draft opened again in its form), and opens the
 * folded groups (`<details>`) that hold a filled field. Hidden fields (version, ids) are left as the page rendered them.
 */
export function fillForm(form: HTMLFormElement, values: FieldValues): void {
  for (const [name, list] of Object.entries(values)) {
    const elements = Array.from(form.querySelectorAll<Control>(`[name="${CSS.escape(name)}"]`)).filter((element) => !element.disabled);
    let index = 0;
    for (const element of elements) {
      if (element instanceof HTMLInputElement && ["hidden", "file", "submit", "button"].includes(element.type)) continue;
      let changed = false;
      if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) {
        changed = element.checked !== list.includes(element.value);
        if (changed) element.click();
      } else if (element instanceof HTMLSelectElement && element.multiple) {
        for (const option of Array.from(element.options)) {
          changed ||= option.selected !== list.includes(option.value);
          option.selected = list.includes(option.value);
        }
        if (changed) element.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        const value = list[index++] ?? "";
        changed = element.value !== value;
        if (changed) setNative(element, value);
      }
      // Every folded group around it (the visit form is itself inside a folded group of the household page).
      for (let group = changed ? element.closest("details") : null; group; group = group.parentElement?.closest("details") ?? null) group.open = true;
    }
  }
}
