/**
 * One screen per Cognito challenge that needs the person: SMS_MFA,
 * EMAIL_OTP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE, NEW_PASSWORD_REQUIRED,
 * CUSTOM_CHALLENGE and MFA_SETUP. Main describes each step (title, fields,
 * destination, session expiry); this module lays it out and builds the answer.
 */
import type {
  AuthStepView,
  MfaType,
  ProfileView,
  RequestOf,
  StepField,
} from '../../../src-main/ipc/contract';
import { ApiError } from '../../api';
import { codeField } from '../../ui/code-field';
import { h, uid } from '../../ui/dom';
import { passwordsDiffer, textField } from '../../ui/field';
import type { Field } from '../../ui/field';
import { createForm } from '../../ui/form';
import type { Form } from '../../ui/form';
import { enrollForm } from '../enroll/enroll-form';
import { sessionCountdown } from '../enroll/session-countdown';
import type { SessionCountdown } from '../enroll/session-countdown';
import { policyChecklist } from './password-policy';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export type Answer = RequestOf<'auth:respond'>['answer'];

export interface ChallengeActions {
  respond(answer: Answer): Promise<void>;
  autofill(): Promise<void>;
  restart(): Promise<void>;
  /** Abandon this attempt and go back to the password. */
  startOver(): void;
  /** The attempt's Session expiry as main has it now (undefined when the attempt is gone). */
  sessionExpiresAt(): Promise<number | undefined>;
}

const CODE_ERRORS = new Set([
  'CODE_MISMATCH',
  'CODE_EXPIRED',
  'CODE_ALREADY_USED',
  'TOTP_VERIFY_FAILED',
]);

function inputField(f: StepField, describedBy?: string[]): Field<HTMLInputElement> {
  const made = textField({
    describedBy,
    name: f.name,
    label: f.required ? f.label : `${f.label} (optional)`,
    hint: f.hint,
    type: f.type === 'password' ? 'password' : 'text',
    value: f.value,
    required: f.required,
    autocomplete: f.autocomplete,
  });
  if (f.type === 'email' || f.type === 'tel') made.control.type = f.type;
  return made;
}

/** A radio group for `choice` fields; Enter on a radio submits like any field. */
export function choiceGroup(f: StepField): { element: HTMLElement; value(): string | undefined } {
  const legendId = uid('legend');
  const radios = (f.options ?? []).map((opt, i) => {
    const id = uid(`choice-${f.name}`);
    const radio = h('input', {
      type: 'radio',
      id,
      name: f.name,
      value: opt.value,
      checked: i === 0,
    });
    return {
      radio,
      row: h('div', { class: 'checkbox-row' }, radio, h('label', { for: id }, opt.label)),
    };
  });
  const element = h(
    'fieldset',
    { class: 'choice-group', 'aria-labelledby': legendId },
    h('legend', { id: legendId, class: 'field-label' }, f.label),
    ...radios.map((r) => r.row),
  );
  return { element, value: () => radios.find((r) => r.radio.checked)?.radio.value };
}

function deliveryLine(view: AuthStepView): HTMLElement | null {
  if (!view.codeDeliveryDestination) return null;
  const how = view.codeDeliveryMedium === 'EMAIL' ? 'by email' : 'by text message';
  return h(
    'p',
    { class: 'delivery' },
    `Sent ${how} to `,
    h('strong', {}, view.codeDeliveryDestination),
    '. It can take a minute to arrive.',
  );
}

