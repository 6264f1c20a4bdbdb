/**
 * A code Cognito sent (password reset, sign-up confirmation, attribute
 * verification): the sentence saying where it went, the field to type it in,
 * and a way to ask for another.
 */
import type { CodeDeliveryView, ErrorInfo } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { textField } from '../../ui/field';
import type { Field } from '../../ui/field';
import { button } from './step-frame';

const MEDIUM_WORDS: Record<CodeDeliveryView['medium'], string> = {
  EMAIL: 'by email',
  SMS: 'by text message',
  UNKNOWN: '',
};

export function deliverySentence(d: CodeDeliveryView): string {
  const how = MEDIUM_WORDS[d.medium];
  return d.destination
    ? `We sent a code ${how ? `${how} ` : ''}to ${d.destination}.`
    : `We sent a code${how ? ` ${how}` : ''}.`;
}

export interface SentCodeOptions {
  /** Where the first code went. */
  sentence: string;
  /** Asks for another code. */
  resend(): Promise<CodeDeliveryView>;
  /** Where a failed resend is told: the form, made after this. */
  showError(error: ErrorInfo): void;
}

export interface SentCode {
  code: Field<HTMLInputElement>;
  /** The line saying where the code went, and "Send a new code": above the form. */
  above: HTMLElement[];
}

/** A code that was sent: where it went, the field to type it in, and a way to ask for another. */
export function sentCode(o: SentCodeOptions): SentCode {
  const sentLine = h('p', { class: 'delivery', role: 'status' }, o.sentence);
  const code = textField({
    name: 'code',
    label: 'Code',
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    required: true,
  });
  const label = 'Send a new code';
  const resend = button(label, () => {
    resend.disabled = true;
    resend.textContent = 'Sending…';
    o.resend()
      .then((d) => {
        sentLine.textContent = `${deliverySentence(d)} Use the newest code.`;
        code.control.value = '';
        code.control.focus();
      })
      .catch((e: unknown) => o.showError(errorInfo(e)))
      .finally(() => {
        resend.disabled = false;
        resend.textContent = label;
      });
  });
  // Beside the sent line, not among the form's buttons: three do not fit at 320 px.
  return { code, above: [sentLine, h('div', { class: 'form-actions start' }, resend)] };
}
