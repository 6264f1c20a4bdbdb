/**
 * Where I am signed in (ListUserSessions): each session's app client, device,
 * address and times, this one marked; any other can be revoked after a yes.
 */
import type { ProfileView, UserSessionView } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { confirmDialog } from '../../ui/dialog';
import { h } from '../../ui/dom';
import { errorInfo } from '../../ui/error-display';
import { errorDetails } from '../../ui/field';
import { toast } from '../../ui/live';
import { button, stepFrame } from './step-frame';
import type { WizardStep } from './step-frame';
import { clockTime, relativeTime } from './time-text';

export interface MySessionsOptions {
  profile: ProfileView;
  username: string;
  back(): void;
}

function facts(s: UserSessionView): HTMLElement {
  const rows: [string, string][] = [['Device', s.device === 'unknown' ? 'Unknown' : s.device]];
  if (s.ipAddress) rows.push(['Address', s.ipAddress]);
  if (s.createdAt)
    rows.push(['Signed in', `${clockTime(s.createdAt)} (${relativeTime(s.createdAt)})`]);
  if (s.lastActiveAt) rows.push(['Last active', relativeTime(s.lastActiveAt)]);
  rows.push(['App client', s.clientId]);
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function mySessionsStep(o: MySessionsOptions): WizardStep {
  const list = h('ul', { class: 'session-list', 'aria-label': 'Sessions' });
  const failure = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const status = h('p', { class: 'load-status', role: 'status' }, 'Loading your sessions…');
  const back = button('Back', o.back);

  const fail = (e: unknown): void => {
    const info = errorInfo(e);
    failure.replaceChildren(
      h('p', {}, info.message),
      h('p', { class: 'error-details' }, errorDetails(info)),
    );
    failure.hidden = false;
  };

  const render = (sessions: UserSessionView[]): void => {
    status.textContent =
      sessions.length === 1
        ? 'This is your only active sign-in.'
        : `Your account has ${sessions.length} active sign-ins.`;
    list.replaceChildren(
      ...sessions.map((s, i) => {
        const title = s.isCurrent ? 'This app, here' : `Session ${i + 1}`;
        const item = h(
          'li',
          { class: 'session-item', 'aria-label': title },
          h('h2', { class: 'session-title' }, title),
          facts(s),
        );
        if (!s.isCurrent) {
          const revoke = button(
            'Sign this session out…',
            () => {
              void confirmDialog({
                title: 'Sign this session out?',
                message: `The session on "${s.device}" ends at once; whoever uses it must sign in again. This app stays signed in.`,
                confirmLabel: 'Sign it out',
                danger: true,
              }).then(async (yes) => {
                if (!yes) return;
                revoke.disabled = true;
                revoke.textContent = 'Signing out…';
                failure.hidden = true;
                try {
                  render(
                    (
                      await call('account:revokeSession', {
                        profileId: o.profile.id,
                        sessionId: s.sessionId,
                      })
                    ).sessions,
                  );
                  toast('That session is signed out.');
                  back.focus();
                } catch (e) {
                  revoke.disabled = false;
                  revoke.textContent = 'Sign this session out…';
                  fail(e);
                }
              });
            },
            'danger',
          );
          item.append(h('div', { class: 'form-actions start' }, revoke));
        }
        return item;
      }),
    );
  };

  call('account:sessions', { profileId: o.profile.id }).then(
    ({ sessions }) => render(sessions),
    (e: unknown) => {
      status.textContent = 'Your sessions could not be loaded.';
      fail(e);
    },
  );

  return {
    element: stepFrame({
      context: `Signed in · ${o.profile.displayName} · ${o.username}`,
      title: 'Where you are signed in',
      description:
        'Every sign-in of your account to this pool that is still active, newest use first.',
      body: [status, failure, list, h('div', { class: 'form-actions start' }, back)],
      keys: 'Esc goes back',
    }),
    focus: back,
    back: o.back,
  };
}