function parametersList(params: Record<string, string> | undefined): HTMLElement | null {
  const entries = Object.entries(params ?? {});
  if (entries.length === 0) return null;
  return h(
    'dl',
    { class: 'challenge-parameters', 'aria-label': 'Challenge details' },
    ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

export function challengeStep(
  view: AuthStepView,
  profile: ProfileView,
  computerName: string,
  actions: ChallengeActions,
): WizardStep {
  const kept =
    profile.authFlow === 'CUSTOM_AUTH'
      ? 'your username is kept.'
      : 'your username and password are kept.';
  const countdownUntil = (expiresAt: number): SessionCountdown =>
    sessionCountdown({
      expiresAt,
      validityMinutes: profile.authSessionValidityMinutes,
      purpose: view.kind === 'MFA_SETUP' ? 'finish the setup' : 'finish this step',
      restartNote:
        view.kind === 'MFA_SETUP'
          ? `you get a new QR code (remove the old entry from your authenticator app); ${kept}`
          : kept,
      onRestart: actions.restart,
    });
  let countdown =
    view.sessionExpiresAt !== undefined ? countdownUntil(view.sessionExpiresAt) : undefined;
  // A rejected custom answer comes with a new Session, so the time left starts again.
  const renewCountdown = async (): Promise<void> => {
    const expiresAt = await actions.sessionExpiresAt();
    if (!countdown || expiresAt === undefined) return;
    const fresh = countdownUntil(expiresAt);
    countdown.element.replaceWith(fresh.element);
    countdown.stop();
    countdown = fresh;
  };
  const startOver = button('Start over', actions.startOver);
  const context = `Sign in · ${profile.displayName} · ${view.username}`;
  const keys = 'Enter continues · Esc starts over';

  if (view.kind === 'MFA_SETUP' && view.setup) {
    const enroll = enrollForm({
      setup: view.setup,
      setupRef: { attemptId: view.attemptId },
      computerName,
      submitLabel: 'Verify and continue',
      busyLabel: 'Checking the code…',
      secondary: [startOver],
      onSubmit: (a) =>
        actions.respond({
          kind: 'MFA_SETUP',
          useThisComputer: a.useThisComputer,
          friendlyDeviceName: a.friendlyDeviceName,
          ...(a.code !== undefined ? { code: a.code } : {}),
        }),
    });
    return {
      element: stepFrame({
        context,
        title: view.title,
        description: view.description,
        // The Session's clock first: setup is the step where people run out of time.
        body: [countdown?.element, enroll.element],
        keys,
      }),
      focus: enroll.firstControl,
      back: actions.startOver,
      dispose: () => countdown?.stop(),
    };
  }

  const fields: Field[] = [];
  const layout: Node[] = [];
  let choice: ReturnType<typeof choiceGroup> | undefined;
  let code: Field<HTMLInputElement> | undefined;
  let newPassword: Field<HTMLInputElement> | undefined;
  let confirm: Field<HTMLInputElement> | undefined;

  for (const f of view.fields) {
    if (f.type === 'code') {
      code = codeField({
        name: f.name,
        label: f.label,
        hint: f.hint ?? 'Paste it or type it; it is checked as soon as the last digit is in.',
        digits: f.length ?? 6,
        onComplete: () => form.submit(),
      });
      fields.push(code);
      layout.push(code.root);
    } else if (f.type === 'choice') {
      choice = choiceGroup(f);
      layout.push(choice.element);
    } else if (f.name === 'newPassword') {
      const policyId = uid('policy');
      const checklist = view.passwordPolicy
        ? policyChecklist(view.passwordPolicy, policyId)
        : undefined;
      newPassword = inputField(f, checklist ? [policyId] : undefined);
      if (checklist) {
        newPassword.control.addEventListener('input', () =>
          checklist.update(newPassword?.control.value ?? ''),
        );
      }
      confirm = textField({
        name: 'confirmPassword',
        label: 'Type the new password again',
        type: 'password',
        autocomplete: 'new-password',
        required: true,
      });
      fields.push(newPassword, confirm);
      layout.push(newPassword.root);
      if (checklist) layout.push(checklist.element);
      layout.push(confirm.root);
    } else {
      const made = inputField(f);
      fields.push(made);
      layout.push(made.root);
    }
  }

  let autofillButton: HTMLButtonElement | undefined;
  if (view.kind === 'SOFTWARE_TOKEN_MFA' && view.canAutofill) {
    autofillButton = button(
      'Fill in the code from this computer',
      () => {
        if (!autofillButton) return;
        autofillButton.disabled = true;
        autofillButton.textContent = 'Filling in the code…';
        actions
          .autofill()
          .catch((e: unknown) => {
            if (e instanceof ApiError) form.showError(e.info);
            else throw e;
          })
          .finally(() => {
            if (!autofillButton) return;
            autofillButton.disabled = false;
            autofillButton.textContent = 'Fill in the code from this computer';
          });
      },
      'primary',
    );
  }

  const answer = (): Answer | undefined => {
    switch (view.kind) {
      case 'SMS_MFA':
      case 'EMAIL_OTP':
      case 'SMS_OTP':
      case 'SOFTWARE_TOKEN_MFA':
        return { kind: view.kind, code: code?.control.value ?? '' };
      case 'SELECT_MFA_TYPE': {
        const picked = choice?.value();
        return picked ? { kind: 'SELECT_MFA_TYPE', mfaType: picked as MfaType } : undefined;
      }
      case 'CUSTOM_CHALLENGE':
        return {
          kind: 'CUSTOM_CHALLENGE',
          answer: (fields.find((f) => f.name === 'answer')?.control.value ?? '').trim(),
        };
      case 'NEW_PASSWORD_REQUIRED': {
        const attributes: Record<string, string> = {};
        for (const f of fields) {
          if (f.name.startsWith('attributes.'))
            attributes[f.name.slice('attributes.'.length)] = f.control.value;
        }
        return {
          kind: 'NEW_PASSWORD_REQUIRED',
          newPassword: newPassword?.control.value ?? '',
          attributes,
        };
      }
      default:
        return undefined;
    }
  };

  const form: Form = createForm({
    fields,
    layout: [...layout, ...(countdown ? [countdown.element] : [])],
    submitLabel: 'Continue',
    busyLabel: view.kind === 'NEW_PASSWORD_REQUIRED' ? 'Saving your password…' : 'Checking…',
    secondary: [startOver],
    fallbackField: code,
    onSubmit: async () => {
      if (newPassword && confirm && passwordsDiffer(newPassword, confirm, 'new password')) return;
      const a = answer();
      if (!a) return;
      try {
        await actions.respond(a);
      } catch (e) {
        // A wrong or stale code: empty the field so the next code can be typed straight away.
        if (code && e instanceof ApiError && CODE_ERRORS.has(e.code)) code.control.value = '';
        if (e instanceof ApiError && e.code === 'CUSTOM_ANSWER_REJECTED')
          // Only the countdown is at stake: the old one stays if main cannot be asked.
          await renewCountdown().catch(() => undefined);
        throw e;
      }
    },
  });
  form.element.addEventListener('keydown', (event) => {
    const t = event.target;
    if (event.key === 'Enter' && t instanceof HTMLInputElement && t.type === 'radio') {
      event.preventDefault();
      form.submit();
    }
  });

  const body: (Node | null)[] = [
    deliveryLine(view),
    parametersList(view.challengeParameters),
    autofillButton
      ? h(
          'div',
          { class: 'autofill' },
          autofillButton,
          h('p', { class: 'field-hint' }, 'Or type the code from your authenticator:'),
        )
      : null,
    form.element,
  ];
  const firstInput = form.element.querySelector<HTMLElement>('input, select, textarea');
  // With a destination, the delivery line says it all; the description would repeat it.
  const description = view.codeDeliveryDestination ? undefined : view.description;
  return {
    element: stepFrame({ context, title: view.title, description, body, keys }),
    focus: autofillButton ?? firstInput ?? form.submitButton,
    back: actions.startOver,
    dispose: () => countdown?.stop(),
  };
}
