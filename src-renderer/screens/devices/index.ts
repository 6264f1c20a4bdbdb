/**
 * The signed-in user's devices in a pool: name, last use, remembered or not,
 * and which one is this computer, with what those words mean above them.
 * Forget sits behind a confirmation; forgetting this computer also clears its
 * local device keys (main does that), so the next sign-in asks for MFA again
 * instead of failing on a stale key. The list can be asked for again at any time.
 */
import type { DeviceView, ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { call, on } from '../../api';
import type { ScreenDefinition, Unmount } from '../../shell';
import { h } from '../../ui/dom';
import { errorPanel } from '../../ui/error-display';
import { deviceActions } from './device-actions';
import { deviceLegend } from './device-legend';
import { deviceTable } from './device-table';
import { profileName, profilePicker } from './profile-picker';
import '../sign-in/sign-in.css';

function signedOutNote(): HTMLElement {
  return h(
    'div',
    { class: 'empty' },
    h('h2', {}, 'Sign in to see your devices'),
    h(
      'p',
      {},
      'Devices belong to a signed-in user. ',
      h('a', { href: '#/sign-in' }, 'Sign in'),
      ' first.',
    ),
  );
}

function noDevicesNote(thisComputerForgotten: boolean): HTMLElement {
  return h(
    'p',
    { class: 'empty-note', tabindex: -1 },
    thisComputerForgotten
      ? 'No devices are on this user’s list now. This computer is added again the next time you sign in on it.'
      : 'No devices are on this user’s list. Cognito adds a device when the user signs in on it, if the pool keeps track of devices.',
  );
}

function mountDevices(container: HTMLElement): Unmount {
  const body = h('div', { class: 'devices-body' });
  const picker = h('div', { class: 'devices-picker' });
  const failure = h('div', { hidden: true });
  const refresh = h('button', { type: 'button', class: 'button', hidden: true }, 'Refresh list');
  const legend = deviceLegend();
  legend.hidden = true;
  container.append(
    h('div', { class: 'screen-header' }, h('h1', { class: 'screen-title' }, 'Devices'), refresh),
    h(
      'p',
      { class: 'step-description' },
      'The computers and browsers this user has signed in from.',
    ),
    picker,
    failure,
    body,
    legend,
  );

  let profileId: string | undefined;
  let profiles: ProfileView[] = [];
  let sessions: SignedInView[] = [];

  const caption = (): string =>
    `Devices of ${sessions.find((s) => s.profileId === profileId)?.username ?? 'this user'} in ${profileName(profiles, profileId ?? '')}`;

  const actions = deviceActions({
    profileId: () => profileId ?? '',
    failure,
    onChanged(devices, { device, removed }) {
      const before = [...body.querySelectorAll<HTMLElement>('tr[data-device-key]')].map(
        (r) => r.dataset.deviceKey ?? '',
      );
      const table = render(devices, removed && device.isThisDevice);
      // Focus stays in the list: on the device changed, or the one after a forgotten one.
      const next = removed
        ? devices[Math.min(before.indexOf(device.deviceKey), devices.length - 1)]?.deviceKey
        : device.deviceKey;
      const target = next ? table?.actionOf(next) : undefined;
      (target ?? body.querySelector<HTMLElement>('.empty-note') ?? refresh).focus();
    },
  });

  function render(devices: DeviceView[], thisComputerForgotten = false) {
    if (devices.length === 0) {
      body.replaceChildren(noDevicesNote(thisComputerForgotten));
      return undefined;
    }
    const table = deviceTable(devices, caption(), actions);
    body.replaceChildren(table.element);
    return table;
  }

  async function loadDevices(): Promise<void> {
    const id = profileId;
    if (!id) return;
    failure.hidden = true;
    body.replaceChildren(h('p', { class: 'load-status' }, 'Asking Cognito for the devices…'));
    try {
      const { devices } = await call('devices:list', { profileId: id });
      if (id === profileId) render(devices);
    } catch (e) {
      body.replaceChildren(
        errorPanel('The devices could not be loaded', e, () => void loadDevices()),
      );
    }
  }

  async function load(): Promise<void> {
    try {
      const [list, state] = await Promise.all([call('profiles:list', {}), call('auth:state', {})]);
      profiles = list.profiles;
      sessions = state.sessions;
      const signedIn = sessions.map((s) => s.profileId);
      refresh.hidden = signedIn.length === 0;
      legend.hidden = signedIn.length === 0;
      if (signedIn.length === 0) {
        profileId = undefined;
        picker.replaceChildren();
        body.replaceChildren(signedOutNote());
        return;
      }
      if (!profileId || !signedIn.includes(profileId))
        profileId = signedIn.includes(list.selectedId) ? list.selectedId : signedIn[0];
      picker.replaceChildren(
        profilePicker(profiles, sessions, profileId ?? '', (id) => {
          profileId = id;
          void loadDevices();
        }),
      );
      await loadDevices();
    } catch (e) {
      body.replaceChildren(errorPanel('The devices could not be loaded', e, () => void load()));
    }
  }

  refresh.addEventListener('click', () => void loadDevices());
  void load();
  const off = on('auth:changed', ({ reason }) => {
    if (reason !== 'refreshed') void load();
  });
  return off;
}

export const devicesScreen: ScreenDefinition = {
  id: 'devices',
  title: 'Devices',
  mount: mountDevices,
};
