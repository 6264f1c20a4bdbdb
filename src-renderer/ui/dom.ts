/**
 * The renderer's only "framework": create elements with attributes, listeners
 * and children in one expression. Attributes (not properties) are set so the
 * markup stays inspectable and CSP-safe (no inline style attributes from here).
 */
export type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
export type Props = Record<string, AttrValue | EventListener>;

function apply(el: Element, props: Props | undefined): void {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      if (!key.startsWith('on')) throw new Error(`Listener prop must start with "on": ${key}`);
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, String(value));
    }
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props);
  el.append(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: SVGElement[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props);
  el.append(...children);
  return el;
}

let counter = 0;
/** A document-unique id, for label/aria-describedby wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** True when a key press belongs to a text control and must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type);
  }
  return false;
}
