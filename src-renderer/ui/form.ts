/**
 * A form that submits through an async handler: Enter submits, the submit
 * button says what is being waited for, and an ApiError lands next to the
 * field main named (or, failing that, in an alert at the top of the form).
 */
import type { ErrorInfo } from '../../src-main/ipc/contract';
import { h } from './dom';
import { errorInfo, errorLines } from './error-display';
import type { Field } from './field';

export interface FormOptions {
  /** Every field an error can land on. */
  fields: Field[];
  /** The form's body when it is more than the fields in order (e.g. with an "Advanced" group). */
  layout?: Node[];
  submitLabel: string;
  /** Shown on the submit button while the handler runs, e.g. "Adding…". */
  busyLabel: string;
  /**
   * `signal` aborts when the person gives up waiting (Cancel, or Esc through
   * `abandon`); an answer that arrives after that must be dropped.
   */
  onSubmit: (signal: AbortSignal) => Promise<void>;
  /**
   * When given, a Cancel button shows while the handler runs, and `abandon`
   * works: the form is usable again at once and this is called.
   */
  onAbandon?: () => void;
  /** Extra buttons placed before the submit button (e.g. Cancel). */
  secondary?: HTMLButtonElement[];
  /**
   * Which field gets a non-retryable error main did not attribute to a field.
   * Single-field forms name their only field so the error still sits next to it.
   */
  fallbackField?: Field;
  /** Maps main's field names onto this form's fields where they differ. */
  fieldAliases?: Record<string, string>;
}

export interface Form {
  readonly element: HTMLFormElement;
  readonly submitButton: HTMLButtonElement;
  showError(error: ErrorInfo): void;
  clearErrors(): void;
  /** Runs the submit handler as if the user pressed Enter. */
  submit(): void;
  /** Gives up on a running submit (see onAbandon); false when nothing was running. */
  abandon(): boolean;
}

export function createForm(o: FormOptions): Form {
  const alert = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submitButton = h('button', { type: 'submit', class: 'button primary' }, o.submitLabel);
  const cancelButton = h('button', { type: 'button', class: 'button', hidden: true }, 'Cancel');
  const element = h(
    'form',
    { class: 'form', novalidate: true },
    alert,
    ...(o.layout ?? o.fields.map((f) => f.root)),
    h('div', { class: 'form-actions' }, ...(o.secondary ?? []), cancelButton, submitButton),
  );
  let busy = false;
  let running: AbortController | undefined;

  const clearErrors = (): void => {
    alert.hidden = true;
    alert.replaceChildren();
    o.fields.forEach((f) => f.clearError());
  };

  const showError = (error: ErrorInfo): void => {
    const name = error.field ? (o.fieldAliases?.[error.field] ?? error.field) : undefined;
    // A retryable failure (the network, a busy service) is no fault of the value typed.
    const target =
      o.fields.find((f) => f.name === name) ?? (error.retryable ? undefined : o.fallbackField);
    if (target) {
      // A field inside a collapsed "Advanced" group must be visible to be fixed.
      const group = target.root.closest('details');
      if (group) group.open = true;
      target.setError(error);
      target.control.focus();
      return;
    }
    alert.replaceChildren(...errorLines(error));
    alert.hidden = false;
  };

  const setBusy = (on: boolean): void => {
    busy = on;
    // aria-disabled rather than disabled: a disabled button drops focus to
    // the page body, where Esc and Tab no longer reach the form.
    submitButton.setAttribute('aria-disabled', String(on));
    submitButton.textContent = on ? o.busyLabel : o.submitLabel;
    cancelButton.hidden = !(on && o.onAbandon);
    if (on) element.setAttribute('aria-busy', 'true');
    else element.removeAttribute('aria-busy');
  };

  const run = async (): Promise<void> => {
    if (busy) return;
    const controller = new AbortController();
    running = controller;
    clearErrors();
    setBusy(true);
    try {
      await o.onSubmit(controller.signal);
    } catch (e) {
      if (!controller.signal.aborted) showError(errorInfo(e));
    } finally {
      if (running === controller) {
        running = undefined;
        setBusy(false);
      }
    }
  };

  const abandon = (): boolean => {
    if (!running || !o.onAbandon) return false;
    const focusWasOnCancel = document.activeElement === cancelButton;
    running.abort();
    running = undefined;
    setBusy(false);
    if (focusWasOnCancel) submitButton.focus();
    o.onAbandon();
    return true;
  };
  cancelButton.addEventListener('click', () => void abandon());

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  return { element, submitButton, showError, clearErrors, submit: () => void run(), abandon };
}
