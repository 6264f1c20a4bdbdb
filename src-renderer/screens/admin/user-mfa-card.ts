/** The user's second factors, and the admin's ways to change them (a lost phone first). */
import type { AdminUserDetail, MfaType } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { action, section } from './user-card';
import type { UserContext } from './user-context';

const FACTOR_NAMES: Record<MfaType, string> = {
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
  SMS_MFA: 'Text message',
  EMAIL_OTP: 'Email code',
};

function factorsSentence(u: AdminUserDetail): string {
  return u.mfaEnabled.length
    ? `On: ${u.mfaEnabled.map((t) => `${FACTOR_NAMES[t]}${u.preferredMfa === t ? ' (preferred)' : ''}`).join(', ')}.`
    : 'No second factor is set up.';
}

function mfaActions(
  u: AdminUserDetail,
  { username, target, change }: UserContext,
): (HTMLElement | null)[] {
  const mfaOn = u.mfaEnabled.includes('SOFTWARE_TOKEN_MFA');
  return [
    mfaOn
      ? action(
          'Remove authenticator app (lost phone)…',
          () =>
            void change({
              title: `Remove ${username}’s authenticator app?`,
              message: `For a lost or replaced phone: their authenticator app stops working for this pool. If the pool requires MFA, their next sign-in asks them to set up a new one (QR code).`,
              confirmLabel: 'Remove authenticator',
              done: `${username}’s authenticator app was removed.`,
              run: () => call('admin:removeAuthenticator', target),
            }),
          'danger',
        )
      : null,
    mfaOn && u.preferredMfa !== 'SOFTWARE_TOKEN_MFA'
      ? action(
          'Make the authenticator app preferred',
          () =>
            void change({
              title: `Make the authenticator app ${username}’s preferred factor?`,
              message: `Cognito asks ${username} for a code from their authenticator app first.`,
              confirmLabel: 'Make preferred',
              done: 'The authenticator app is preferred.',
              run: () =>
                call('admin:setMfa', {
                  ...target,
                  factor: 'SOFTWARE_TOKEN_MFA',
                  enabled: true,
                  preferred: true,
                }),
            }),
        )
      : null,
    ...u.mfaEnabled
      .filter((t) => t !== 'SOFTWARE_TOKEN_MFA')
      .map((t) =>
        action(
          `Turn off ${FACTOR_NAMES[t]}`,
          () =>
            void change({
              title: `Turn off ${FACTOR_NAMES[t]} for ${username}?`,
              message: `Cognito stops asking ${username} for a ${FACTOR_NAMES[t].toLowerCase()}.`,
              confirmLabel: 'Turn off',
              done: `${FACTOR_NAMES[t]} is off for ${username}.`,
              run: () =>
                call('admin:setMfa', {
                  ...target,
                  factor: t,
                  enabled: false,
                  preferred: false,
                }),
            }),
        ),
      ),
  ];
}

export function mfaCard(u: AdminUserDetail, user: UserContext): HTMLElement {
  return section(
    'Multi-factor authentication',
    h('p', {}, factorsSentence(u)),
    h('div', { class: 'admin-actions' }, ...mfaActions(u, user)),
  );
}
