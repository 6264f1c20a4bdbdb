/**
 * USER_AUTH's SELECT_CHALLENGE: how to sign in — the password, or a code by
 * email or text message. The password field shows only while "Password" is
 * chosen. A passkey is explained, not offered (see the step's description).
 */
import type { AuthStepView, ProfileView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { choiceGroup } from './challenge-fields';
import type { Answer } from './challenge-answer';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface ChooseFactorActions {
  respond(answer: Answer): Promise<void>;
  startOver(): void;
}

type Factor = NonNullable<AuthStepView['firstFactors']>[number];

export function chooseFactorStep(
  view: AuthStepView,
  profile: ProfileView,
  actions: ChooseFactorActions,
): WizardStep {
  const context = `Sign in · ${profile.displayName} · ${view.username}`;
  const startOver = button('Start over', actions.startOver);
  const factors = view.firstFactors ?? [];
  const options = view.fields.find((f) => f.name === 'factor')?.options ?? [];
  if (factors.length === 0) {
    return {
      element: stepFrame({
        context,
        title: view.title,
        description: view.description,
        body: [h('div', { class: 'form-actions start' }, startOver)],
        keys: 'Esc starts over',
      }),
      focus: startOver,
      back: actions.startOver,
    };
  }

  const factorField = view.fields.find((f) => f.name === 'factor');
  const group = choiceGroup(
    factorField ?? {
      name: 'factor',
      label: 'Sign in with',
      type: 'choice',
      required: true,
      options,
    },
  );
  const radios = [...group.element.querySelectorAll<HTMLInputElement>('input[type=radio]')];
  const password = textField({
    name: 'password',
    label: 'Your password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const chosen = (): Factor => (group.value() ?? factors[0]) as Factor;
  const sync = (): void => {
    password.root.hidden = chosen() !== 'PASSWORD';
    form.submitButton.textContent = chosen() === 'PASSWORD' ? 'Sign in' : 'Send me a code';
  };
  const form = createForm({
    fields: [password],
    layout: [group.element, password.root],
    submitLabel: 'Sign in',
    busyLabel: 'Working…',
    secondary: [startOver],
    fallbackField: password,
    onSubmit: async () => {
      const factor = chosen();
      if (factor === 'PASSWORD' && !password.control.value) {
        password.setError({ code: 'REQUIRED', message: 'Enter your password.' });
        password.control.focus();
        return;
      }
      await actions.respond({
        kind: 'SELECT_CHALLENGE',
        factor,
        password: factor === 'PASSWORD' ? password.control.value : '',
      });
    },
  });
  for (const r of radios) r.addEventListener('change', sync);
  form.element.addEventListener('keydown', (event) => {
    const t = event.target;
    if (event.key === 'Enter' && t instanceof HTMLInputElement && t.type === 'radio') {
      event.preventDefault();
      form.submit();
    }
  });
  sync();
  return {
    element: stepFrame({
      context,
      title: view.title,
      description: view.description,
      body: [form.element],
      keys: 'Arrow keys choose · Enter continues · Esc starts over',
    }),
    focus: radios[0],
    back: actions.startOver,
  };
}
