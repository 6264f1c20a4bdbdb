/**
 * My account: my attributes (an unverified email or phone gets a code to
 * verify it), my sign-in methods (GetUserAuthFactors) and changing my
 * password (ChangePassword).
 */
import type { AccountView, ProfileView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { errorDetails, textField } from '../../ui/field';
import { createForm } from '../../ui/form';
import { toast } from '../../ui/live';
import { deliverySentence } from './sent-code';
import { newPasswordFields } from './new-password-fields';
import { signInMethodName } from '../../ui/sign-in-methods';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';

export interface MyAccountOptions {
  profile: ProfileView;
  username: string;
  back(): void;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  email: 'Email address',
  phone_number: 'Phone number',
  name: 'Name',
};

function verifyForm(profileId: string, attribute: string, sent: string, onDone: () => void) {
  const code = textField({
    name: 'code',
    label: 'Verification code',
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    required: true,
  });
  const form = createForm({
    fields: [code],
    layout: [h('p', { role: 'status' }, sent), code.root],
    submitLabel: 'Verify',
    busyLabel: 'Verifying…',
    fallbackField: code,
    onSubmit: async () => {
      await call('account:verifyAttribute', {
        profileId,
        attribute,
        code: code.control.value.trim(),
      });
      toast('Verified.');
      onDone();
    },
  });
  return { form, focus: code.control };
}

function attributesSection(o: MyAccountOptions, account: AccountView, reload: () => void) {
  // Below the list, not in it: a button inside a value cell cannot wrap at 320 px.
  const verifications: HTMLElement[] = [];
  const rows = account.attributes.map((a) => {
    const value = h('dd', {}, a.value);
    if (a.verified === false) {
      const label = ATTRIBUTE_NAMES[a.name] ?? a.name;
      const verify = button(`Verify ${label.toLowerCase()}…`, () => {
        verify.disabled = true;
        call('account:sendVerificationCode', { profileId: o.profile.id, attribute: a.name })
          .then((d) => {
            const { form, focus } = verifyForm(o.profile.id, a.name, deliverySentence(d), reload);
            verify.replaceWith(form.element);
            focus.focus();
          })
          .catch((e: unknown) => {
            verify.disabled = false;
            const info = errorInfo(e);
            verify.after(h('p', { class: 'form-error', role: 'alert' }, info.message));
          });
      });
      value.append(' (not verified)');
      verifications.push(h('div', { class: 'form-actions start' }, verify));
    } else if (a.verified) value.append(' (verified)');
    return [h('dt', {}, ATTRIBUTE_NAMES[a.name] ?? a.name), value];
  });
  return h(
    'section',
    { class: 'session-item', 'aria-label': 'Your details' },
    h('h2', { class: 'session-title' }, 'Your details'),
    h('dl', { class: 'facts' }, ...rows.flat()),
    ...verifications,
  );
}

function methodsSection(account: AccountView) {
  return h(
    'section',
    { class: 'session-item', 'aria-label': 'Ways you can sign in' },
    h('h2', { class: 'session-title' }, 'Ways you can sign in'),
    h(
      'ul',
      {},
      ...account.signInMethods.map((m) =>
        h(
          'li',
          {},
          signInMethodName(m),
          account.preferredMfa === 'SOFTWARE_TOKEN_MFA' && m === 'SOFTWARE_TOKEN'
            ? ' (preferred second factor)'
            : '',
        ),
      ),
    ),
  );
}

function passwordSection(o: MyAccountOptions) {
  const previous = textField({
    name: 'previousPassword',
    label: 'Current password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const typed = newPasswordFields({
    name: 'proposedPassword',
    label: 'New password',
    policy: o.profile.passwordPolicy,
  });
  const proposed = typed.password;
  const form = createForm({
    fields: [previous, ...typed.fields],
    layout: [previous.root, ...typed.layout],
    submitLabel: 'Change password',
    busyLabel: 'Changing your password…',
    fieldAliases: { password: 'previousPassword', newPassword: 'proposedPassword' },
    onSubmit: async () => {
      await call('account:changePassword', {
        profileId: o.profile.id,
        previousPassword: previous.control.value,
        proposedPassword: proposed.control.value,
      });
      previous.control.value = '';
      proposed.control.value = '';
      toast('Password changed.');
    },
  });
  return h(
    'section',
    { class: 'session-item', 'aria-label': 'Change your password' },
    h('h2', { class: 'session-title' }, 'Change your password'),
    form.element,
  );
}

export function myAccountStep(o: MyAccountOptions): WizardStep {
  const status = h('p', { class: 'load-status', role: 'status' }, 'Loading your account…');
  const content = h('div', { class: 'session-list' });
  const back = button('Back', o.back);
  const load = (): void => {
    call('account:get', { profileId: o.profile.id }).then(
      (account) => {
        status.hidden = true;
        content.replaceChildren(
          attributesSection(o, account, load),
          methodsSection(account),
          passwordSection(o),
        );
      },
      (e: unknown) => {
        const info = errorInfo(e);
        status.textContent = 'Your account could not be loaded.';
        content.replaceChildren(
          h(
            'div',
            { class: 'form-error', role: 'alert' },
            h('p', {}, info.message),
            h('p', { class: 'error-details' }, errorDetails(info)),
          ),
        );
      },
    );
  };
  load();
  return {
    element: stepFrame({
      context: `Signed in · ${o.profile.displayName} · ${o.username}`,
      title: 'Your account',
      body: [status, content, h('div', { class: 'form-actions start' }, back)],
      keys: 'Esc goes back',
    }),
    focus: back,
    back: o.back,
  };
}
