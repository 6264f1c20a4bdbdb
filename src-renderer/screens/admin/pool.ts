/**
 * The pool's configuration as Cognito reports it: why a user gets the
 * challenges they get (MFA, devices, password rules, each client's flows).
 */
import type { PoolOverviewView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import type { AdminContext, AdminView } from './context';
import { describePolicy } from './policy-text';

const MFA_WORDS = {
  OFF: 'Off: no second factor is ever asked.',
  ON: 'Required: every user must pass a second factor (and set one up at the first sign-in).',
  OPTIONAL:
    'Optional: users who set up a factor are asked for it; others sign in with the password.',
} as const;

function facts(rows: [string, string][]): HTMLElement {
  return h(
    'dl',
    { class: 'admin-facts' },
    ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function render(p: PoolOverviewView): HTMLElement[] {
  const factors = [
    p.totpEnabled && 'authenticator app',
    p.smsEnabled && 'text message',
    p.emailEnabled && 'email code',
  ].filter((s): s is string => typeof s === 'string');
  return [
    h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'pool-mfa' },
      h('h3', { id: 'pool-mfa' }, 'Sign-in rules'),
      facts([
        ['Pool', `${p.name ?? ''} (${p.poolId})`],
        ['MFA', MFA_WORDS[p.mfaConfiguration]],
        ['Factors offered', factors.length ? factors.join(', ') : 'none'],
        [
          'Devices',
          p.deviceTracking
            ? `Tracked; ${p.deviceTracking.onlyRememberedOnUserPrompt ? 'remembered only when the user agrees' : 'always remembered'}; ${p.deviceTracking.challengeRequiredOnNewDevice ? 'a remembered device skips MFA' : 'MFA is asked on every device'}.`
            : 'Not tracked: every sign-in is a new device.',
        ],
        ['Passwords', describePolicy(p.passwordPolicy)],
        [
          'Threat protection',
          p.threatProtection === 'OFF' ? 'Off (no sign-in history)' : p.threatProtection,
        ],
        [
          'Sign-in names',
          p.usernameAttributes.length
            ? `Users sign in with their ${p.usernameAttributes.join(' or ')}.`
            : p.aliasAttributes.length
              ? `Username, or a verified ${p.aliasAttributes.join(' or ')}.`
              : 'Username only.',
        ],
        ['Groups', p.groups.length ? p.groups.join(', ') : 'none'],
      ]),
    ),
    h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'pool-clients' },
      h('h3', { id: 'pool-clients' }, 'App clients'),
      h(
        'ul',
        { class: 'admin-list' },
        ...p.clients.map((c) =>
          h(
            'li',
            {},
            h('strong', {}, c.name),
            ` (${c.clientId}) · ${c.hasSecret ? 'has a client secret' : 'public'} · flows: ${c.authFlows.map((f) => f.replace(/^ALLOW_/, '')).join(', ') || 'none'}${c.authSessionValidityMinutes ? ` · each sign-in step has ${c.authSessionValidityMinutes} min` : ''}`,
          ),
        ),
      ),
    ),
  ];
}

export function poolView(ctx: AdminContext): AdminView {
  const title = h('h2', { tabindex: -1 }, 'Pool');
  const body = h('div', {}, h('p', { class: 'load-status' }, 'Asking Cognito about the pool…'));
  const load = async (): Promise<void> => {
    try {
      body.replaceChildren(...render(await call('admin:overview', { profileId: ctx.profile.id })));
    } catch (e) {
      body.replaceChildren(errorPanel('The pool could not be read', e, () => void load()));
    }
  };
  void load();
  return {
    element: h('section', { class: 'admin-section', 'aria-label': 'Pool' }, title, body),
    focus: title,
  };
}
