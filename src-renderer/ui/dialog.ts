/**
 * Modal dialogs on the native <dialog> element: it traps focus, sits in the top
 * layer and turns Esc into "cancel" without any code of ours. We add the title
 * wiring, first-field focus and focus return to whatever opened the dialog.
 */
import { h, uid } from './dom';
import type { Child } from './dom';

export interface DialogOptions {
  title: string;
  description?: string;
  content: Child[];
  /** Focused when the dialog opens; defaults to the first field or button. */
  initialFocus?: HTMLElement;
  onClose?: () => void;
}

export interface DialogHandle {
  readonly element: HTMLDialogElement;
  close(): void;
}

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function openDialog(o: DialogOptions): DialogHandle {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uid('dialog-title');
  const descId = o.description ? uid('dialog-desc') : undefined;
  const element = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': descId },
    h('h2', { id: titleId, class: 'dialog-title' }, o.title),
    o.description ? h('p', { id: descId, class: 'dialog-description' }, o.description) : null,
    ...o.content,
  );
  element.addEventListener('close', () => {
    element.remove();
    o.onClose?.();
    // The close event comes a task after close(): by then the caller may have moved focus on
    // (to a row it just added, say). Only give focus back when nothing holds it.
    const active = document.activeElement;
    if ((active === null || active === document.body) && opener?.isConnected) opener.focus();
  });
  document.body.append(element);
  element.showModal();
  (o.initialFocus ?? element.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  return { element, close: () => element.close() };
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** Destructive actions get the danger style and start with focus on Cancel. */
  danger?: boolean;
}

export function confirmDialog(o: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let confirmed = false;
    const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
    const confirm = h(
      'button',
      { type: 'button', class: o.danger ? 'button danger' : 'button primary' },
      o.confirmLabel,
    );
    const dialog = openDialog({
      title: o.title,
      description: o.message,
      content: [h('div', { class: 'form-actions' }, cancel, confirm)],
      initialFocus: o.danger ? cancel : confirm,
      onClose: () => resolve(confirmed),
    });
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      confirmed = true;
      dialog.close();
    });
  });
}

/** A Cancel button that closes the dialog it ends up in. */
export function cancelButton(label = 'Cancel'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button' }, label);
  button.addEventListener('click', () => button.closest('dialog')?.close());
  return button;
}
