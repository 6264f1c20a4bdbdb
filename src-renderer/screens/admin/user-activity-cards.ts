/** What Cognito keeps about the user: attributes, recent sign-ins, and the sessions open now. */
import type { AdminUserDetail } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorBox } from '../../ui/error-display';
import { action, section, when } from './user-card';
import type { UserContext } from './user-context';
import { signInMethodName } from '../../ui/sign-in-methods';

export function attributesCard(u: AdminUserDetail): HTMLElement {
  return section(
    'Attributes',
    h(
      'dl',
      { class: 'admin-facts' },
      ...u.attributes.flatMap((a) => [h('dt', {}, a.name), h('dd', {}, a.value)]),
    ),
  );
}

export function recentSignInsCard(u: AdminUserDetail): HTMLElement {
  return section(
    'Recent sign-ins',
    u.authEvents === null
      ? h(
          'p',
          { class: 'empty-note' },
          'This pool has no threat protection, so Cognito keeps no sign-in history.',
        )
      : u.authEvents.length === 0
        ? h('p', { class: 'empty-note' }, 'No sign-ins recorded yet.')
        : h(
            'ul',
            { class: 'admin-list' },
            ...u.authEvents.map((e) =>
              h(
                'li',
                {},
                `${when(e.at)} · ${e.type} · ${e.response === 'Pass' ? 'succeeded' : e.response === 'Fail' ? 'failed' : e.response}${e.ipAddress ? ` · from ${e.ipAddress}` : ''}`,
              ),
            ),
          ),
  );
}

/** Loaded on its own: a pool or endpoint without session tracking fails here, not the whole page. */
export function sessionsCard({ username, target, change }: UserContext): HTMLElement {
  const content = h('div', {}, h('p', { class: 'load-status' }, 'Asking Cognito for sessions…'));
  const card = section('Sign-in factors and sessions', content);
  void call('admin:sessions', target).then(
    ({ factors, sessions }) => {
      content.replaceChildren(
        h(
          'p',
          {},
          factors.length
            ? `Can sign in with: ${factors.map(signInMethodName).join(', ')}.`
            : 'No sign-in factor is configured.',
        ),
        sessions.length === 0
          ? h('p', { class: 'empty-note' }, 'No active sessions.')
          : h(
              'ul',
              { class: 'admin-list' },
              ...sessions.map((x) =>
                h(
                  'li',
                  {},
                  h(
                    'span',
                    {},
                    `Signed in ${when(x.createdAt)} · last active ${when(x.lastActiveAt)}${x.device ? ` · ${x.device}` : ''}${x.lastIpAddress ? ` · ${x.lastIpAddress}` : ''}${x.location ? ` · ${x.location}` : ''}${x.clientId ? ` · app client ${x.clientId}` : ''}`,
                  ),
                  action(
                    'Revoke',
                    () =>
                      void change({
                        title: `Revoke this session of ${username}?`,
                        message: `The session signed in ${when(x.createdAt)} ends: its refresh token stops working and that device must sign in again. Their other sessions go on.`,
                        confirmLabel: 'Revoke session',
                        done: 'The session was revoked.',
                        run: () =>
                          call('admin:revokeSession', { ...target, sessionId: x.sessionId }),
                      }),
                  ),
                ),
              ),
            ),
      );
    },
    (e: unknown) => content.replaceChildren(errorBox(e)),
  );
  return card;
}
