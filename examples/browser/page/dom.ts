// Plain DOM, no framework. Whatever a user typed goes in as text, never as HTML.

type Attribute = string | boolean | ((event: Event) => void);

/** An element with attributes (`true` sets, `false` leaves out), listeners and children. */
export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, Attribute> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name, value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** The element with `id`, which index.html is sure to have. */
export function byId<Element extends HTMLElement>(id: string): Element {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html has no #${id}`);
  return element as Element;
}

/** A form control by name, trimmed. */
export function typedIn(form: HTMLFormElement, name: string): string {
  return controlOf(form, name).value.trim();
}

/** A form's input or textarea by name. */
export function controlOf(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement {
  const control = form.elements.namedItem(name);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) {
    throw new Error(`the form has no field ${name}`);
  }
  return control;
}
