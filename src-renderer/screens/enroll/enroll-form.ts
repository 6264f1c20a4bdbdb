/**
 * The enrollment step, shared by sign-in (MFA_SETUP, the Session chain) and
 * the settings screen (the AccessToken chain): the setup panel, then either
 * the code from the person's authenticator or "Use this computer as the
 * authenticator", and the authenticator's name (FriendlyDeviceName).
 */
import type { TotpSetupView } from '../../../src-main/ipc/contract';
import { ApiError } from '../../api';
import { codeField } from '../../ui/code-field';
import { h, uid } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import type { Form } from '../../ui/form';
import { setupPanel } from './setup-panel';
import type { SetupRef } from './setup-panel';
import './enroll.css';

export interface EnrollAnswer {
  code?: string;
  useThisComputer: boolean;
  friendlyDeviceName: string;
}

export interface EnrollFormOptions {
  setup: TotpSetupView;
  /** The setup's id in main, for "Copy key"; none: no Copy button. */
  setupRef?: SetupRef;
  /** false: only a phone can be the authenticator (a colleague enrolled at the admin's desk). */
  allowThisComputer?: boolean;
  /** This computer's name: the authenticator's name when it is the authenticator. */
  computerName: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit(answer: EnrollAnswer): Promise<void>;
  /** Placed between the fields and the buttons (e.g. the session countdown, "make preferred"). */
  extra?: Node[];
  secondary?: HTMLButtonElement[];
}

export interface EnrollForm {
  readonly element: HTMLElement;
  readonly form: Form;
  /** The first control of the step, for focus on arrival. */
  readonly firstControl: HTMLElement;
}

export function enrollForm(o: EnrollFormOptions): EnrollForm {
  const code = codeField({
    name: 'code',
    label: '6-digit code from your authenticator app',
    hint: 'After scanning, the app shows a code that changes every 30 seconds. It is checked as soon as you type the sixth digit.',
    onComplete: () => form.submit(),
  });
  const deviceName = textField({
    name: 'friendlyDeviceName',
    label: 'Name for this authenticator (optional)',
    hint: 'Cognito keeps it with your account and shows it when it asks you for a code, so you know which app to open.',
  });
  const panel = setupPanel(o.setup, o.setupRef);

  const checkboxId = uid('use-this-computer');
  const hintId = uid('hint');
  const useThisComputer = h('input', {
    type: 'checkbox',
    id: checkboxId,
    name: 'useThisComputer',
    'aria-describedby': hintId,
  });
  const thisComputer = h(
    'div',
    { class: 'choice-card' },
    h(
      'div',
      { class: 'checkbox-row' },
      useThisComputer,
      h(
        'label',
        { for: checkboxId, class: 'field-label' },
        'Or use this computer as the authenticator',
      ),
    ),
    h(
      'p',
      { class: 'field-hint', id: hintId },
      'No phone at hand? The key is kept in this app’s vault (in your system keychain), and the app enters the code for you now and at later sign-ins.',
    ),
  );

  const sync = (): void => {
    const self = useThisComputer.checked;
    code.root.hidden = self;
    panel.showFor(self ? 'this-computer' : 'phone');
    deviceName.control.placeholder = self ? 'e.g. Work laptop' : 'e.g. Work phone';
    if (self && deviceName.control.value.trim() === '') deviceName.control.value = o.computerName;
    if (!self && deviceName.control.value === o.computerName) deviceName.control.value = '';
  };
  useThisComputer.addEventListener('change', () => {
    code.clearError();
    sync();
  });
  sync();

  const form: Form = createForm({
    fields: [code, deviceName],
    layout: [
      code.root,
      deviceName.root,
      o.allowThisComputer === false ? null : thisComputer,
      ...(o.extra ?? []),
    ].filter((n): n is Node => n !== null),
    submitLabel: o.submitLabel,
    busyLabel: o.busyLabel,
    secondary: o.secondary,
    onSubmit: async () => {
      const self = useThisComputer.checked;
      const answer: EnrollAnswer = {
        useThisComputer: self,
        friendlyDeviceName: deviceName.control.value.trim(),
      };
      if (!self) answer.code = code.control.value;
      try {
        await o.onSubmit(answer);
      } catch (e) {
        // With this computer as the authenticator the code field is hidden: show the error above.
        if (self && e instanceof ApiError && e.info.field === 'code') {
          const { field: _hidden, ...info } = e.info;
          throw new ApiError(e.channel, info);
        }
        throw e;
      }
    },
  });
  const element = h('div', { class: 'enroll' }, panel.element, form.element);
  return { element, form, firstControl: code.control };
}
