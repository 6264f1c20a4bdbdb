/** The user's devices: remembered or not, last use, and forgetting one or all. */
import type { AdminUserDetail } from '../../../src-main/ipc/contract';
import { call } from '../../api';
import { h } from '../../ui/dom';
import { action, section, when } from './user-card';
import type { UserContext } from './user-context';

type Device = AdminUserDetail['devices'][number];

function deviceRow(d: Device, { username, target, change }: UserContext): HTMLElement {
  return h(
    'li',
    {},
    h(
      'span',
      {},
      `${d.name ?? 'Unnamed device'} · ${d.remembered ? 'remembered' : 'not remembered'} · last used ${when(d.lastAuthenticatedAt)}`,
    ),
    d.remembered
      ? action(
          'Stop remembering',
          () =>
            void change({
              title: `Stop remembering “${d.name ?? d.deviceKey}” for ${username}?`,
              message: 'The device stays known, but no longer skips the MFA step.',
              confirmLabel: 'Stop remembering',
              done: 'The device is no longer remembered.',
              run: () =>
                call('admin:setDeviceRemembered', {
                  ...target,
                  deviceKey: d.deviceKey,
                  remembered: false,
                }),
            }),
        )
      : null,
    action(
      'Forget',
      () =>
        void change({
          title: `Forget “${d.name ?? d.deviceKey}” for ${username}?`,
          message: 'Its next sign-in is treated as a new device (MFA asked again).',
          confirmLabel: 'Forget device',
          done: 'The device was forgotten.',
          run: () => call('admin:forgetDevice', { ...target, deviceKey: d.deviceKey }),
        }),
    ),
  );
}

export function devicesCard(u: AdminUserDetail, user: UserContext): HTMLElement {
  const { username, target, destructive } = user;
  return section(
    'Devices',
    u.devices.length === 0
      ? h('p', { class: 'empty-note' }, 'No devices.')
      : h('ul', { class: 'admin-list' }, ...u.devices.map((d) => deviceRow(d, user))),
    u.devices.length > 0
      ? action(
          'Forget all devices…',
          () =>
            void destructive({
              title: `Forget all of ${username}’s devices?`,
              message: `All ${u.devices.length} devices are forgotten: every next sign-in is treated as new and asks for MFA again.`,
              confirmLabel: 'Forget all devices',
              done: 'All devices were forgotten.',
              run: (typed) => call('admin:forgetAllDevices', { ...target, confirmUsername: typed }),
            }),
          'danger',
        )
      : null,
  );
}
