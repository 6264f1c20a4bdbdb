/**
 * The frame every wizard step shares: where you are (profile and step), the
 * step's title as the page's heading, what to do, the body, and the keys.
 */
import { h, uid } from '../../ui/dom';
import type { Child } from '../../ui/dom';

export interface WizardStep {
  readonly element: HTMLElement;
  /** Focused when the step appears: its first field, or its main action. */
  readonly focus?: HTMLElement | undefined;
  /** Esc: go back one step, or cancel. */
  back?(): void;
  dispose?(): void;
}

export interface FrameOptions {
  /** "Demo pool · Step 2": where the person is. */
  context: string;
  title: string;
  description?: string | Node;
  body: Child[];
  /** The keys this step answers to, e.g. "Enter continues · Esc goes back". */
  keys?: string;
}

export function stepFrame(o: FrameOptions): HTMLElement {
  const titleId = uid('step-title');
  return h(
    'section',
    { class: 'wizard-step', 'aria-labelledby': titleId },
    h('p', { class: 'wizard-context' }, o.context),
    // tabindex -1: a step without fields (signed in) moves focus to its title instead.
    h('h1', { class: 'screen-title', id: titleId, tabindex: -1 }, o.title),
    o.description ? h('p', { class: 'step-description' }, o.description) : null,
    ...o.body,
    o.keys ? h('p', { class: 'keyboard-hint' }, o.keys) : null,
  );
}

export function button(
  label: string,
  onClick: () => void,
  kind: 'primary' | 'danger' | 'subtle' | '' = '',
): HTMLButtonElement {
  const b = h('button', { type: 'button', class: kind ? `button ${kind}` : 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}
