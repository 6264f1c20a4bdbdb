/**
 * Step 2: username and password, with every demo user's credentials shown
 * in demo mode. A CUSTOM_AUTH profile asks for the username only: the pool's own
 * challenges follow, and no password is sent.
 */
import type { DemoCredentialView, ProfileView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface PasswordStepOptions {
  profile: ProfileView;
  /** Pre-filled, e.g. after signing out or a restart. */
  username?: string;
  /** `password` is undefined for a CUSTOM_AUTH profile. */
  /** `signal` aborts when the person cancels the wait; a late answer must then be dropped. */
  onSubmit(username: string, password: string | undefined, signal: AbortSignal): Promise<void>;
  onBack(): void;
  /** "Forgot password?", with what is typed in the username field. */
  onForgotPassword(username: string): void;
  onSignUp(): void;
  /** The demo banner's way to another demo profile, with its user's name filled in. */
  onDemoProfile(profileId: string, username: string): void;
}

function credentialText(c: DemoCredentialView): (string | HTMLElement)[] {
  return [
    'Username ',
    h('code', {}, c.username),
    ...(c.password !== undefined ? [', password ', h('code', {}, c.password)] : [', no password']),
    c.note ? ` — ${c.note}` : '',
    ' ',
  ];
}

/** Every demo user: this profile's are filled in here, the others open their own profile. */
function demoBanner(
  profile: ProfileView,
  use: (username: string, password: string | undefined) => void,
  open: (profileId: string, username: string) => void,
): HTMLElement | null {
  const creds = profile.demoCredentials;
  if (!profile.isDemo || !creds?.length) return null;
  const here = creds.filter((c) => c.profileId === profile.id);
  const elsewhere = creds.filter((c) => c.profileId !== profile.id);
  const list = (items: HTMLElement[]) => h('ul', {}, ...items);
  return h(
    'aside',
    { class: 'demo-banner', 'aria-label': 'Demo mode' },
    h('p', { class: 'demo-title' }, 'Demo mode'),
    h(
      'p',
      {},
      'This pool runs inside the app, so you can try everything without a company account.',
    ),
    here.length
      ? list(
          here.map((c) =>
            h(
              'li',
              {},
              ...credentialText(c),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button small subtle',
                  'aria-label': `Fill in ${c.username}`,
                  onclick: () => use(c.username, c.password),
                },
                'Fill in',
              ),
            ),
          ),
        )
      : null,
    elsewhere.length ? h('p', {}, 'Other ways in, each with a demo profile of its own:') : null,
    elsewhere.length
      ? list(
          elsewhere.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.profileName),
              ': ',
              ...credentialText(c),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button small subtle',
                  'aria-label': `Try it: ${c.profileName}`,
                  onclick: () => open(c.profileId, c.username),
                },
                'Try it',
              ),
            ),
          ),
        )
      : null,
  );
}

function describe(profile: ProfileView): string {
  const pool = `the user pool ${profile.userPoolId}`;
  switch (profile.authFlow) {
    case 'CUSTOM_AUTH':
      return `Enter your username for ${pool}. The pool then asks its own sign-in questions; no password is needed here.`;
    case 'USER_SRP_AUTH':
      return `Enter your username and password for ${pool}. The password is proved with SRP: it never leaves this computer.`;
    case 'USER_PASSWORD_AUTH':
      return `Enter your username and password for ${pool}.`;
    case 'USER_AUTH':
      return `Enter your username for ${pool}. You then choose how to sign in: with your password or with a code.`;
  }
}

export function passwordStep(o: PasswordStepOptions): WizardStep {
  // These flows ask for the username alone; what proves the user comes as a step.
  const custom = o.profile.authFlow === 'CUSTOM_AUTH' || o.profile.authFlow === 'USER_AUTH';
  const username = textField({
    name: 'username',
    label: 'Username or email',
    autocomplete: 'username',
    value: o.username,
    required: true,
  });
  const password = textField({
    name: 'password',
    label: 'Password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = createForm({
    fields: custom ? [username] : [username, password],
    submitLabel: 'Sign in',
    busyLabel: custom ? 'Starting the sign-in…' : 'Checking your password…',
    secondary: [button('Back', o.onBack)],
    // Main names the password when it is wrong; anything else is not the password's fault.
    fallbackField: custom ? username : undefined,
    onAbandon: () => {
      toast('Sign-in cancelled. Sign in again when you are ready.');
      (custom ? username : password).control.focus();
    },
    onSubmit: async (signal) => {
      const user = username.control.value.trim();
      if (!user) {
        username.setError({ code: 'REQUIRED', message: 'Enter your username.' });
        username.control.focus();
        return;
      }
      if (custom) {
        await o.onSubmit(user, undefined, signal);
        return;
      }
      if (!password.control.value) {
        password.setError({ code: 'REQUIRED', message: 'Enter your password.' });
        password.control.focus();
        return;
      }
      await o.onSubmit(user, password.control.value, signal);
    },
  });
  const element = stepFrame({
    context: `Sign in · ${o.profile.displayName}`,
    title: `Sign in to ${o.profile.displayName}`,
    description: describe(o.profile),
    body: [
      demoBanner(
        o.profile,
        (user, pass) => {
          username.control.value = user;
          password.control.value = pass ?? '';
          form.submitButton.focus();
        },
        o.onDemoProfile,
      ),
      form.element,
      // Below the form rather than among its buttons: they must fit side by side at 320 px.
      h(
        'div',
        { class: 'form-actions start self-service-links' },
        ...(custom
          ? []
          : [
              button(
                'Forgot password?',
                () => o.onForgotPassword(username.control.value.trim()),
                'subtle',
              ),
            ]),
        button('Create an account', o.onSignUp, 'subtle'),
      ),
    ],
    keys: 'Enter signs in · Esc cancels a sign-in in progress, else goes back to the profiles',
  });
  return {
    element,
    focus: username.control.value && !custom ? password.control : username.control,
    back: () => {
      if (!form.abandon()) o.onBack();
    },
  };
}
