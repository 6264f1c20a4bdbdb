/**
 * A labelled form control with a hint and an error slot. The error's message
 * is tied to the control with aria-describedby and flagged with aria-invalid,
 * so screen readers read it when the control gets focus; its details line is
 * for support and is shown, not read out with the field. Typing into the
 * control clears the error: it described the value that was there before.
 */
import type { ErrorInfo } from '../../src-main/ipc/contract';
import { h, uid } from './dom';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<C extends Control = Control> {
  /** Matches ErrorInfo.field for errors main attributes to this control. */
  readonly name: string;
  readonly root: HTMLElement;
  readonly control: C;
  setError(error: Pick<ErrorInfo, 'message' | 'code' | 'detail'>): void;
  clearError(): void;
}

export interface FieldOptions<C extends Control> {
  name: string;
  label: string;
  hint?: string;
  control: C;
  /** Ids of more descriptions kept with the control (e.g. a password-rules checklist below it). */
  describedBy?: string[];
}

/** "Details: INVALID_BASE32 (…)": the machine-readable part of an error, for support. */
export function errorDetails(error: Pick<ErrorInfo, 'code' | 'detail'>): string {
  return error.detail ? `Details: ${error.code} · ${error.detail}` : `Details: ${error.code}`;
}

export function field<C extends Control>({
  name,
  label,
  hint,
  control,
  describedBy: extraIds = [],
}: FieldOptions<C>): Field<C> {
  const controlId = control.id || uid(`f-${name}`);
  control.id = controlId;
  control.name = name;
  const hintEl = hint ? h('p', { class: 'field-hint', id: uid('hint') }, hint) : null;
  const errorEl = h('div', { class: 'field-error', hidden: true });
  const errorId = uid('err');
  const describedBy = (withError: boolean): string =>
    [hintEl?.id, ...extraIds, withError ? errorId : undefined].filter(Boolean).join(' ');

  const initial = describedBy(false);
  if (initial) control.setAttribute('aria-describedby', initial);

  const root = h(
    'div',
    { class: 'field' },
    h('label', { for: controlId, class: 'field-label' }, label),
    hintEl,
    control,
    errorEl,
  );

  const clearError = (): void => {
    if (errorEl.hidden) return;
    errorEl.replaceChildren();
    errorEl.hidden = true;
    control.removeAttribute('aria-invalid');
    const ids = describedBy(false);
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  };
  control.addEventListener('input', clearError);
  control.addEventListener('change', clearError);

  return {
    name,
    root,
    control,
    setError(error) {
      errorEl.replaceChildren(
        h('p', { class: 'field-error-message', id: errorId }, error.message),
        h('p', { class: 'error-details' }, errorDetails(error)),
      );
      errorEl.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', describedBy(true));
    },
    clearError,
  };
}

export interface TextFieldOptions {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'search' | 'number' | 'password';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  monospace?: boolean;
  inputmode?: 'text' | 'numeric';
  min?: number;
  max?: number;
  describedBy?: string[];
}

export function textField(o: TextFieldOptions): Field<HTMLInputElement> {
  const input = h('input', {
    type: o.type ?? 'text',
    class: o.monospace ? 'input mono' : 'input',
    required: o.required,
    autocomplete: o.autocomplete ?? 'off',
    spellcheck: 'false',
    placeholder: o.placeholder,
    inputmode: o.inputmode,
    min: o.min,
    max: o.max,
  });
  if (o.value !== undefined) input.value = o.value;
  return field({
    name: o.name,
    label: o.label,
    hint: o.hint,
    control: input,
    describedBy: o.describedBy,
  });
}

export function selectField(o: {
  name: string;
  label: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string;
}): Field<HTMLSelectElement> {
  const select = h(
    'select',
    { class: 'input' },
    ...o.options.map((opt) => h('option', { value: opt.value }, opt.label)),
  );
  if (o.value !== undefined) select.value = o.value;
  return field({ name: o.name, label: o.label, hint: o.hint, control: select });
}

/**
 * A new password typed twice: flags the confirmation and moves focus to it
 * when the two differ. `what` names the password in the message ("new password").
 */
export function passwordsDiffer(password: Field, confirm: Field, what: string): boolean {
  if (password.control.value === confirm.control.value) return false;
  confirm.setError({
    code: 'PASSWORDS_DIFFER',
    message: `The two passwords are not the same. Type the ${what} again.`,
  });
  confirm.control.focus();
  return true;
}

/**
 * A passphrase typed twice, differently: said on the second typing through the
 * form's error display. True when they differ, so the caller stops there.
 */
export function passphrasesDiffer(
  passphrase: Field,
  again: Field,
  showError: (error: ErrorInfo) => void,
): boolean {
  if (passphrase.control.value === again.control.value) return false;
  showError({
    code: 'PASSPHRASES_DIFFER',
    message: 'The two passphrases are not the same. Type them again.',
    retryable: false,
    field: again.name,
  });
  return true;
}
