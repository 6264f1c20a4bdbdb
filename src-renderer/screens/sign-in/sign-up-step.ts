/**
 * Creating an account where the app client allows it: username, email and
 * password (SignUp), then the code that confirms it (ConfirmSignUp), with a
 * new code on request. Where the profile says only administrators create
 * users, one sentence saying so stands in for the form; a pool that refuses
 * SignUp without the profile knowing gets the same sentence as the answer.
 */
import type { CodeDeliveryView, ProfileView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { deliverySentence, sentCode } from './forgot-password-step';
import { newPasswordFields } from './new-password-fields';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface SignUpOptions {
  profile: ProfileView;
  show(step: WizardStep): void;
  /** Back to the password step; `username` once the account exists. */
  done(username?: string): void;
}

export function signUpStep(o: SignUpOptions): WizardStep {
  return o.profile.adminCreateUserOnly ? adminOnlyStep(o) : signUpForm(o);
}

function adminOnlyStep(o: SignUpOptions): WizardStep {
  const back = button('Back to sign-in', () => o.done(), 'primary');
  return {
    element: stepFrame({
      context: `Create an account · ${o.profile.displayName}`,
      title: 'Create an account',
      body: [
        h(
          'p',
          {},
          'In this pool, only administrators create accounts. Ask your administrator for one.',
        ),
        h('div', { class: 'form-actions start' }, back),
      ],
      keys: 'Esc goes back',
    }),
    focus: back,
    back: () => o.done(),
  };
}

function signUpForm(o: SignUpOptions): WizardStep {
  const username = textField({
    name: 'username',
    label: 'Username',
    autocomplete: 'username',
    required: true,
  });
  const email = textField({
    name: 'email',
    label: 'Email address',
    autocomplete: 'email',
    required: true,
  });
  email.control.type = 'email';
  const typed = newPasswordFields({
    name: 'password',
    label: 'Password',
    policy: o.profile.passwordPolicy,
    typedTwice: 'password',
  });
  const { password } = typed;
  const form = createForm({
    fields: [username, email, ...typed.fields],
    layout: [username.root, email.root, ...typed.layout],
    submitLabel: 'Create the account',
    busyLabel: 'Creating your account…',
    secondary: [button('Back', () => o.done())],
    fieldAliases: { newPassword: 'password' },
    onSubmit: async () => {
      for (const f of [username, email, password]) {
        if (!f.control.value.trim()) {
          f.setError({
            code: 'REQUIRED',
            message: `Enter ${f === email ? 'your email address' : `a ${f.name}`}.`,
          });
          f.control.focus();
          return;
        }
      }
      if (typed.differ()) return;
      const name = username.control.value.trim();
      const made = await call('self:signUp', {
        profileId: o.profile.id,
        username: name,
        password: password.control.value,
        attributes: { email: email.control.value.trim() },
      });
      if (made.confirmed) {
        toast('Account created. Sign in with it.');
        o.done(name);
      } else o.show(confirmStep(o, name, made.delivery));
    },
  });
  return {
    element: stepFrame({
      context: `Create an account · ${o.profile.displayName}`,
      title: 'Create an account',
      description: `A new account in ${o.profile.displayName}. We send a code to confirm it.`,
      body: [form.element],
      keys: 'Enter creates the account · Esc goes back',
    }),
    focus: username.control,
    back: () => o.done(),
  };
}

function confirmStep(
  o: SignUpOptions,
  user: string,
  delivery: CodeDeliveryView | undefined,
): WizardStep {
  const { code, above } = sentCode({
    sentence: delivery ? deliverySentence(delivery) : 'We sent you a code.',
    resend: () => call('self:resendSignUpCode', { profileId: o.profile.id, username: user }),
    showError: (error) => form.showError(error),
  });
  const form = createForm({
    fields: [code],
    submitLabel: 'Confirm the account',
    busyLabel: 'Confirming…',
    secondary: [button('Back', () => o.done(user))],
    fallbackField: code,
    onSubmit: async () => {
      await call('self:confirmSignUp', {
        profileId: o.profile.id,
        username: user,
        code: code.control.value.trim(),
      });
      toast('Account confirmed. Sign in with it.');
      o.done(user);
    },
  });
  return {
    element: stepFrame({
      context: `Create an account · ${o.profile.displayName} · ${user}`,
      title: 'Confirm your account',
      body: [...above, form.element],
      keys: 'Enter confirms · Esc goes back',
    }),
    focus: code.control,
    back: () => o.done(user),
  };
}
