/**
 * One user: status, what their next sign-in will ask, attributes, groups,
 * MFA, devices and recent sign-ins; and every change an admin makes at a
 * desk, each behind a confirmation that names the user and the effect.
 */
import { call } from '../../api';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import type { AdminContext, AdminView } from './context';
import { accountCard } from './user-account-card';
import { attributesCard, recentSignInsCard, sessionsCard } from './user-activity-cards';
import { userContext } from './user-context';
import { devicesCard } from './user-devices-card';
import { groupsCard } from './user-groups-card';
import { mfaCard } from './user-mfa-card';

export function userPage(ctx: AdminContext, username: string): AdminView {
  const title = h('h2', { class: 'admin-user-title', tabindex: -1 }, `User ${username}`);
  const status = h('div', { class: 'admin-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'admin-user-body' });
  const back = h('button', { type: 'button', class: 'button subtle' }, '← All users');
  back.addEventListener('click', ctx.openUsers);
  const user = userContext(ctx, username, status, load);

  async function load(): Promise<void> {
    try {
      const u = await call('admin:user', user.target);
      const account = accountCard(u, user);
      const mfa = mfaCard(u, user);
      const devices = devicesCard(u, user);
      const groups = groupsCard(u, user);
      const attributes = attributesCard(u);
      const signIns = recentSignInsCard(u);
      body.replaceChildren(account, mfa, sessionsCard(user), devices, groups, attributes, signIns);
    } catch (e) {
      body.replaceChildren(errorPanel(`${username} could not be loaded`, e, () => void load()));
    }
  }

  body.append(h('p', { class: 'load-status' }, `Asking Cognito about ${username}…`));
  void load();
  return {
    element: h(
      'section',
      { class: 'admin-section', 'aria-label': `User ${username}` },
      back,
      title,
      status,
      body,
    ),
    focus: title,
  };
}
