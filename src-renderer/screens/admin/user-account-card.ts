/** The user's account: status, what the next sign-in asks, and the changes to the account as a whole. */
import type { AdminUserDetail } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { temporaryPasswordDialog } from './temporary-password-dialog';
import { action, section, when } from './user-card';
import type { UserContext } from './user-context';
import { statusWords } from './users';

function accountActions(u: AdminUserDetail, user: UserContext): (HTMLElement | null)[] {
  const { admin, username, target, change, destructive } = user;
  return [
    action('Enroll at this desk…', () => admin.openDesk(username), 'primary'),
    u.status === 'FORCE_CHANGE_PASSWORD'
      ? action(
          'Resend invitation',
          () =>
            void change({
              title: `Resend ${username}’s invitation?`,
              message: `Cognito makes a new temporary password and emails it to ${u.email ?? 'their email address'}. The old one stops working.`,
              confirmLabel: 'Resend',
              done: `Invitation sent again to ${username}.`,
              run: () => call('admin:resendInvitation', { ...target, delivery: 'EMAIL' }),
            }),
        )
      : null,
    action(
      'Reset password…',
      () =>
        void change({
          title: `Reset ${username}’s password?`,
          message: `Their password stops working now. Cognito sends them a code, and they must choose a new password before signing in.`,
          confirmLabel: 'Reset password',
          done: `${username} must reset their password.`,
          run: () => call('admin:resetPassword', target),
        }),
    ),
    action('Set temporary password…', () => temporaryPasswordDialog(user)),
    action(
      u.enabled ? 'Disable account…' : 'Enable account',
      () =>
        void change({
          title: u.enabled ? `Disable ${username}?` : `Enable ${username}?`,
          message: u.enabled
            ? `${username} can no longer sign in. Tokens they already have keep working until they expire; sign them out everywhere too to end those.`
            : `${username} can sign in again.`,
          confirmLabel: u.enabled ? 'Disable' : 'Enable',
          done: u.enabled ? `${username} is disabled.` : `${username} is enabled.`,
          run: () => call('admin:setEnabled', { ...target, enabled: !u.enabled }),
        }),
    ),
    action(
      'Sign out everywhere…',
      () =>
        void destructive({
          title: `Sign ${username} out everywhere?`,
          message: `Every session of ${username} ends, on every device: their refresh tokens stop working and they must sign in again.`,
          confirmLabel: 'Sign out everywhere',
          done: `${username} is signed out everywhere.`,
          run: (typed) => call('admin:signOutEverywhere', { ...target, confirmUsername: typed }),
        }),
      'danger',
    ),
    action(
      'Delete user…',
      () =>
        void destructive({
          title: `Delete ${username}?`,
          message: `${username} and everything Cognito keeps for them (attributes, factors, devices, groups) are deleted. This cannot be undone.`,
          confirmLabel: 'Delete user',
          done: `${username} was deleted.`,
          run: (typed) => call('admin:deleteUser', { ...target, confirmUsername: typed }),
          after: admin.openUsers,
        }),
      'danger',
    ),
  ];
}

export function accountCard(u: AdminUserDetail, user: UserContext): HTMLElement {
  return section(
    'Account',
    h(
      'dl',
      { class: 'admin-facts' },
      h('dt', {}, 'Status'),
      h('dd', {}, statusWords(u.status)),
      h('dt', {}, 'Account'),
      h('dd', {}, u.enabled ? 'Enabled' : 'Disabled'),
      h('dt', {}, 'Created'),
      h('dd', {}, when(u.createdAt)),
    ),
    h('p', { class: 'admin-next' }, h('strong', {}, 'Next sign-in: '), u.nextSignIn),
    h('div', { class: 'admin-actions' }, ...accountActions(u, user)),
  );
}
