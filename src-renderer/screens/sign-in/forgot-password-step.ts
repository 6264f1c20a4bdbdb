/**
 * Forgot password, in two screens: the username (a code goes out), then the
 * code with the new password, checked against the pool's policy. Reached
 * from the password step and when Cognito says the password must be reset.
 */
import type { CodeDeliveryView, ErrorInfo, ProfileView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { textField } from '../../ui/field';
import type { Field } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { newPasswordFields } from './new-password-fields';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface ForgotPasswordOptions {
  profile: ProfileView;
  username?: string;
  /** Cognito asked for a reset (PasswordResetRequiredException), so say why we are here. */
  required?: boolean;
  /** Shows the next screen of this flow. */
  show(step: WizardStep): void;
  /** Back to the password step, with the username. */
  done(username: string | undefined, changed: boolean): void;
}

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
  /** Shown on the button while another code is on its way. */
  busyLabel?: string;
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
    if (o.busyLabel) resend.textContent = o.busyLabel;
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

export function forgotPasswordStep(o: ForgotPasswordOptions): WizardStep {
  const username = textField({
    name: 'username',
    label: 'Username or email',
    autocomplete: 'username',
    value: o.username,
    required: true,
  });
  const form = createForm({
    fields: [username],
    submitLabel: 'Send a code',
    busyLabel: 'Sending a code…',
    secondary: [button('Back', () => o.done(o.username, false))],
    fallbackField: username,
    onSubmit: async () => {
      const name = username.control.value.trim();
      if (!name) {
        username.setError({ code: 'REQUIRED', message: 'Enter your username.' });
        username.control.focus();
        return;
      }
      const delivery = await call('self:forgotPassword', {
        profileId: o.profile.id,
        username: name,
      });
      o.show(resetStep(o, name, delivery));
    },
  });
  return {
    element: stepFrame({
      context: `Sign in · ${o.profile.displayName}`,
      title: 'Reset your password',
      description: o.required
        ? 'Your password must be reset before you can sign in. Enter your username and we will send you a code to choose a new one.'
        : 'Enter your username and we will send you a code to choose a new password.',
      body: [form.element],
      keys: 'Enter sends the code · Esc goes back',
    }),
    focus: username.control,
    back: () => o.done(o.username, false),
  };
}

function resetStep(o: ForgotPasswordOptions, user: string, delivery: CodeDeliveryView): WizardStep {
  const { code, above } = sentCode({
    sentence: deliverySentence(delivery),
    resend: () => call('self:forgotPassword', { profileId: o.profile.id, username: user }),
    busyLabel: 'Sending…',
    showError: (error) => form.showError(error),
  });
  const typed = newPasswordFields({
    name: 'newPassword',
    label: 'New password',
    policy: o.profile.passwordPolicy,
    typedTwice: 'new password',
  });
  const form = createForm({
    fields: [code, ...typed.fields],
    layout: [code.root, ...typed.layout],
    submitLabel: 'Set the new password',
    busyLabel: 'Setting your password…',
    secondary: [button('Back', () => o.done(user, false))],
    fallbackField: code,
    fieldAliases: { password: 'newPassword' },
    onSubmit: async () => {
      if (!code.control.value.trim()) {
        code.setError({ code: 'REQUIRED', message: 'Enter the code you were sent.' });
        code.control.focus();
        return;
      }
      if (typed.differ()) return;
      await call('self:confirmForgotPassword', {
        profileId: o.profile.id,
        username: user,
        code: code.control.value.trim(),
        newPassword: typed.password.control.value,
      });
      toast('Password changed. Sign in with your new password.');
      o.done(user, true);
    },
  });
  return {
    element: stepFrame({
      context: `Reset password · ${o.profile.displayName} · ${user}`,
      title: 'Enter the code and a new password',
      body: [...above, form.element],
      keys: 'Enter sets the password · Esc goes back',
    }),
    focus: code.control,
    back: () => o.done(user, false),
  };
}
